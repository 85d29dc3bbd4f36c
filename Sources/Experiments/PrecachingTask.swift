import Foundation
import Learning
import LinearAlgebra

/// Paper 002's synthetic task D_p (Wu, Morris, Levine 2024, §4), built so that solving it *requires* a position
/// to compute something useless to itself:
///
///     x_n ~ N(0, 1),   z_n ~ Bernoulli(p),   input (x_n, z_n)
///     y_n = z_n · Σ_{i=1…k} sin(w·x_{n−i})  +  (1 − z_n) · x_n          (terms with n − i < 0 are 0)
///
/// sin(w·x_n) never helps position n itself (its target is x_n or a sum over *earlier* inputs), but it is
/// exactly what positions n+1 … n+k need when their z is 1. A model that computes it at n, for later use, is
/// pre-caching. The paper uses k = 10, w = 10, length 64; a chapter can choose smaller values.
///
/// The **control** (`copiesPresent: false`, chapter 7's own test, not the paper's) asks for 0 instead of x_n where
/// z_n = 0: the positions that do not ask for the sum then need nothing of their own input, so nothing built for
/// the present can serve the future. If a myopic model's partial success at p < 1 comes from features of x_n that
/// the present needs, it disappears in the control.
public struct PrecachingTask: Sendable {
    /// k, how many earlier inputs the sum covers.
    public let window: Int
    /// w, the frequency of the sine.
    public let frequency: Double
    /// p, the probability that a position asks for the sum.
    public let probability: Double
    /// T, the sequence length.
    public let length: Int
    /// Whether a position with z_n = 0 must output its own x_n (the paper's task) or 0 (the control).
    public let copiesPresent: Bool

    public init(window: Int, frequency: Double, probability: Double, length: Int, copiesPresent: Bool = true) throws {
        guard window >= 1, window < length else {
            throw ExperimentError("the window k = \(window) must be between 1 and the length − 1 = \(length - 1)")
        }
        guard frequency > 0, frequency.isFinite else { throw ExperimentError("the frequency w must be positive (got \(frequency))") }
        guard probability > 0, probability <= 1 else {
            throw ExperimentError("the probability p must be in (0, 1] (got \(probability))")
        }
        self.window = window
        self.frequency = frequency
        self.probability = probability
        self.length = length
        self.copiesPresent = copiesPresent
    }

    /// The targets y of one sequence.
    public func targets(x: [Double], z: [Bool]) -> [Double] {
        (0..<x.count).map { n in
            guard z[n] else { return copiesPresent ? x[n] : 0 }
            var sum = 0.0
            for i in 1...window where n - i >= 0 { sum += Foundation.sin(frequency * x[n - i]) }
            return sum
        }
    }

    /// `count` fresh sequences drawn with `rng`.
    public func batch(_ count: Int, rng: inout SeededRNG) -> PrecachingBatch {
        var x = [Double](), z = [Bool](), y = [Double]()
        x.reserveCapacity(count * length); z.reserveCapacity(count * length); y.reserveCapacity(count * length)
        for _ in 0..<count {
            let xs = (0..<length).map { _ in rng.normal() }
            let zs = (0..<length).map { _ in rng.uniform() < probability }
            x += xs; z += zs; y += targets(x: xs, z: zs)
        }
        return PrecachingBatch(task: self, sequences: count, x: x, z: z, y: y)
    }
}

/// Sequences of D_p, flat in sequence-major order (sequence b, position n at b·T + n).
public struct PrecachingBatch: Sendable {
    public let task: PrecachingTask
    public let sequences: Int
    public let x: [Double]
    public let z: [Bool]
    public let y: [Double]

    /// The model's input [B, T, 2]: (x_n, z_n) at every position.
    public var inputs: Tensor<Float> {
        var scalars = [Float]()
        scalars.reserveCapacity(2 * x.count)
        for (xn, zn) in zip(x, z) { scalars.append(Float(xn)); scalars.append(zn ? 1 : 0) }
        return Tensor(shape: [sequences, task.length, 2], scalars: scalars)
    }

    /// The targets [B, T, 1].
    public var targets: Tensor<Float> { Tensor(shape: [sequences, task.length, 1], scalars: y.map(Float.init)) }

    /// Paper 002's score: the mean Huber loss (δ = 1) over all positions, divided by p, so that it approximates the
    /// loss on the positions that ask for the sum.
    public func normalizedLoss(_ prediction: [Double]) -> Double {
        precondition(prediction.count == y.count, "normalizedLoss: \(prediction.count) predictions for \(y.count) targets")
        var total = 0.0
        for (a, b) in zip(prediction, y) {
            let r = Swift.abs(a - b)
            total += r <= 1 ? 0.5 * r * r : r - 0.5
        }
        return total / Double(y.count) / task.probability
    }

    /// The "predict zero" baseline: copy x_n where z_n = 0 (the input says so; 0 in the control), predict 0 where
    /// the sum is asked. Each sine has mean 0 whatever the past, so this is the best a model can do without
    /// sin(w·x) of the past.
    public var baselineLoss: Double { normalizedLoss(zip(x, z).map { $1 || !task.copiesPresent ? 0 : $0 }) }

    /// sin(w·x_{n−lag}) at every position (0 before the start): what a probe looks for.
    public func laggedSine(lag: Int) -> [Double] {
        let t = task.length
        return (0..<x.count).map { r in
            let n = r % t
            return n - lag >= 0 ? Foundation.sin(task.frequency * x[r - lag]) : 0
        }
    }
}
