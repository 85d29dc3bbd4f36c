import Foundation
import Learning
import LinearAlgebra
import Numerics

// Small pieces the mixers share. Parameters are drawn in Double and rounded to the mixer's scalar, so a Float
// and a Double mixer built from the same seed hold the same numbers (up to rounding).

/// A rows × cols matrix with independent N(mean, std²) entries.
public func randomMatrix<Scalar: CoefficientScalar>(_ rows: Int, _ cols: Int, std: Double, mean: Double = 0,
                                                    rng: inout SeededRNG) -> Matrix<Scalar> {
    Matrix(rows: rows, cols: cols, data: (0..<(rows * cols)).map { _ in Scalar(mean + std * rng.normal()) })
}

/// A projection x W + b (W is d_in × d_out, stored as every Dense in this workspace).
public struct Projection<Scalar: CoefficientScalar>: Sendable {
    public var weight: Matrix<Scalar>
    public var bias: [Scalar]

    /// W ~ N(0, 1/d_in) (so a unit-variance input gives unit-variance outputs), b = `bias` for every output.
    public init(_ inputs: Int, _ outputs: Int, bias: Double = 0, gain: Double = 1, rng: inout SeededRNG) {
        weight = randomMatrix(inputs, outputs, std: gain / Double(inputs).squareRoot(), rng: &rng)
        self.bias = Array(repeating: Scalar(bias), count: outputs)
    }

    public init(weight: Matrix<Scalar>, bias: [Scalar]) {
        precondition(bias.count == weight.cols, "Projection: \(bias.count) biases for \(weight.cols) outputs")
        self.weight = weight
        self.bias = bias
    }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        var y = matmul(x, weight)
        for i in 0..<y.rows { for c in 0..<y.cols { y[i, c] += bias[c] } }
        return y
    }
}

/// Columns `head·size ..< (head+1)·size` of m: one head's slice.
public func headSlice<Scalar>(_ m: Matrix<Scalar>, head: Int, size: Int) -> Matrix<Scalar> {
    m.selectingColumns(Array((head * size)..<((head + 1) * size)))
}

/// Applies f to every entry.
public func elementwise<Scalar>(_ m: Matrix<Scalar>, _ f: (Scalar) -> Scalar) -> Matrix<Scalar> {
    Matrix(rows: m.rows, cols: m.cols, data: m.data.map(f))
}

/// Every row scaled to unit length (DeltaNet's L2-normalised keys and queries).
public func unitRows<Scalar: CoefficientScalar>(_ m: Matrix<Scalar>) -> Matrix<Scalar> {
    var out = m
    for i in 0..<m.rows {
        let norm = Scalar.sqrt(m.row(i).reduce(0) { $0 + $1 * $1 })
        for c in 0..<m.cols { out[i, c] = norm > 0 ? m[i, c] / norm : 0 }
    }
    return out
}

public func sigmoid<Scalar: CoefficientScalar>(_ x: Scalar) -> Scalar { 1 / (1 + Scalar.exp(-x)) }

/// log(1 + eˣ), computed without overflow for large x.
public func softplus<Scalar: CoefficientScalar>(_ x: Scalar) -> Scalar {
    x > 20 ? x : Scalar.log(1 + Scalar.exp(x))
}

/// elu(x) + 1: linear attention's positive feature map (Katharopoulos et al. 2020).
public func eluPlusOne<Scalar: CoefficientScalar>(_ x: Scalar) -> Scalar { x > 0 ? x + 1 : Scalar.exp(x) }

/// A [1, L, d] tensor holding the rows of m (one sequence), for the layers of SequenceModels.
public func sequenceTensor<Scalar: TensorScalar>(_ m: Matrix<Scalar>) -> Tensor<Scalar> {
    Tensor(shape: [1, m.rows, m.cols], scalars: m.data)
}

/// The rows of a [1, L, d] tensor as an L × d matrix.
public func sequenceMatrix<Scalar: TensorScalar>(_ t: Tensor<Scalar>) -> Matrix<Scalar> {
    precondition(t.rank == 3 && t.shape[0] == 1, "sequenceMatrix: expected [1, L, d], got \(t.shape)")
    return Matrix(rows: t.shape[1], cols: t.shape[2], data: t.scalars)
}

/// ‖a − b‖ / ‖b‖ over all entries (Frobenius), computed in Double.
public func relativeError<Scalar: CoefficientScalar>(_ a: Matrix<Scalar>, _ b: Matrix<Scalar>) -> Double {
    precondition(a.rows == b.rows && a.cols == b.cols, "relativeError: \(a.rows)×\(a.cols) vs \(b.rows)×\(b.cols)")
    var diff = 0.0, norm = 0.0
    for (x, y) in zip(a.data, b.data) {
        diff += (Double(x) - Double(y)) * (Double(x) - Double(y))
        norm += Double(y) * Double(y)
    }
    return norm > 0 ? (diff / norm).squareRoot() : diff.squareRoot()
}
