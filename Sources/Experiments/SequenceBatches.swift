import Learning
import LinearAlgebra

/// Teacher-forced training data for a sequence model: windows of `length` consecutive observations as input
/// and the same windows shifted by one step as targets, so the model predicts x(t+1) at every position.
///
/// Training windows start anywhere in the training part (drawn with the caller's generator); held-out windows
/// tile the held-out part without overlap.
public struct SequenceBatches: Sendable {
    public let task: ObservedLorenz
    public let length: Int
    /// Non-overlapping held-out windows (at most `maxValidation` of them).
    public let validationStarts: [Int]

    public init(task: ObservedLorenz, length: Int, maxValidation: Int = 8) throws {
        self.task = task
        self.length = length
        validationStarts = Array(stride(from: task.split, to: task.steps - length - 1, by: length).prefix(maxValidation))
        guard !validationStarts.isEmpty, task.split > length + 1 else {
            throw ExperimentError("the series (\(task.steps) steps) is too short for sequences of length \(length)")
        }
    }

    /// Inputs [B, length, 1] starting at each of `starts`.
    public func inputs(_ starts: [Int]) -> Tensor<Float> { window(starts, offset: 0) }

    /// Targets [B, length, 1]: the inputs one step later.
    public func targets(_ starts: [Int]) -> Tensor<Float> { window(starts, offset: 1) }

    /// `count` random training windows per step for `steps` steps, drawn in advance so a run is reproducible.
    public func trainingStarts(steps: Int, batchSize: Int, rng: inout SeededRNG) -> [[Int]] {
        (0..<steps).map { _ in (0..<batchSize).map { _ in Int(rng.next() % UInt64(task.split - length - 1)) } }
    }

    /// The true (y, z) behind every held-out position from `warm` on, pooled over the held-out windows in the
    /// same order as `pooledRows` pools model states.
    public func validationHidden(warm: Int) -> Matrix<Double> {
        task.hidden(at: validationStarts.flatMap { ($0 + warm)..<($0 + length) })
    }

    private func window(_ starts: [Int], offset: Int) -> Tensor<Float> {
        var scalars = [Float]()
        scalars.reserveCapacity(starts.count * length)
        for s in starts { scalars += task.series[(s + offset)..<(s + offset + length)].map(Float.init) }
        return Tensor(shape: [starts.count, length, 1], scalars: scalars)
    }
}

/// Rows of a [B, T, F] tensor of per-position features, skipping the first `warm` positions of every sequence
/// (a state that starts from zero, or attention with little context, has not settled there), as one
/// (B·(T − warm)) × F matrix in Double.
public func pooledRows<S: TensorScalar>(_ features: Tensor<S>, warm: Int) -> Matrix<Double> {
    let (b, t, f) = (features.shape[0], features.shape[1], features.shape[2])
    var data = [Double]()
    data.reserveCapacity(b * (t - warm) * f)
    for i in 0..<b {
        let base = i * t * f
        data += features.scalars[(base + warm * f)..<(base + t * f)].map { Double($0) }
    }
    return Matrix(rows: b * (t - warm), cols: f, data: data)
}

public struct ExperimentError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
