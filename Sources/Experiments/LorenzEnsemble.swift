import Dynamics
import Learning
import LinearAlgebra

/// Paper 000's data set: many short, independent Lorenz-63 trajectories, each seen only through a noisy x.
///
/// Each trajectory starts from the paper's random initial condition (its default point times U[0, 5)), runs a
/// 200-step burn-in that is thrown away, then `length` steps at dt = 0.01 (5 time units, about four and a half
/// Lyapunov times). Gaussian noise of standard deviation `noise` is added to x **in the system's own units**
/// (std(x) ≈ 7.9 on the attractor, so 0.05 is about 0.6% of it), as the paper does. The models then see x
/// divided by a fixed scale (`standardization`, fitted on a training ensemble): a change of units that leaves
/// every scaled score (MASE, R², overlap) unchanged and keeps the networks' inputs of order one.
public struct LorenzEnsemble: Sendable {
    /// The true states, one (length × 3) matrix per trajectory.
    public let states: [Matrix<Double>]
    /// The noisy observation of x in raw units, one array per trajectory.
    public let observed: [[Double]]
    /// Observation noise standard deviation, raw units.
    public let noise: Double

    /// `stream` separates independent ensembles of one seed (training and held-out sets).
    public init(count: Int, length: Int = 500, burnIn: Int = 200, noise: Double, seed: UInt64, stream: UInt64) {
        var stateRNG = SeededRNG(seed: seed, stream: 100 + 2 * stream)
        states = trajectories(Lorenz63(), count: count, dt: 0.01, steps: length, burnIn: burnIn, rng: &stateRNG)
        var noiseRNG = SeededRNG(seed: seed, stream: 101 + 2 * stream)
        observed = states.map { addNoise(observe($0, coordinate: 0), std: noise, rng: &noiseRNG) }
        self.noise = noise
    }

    public var count: Int { states.count }
    public var length: Int { states.first?.rows ?? 0 }

    /// Mean and standard deviation of every observation, pooled.
    public var standardization: Standardization { Standardization(fitting: observed.flatMap { $0 }) }

    /// The standardised observations of trajectories `indices`, from step `offset` for `count` steps, as a
    /// [B, count, 1] tensor: offset 0 is the model's input, offset 1 its next-step target.
    public func window(_ indices: [Int], offset: Int, count: Int, scale: Standardization) -> Tensor<Float> {
        var scalars = [Float]()
        scalars.reserveCapacity(indices.count * count)
        for i in indices { scalars += scale.apply(Array(observed[i][offset..<(offset + count)])).map(Float.init) }
        return Tensor(shape: [indices.count, count, 1], scalars: scalars)
    }

    /// Teacher-forced input and target of trajectories `indices`: x(0…L−2) → x(1…L−1).
    public func inputs(_ indices: [Int], scale: Standardization) -> Tensor<Float> {
        window(indices, offset: 0, count: length - 1, scale: scale)
    }

    public func targets(_ indices: [Int], scale: Standardization) -> Tensor<Float> {
        window(indices, offset: 1, count: length - 1, scale: scale)
    }

    /// The true (y, z) of trajectories `indices` at steps `warm…L−2` (aligned with the model's positions), stacked.
    public func hidden(_ indices: [Int], warm: Int) -> Matrix<Double> {
        stacked(indices, warm: warm, columns: [1, 2])
    }

    /// The true (x, y, z) at the same rows as `hidden`.
    public func fullState(_ indices: [Int], warm: Int) -> Matrix<Double> {
        stacked(indices, warm: warm, columns: [0, 1, 2])
    }

    private func stacked(_ indices: [Int], warm: Int, columns: [Int]) -> Matrix<Double> {
        Matrix(rowArrays: indices.flatMap { i in (warm..<(length - 1)).map { t in columns.map { states[i][t, $0] } } })
    }
}
