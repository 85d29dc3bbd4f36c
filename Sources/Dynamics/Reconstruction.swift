import LinearAlgebra

/// Predictions of unobserved quantities on held-out samples, next to their true values.
///
/// Every reconstruction in this module fits on the first part of the samples and is scored on the rest, a
/// contiguous split in time: consecutive samples of a trajectory are nearly identical, so a random split
/// would let the decoder "predict" a test point from its own neighbour in time and overstate the score.
public struct Reconstruction: Sendable {
    /// Which rows of the feature matrix (or embedding) were held out, in order.
    public let testRows: Range<Int>
    /// Predicted targets for the held-out rows (one column per target).
    public let predicted: Matrix<Double>
    /// True targets for the held-out rows.
    public let actual: Matrix<Double>

    /// R² for each target column on the held-out rows.
    public var r2: [Double] { r2PerColumn(actual: actual, predicted: predicted) }
}

/// The number of training rows for a contiguous split, validated so both parts are non-empty.
func trainCount(rows n: Int, trainFraction: Double) throws -> Int {
    let nTrain = Int(Double(n) * trainFraction)
    guard nTrain >= 1 && nTrain < n else {
        throw DynamicsError.invalidArgument("trainFraction = \(trainFraction) leaves an empty train or test part of \(n) rows")
    }
    return nTrain
}
