import Dynamics
import LinearAlgebra

/// The task every sequence-model chapter trains on (paper 000's setting): the Lorenz-63 system seen only
/// through its x coordinate, with Gaussian observation noise, split in time into a training part and a
/// held-out part, and standardised with the training part's mean and standard deviation.
///
/// Keeping it in one place means chapters 3, 4 and 5 train on exactly the same data for the same seed.
public struct ObservedLorenz: Sendable {
    /// The true state (x, y, z) at every step: rows are time steps.
    public let trajectory: Matrix<Double>
    /// The standardised noisy observation of x, one value per step.
    public let series: [Double]
    /// The first step of the held-out part (the first 70% trains).
    public let split: Int
    /// Observation noise as a fraction of std(x).
    public let relativeNoise: Double

    /// - Parameters:
    ///   - steps: length of the series after a burn-in of 2000 steps (20 time units at dt = 0.01).
    ///   - relativeNoise: the noise standard deviation as a fraction of std(x) (chapter 1's η).
    ///   - seed: data stream 1 draws the initial condition, stream 2 the noise (as in chapters 1–2).
    public init(steps: Int, relativeNoise: Double, seed: UInt64, dt: Double = 0.01) {
        var dataRNG = SeededRNG(seed: seed, stream: 1)
        let start = randomInitialConditions(box: [-15..<15, -20..<20, 5..<40], count: 1, rng: &dataRNG)[0]
        trajectory = integrate(Lorenz63(), from: start, dt: dt, steps: steps, burnIn: 2_000)
        let x = observe(trajectory, coordinate: 0)
        var noiseRNG = SeededRNG(seed: seed, stream: 2)
        let observed = addNoise(x, std: relativeNoise * standardDeviation(x), rng: &noiseRNG)
        split = Int(0.7 * Double(steps))
        series = Standardization(fitting: Array(observed[..<split])).apply(observed)
        self.relativeNoise = relativeNoise
    }

    public var steps: Int { series.count }

    /// The unobserved coordinates (y, z) at the given steps, one row per step.
    public func hidden(at times: [Int]) -> Matrix<Double> {
        Matrix(rowArrays: times.map { [trajectory[$0, 1], trajectory[$0, 2]] })
    }
}
