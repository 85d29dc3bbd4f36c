import LinearAlgebra
import Numerics

/// One head (or channel) of a mixer in coefficient form: its system, its values, and where its output goes.
///
/// Heads write α V into `outputColumns` of the mixed output, *adding* to what is there: attention heads write
/// side by side into disjoint columns; an LRU's (output c, input c′) pairs all add into column c.
public struct CoefficientHead<Scalar: CoefficientScalar>: Sendable {
    public var system: CoefficientSystem<Scalar>
    /// V, L × d_v.
    public var values: Matrix<Scalar>
    public var outputColumns: [Int]

    public init(system: CoefficientSystem<Scalar>, values: Matrix<Scalar>, outputColumns: [Int]) {
        precondition(values.rows == system.length && values.cols == outputColumns.count,
                     "CoefficientHead: values \(values.rows)×\(values.cols) for \(system.length) tokens and \(outputColumns.count) columns")
        self.system = system
        self.values = values
        self.outputColumns = outputColumns
    }
}

/// Σ over heads of α V, placed in each head's columns of an L × `width` output.
public func mix<Scalar>(_ heads: [CoefficientHead<Scalar>], length: Int, width: Int) -> Matrix<Scalar> {
    var out = Matrix<Scalar>(rows: length, cols: width)
    for head in heads {
        let y = head.system(head.values)
        for i in 0..<length { for (c, column) in head.outputColumns.enumerated() { out[i, column] += y[i, c] } }
    }
    return out
}

/// How a mixer maps onto (A_i, b_j, φ, η), in words, for tables.
public struct MixerForm: Sendable {
    public var evolution: String
    public var impulse: String
    public var readout: String
    public var normaliser: String

    public init(evolution: String, impulse: String, readout: String, normaliser: String) {
        self.evolution = evolution
        self.impulse = impulse
        self.readout = readout
        self.normaliser = normaliser
    }
}

/// A sequence mixer with two implementations: its own (the recurrence or parallel form its paper writes) and the
/// coefficient form, one `CoefficientSystem` per head or channel. The tests and chapter 6 check they agree.
///
/// Input x is L × `inputWidth` (one row per token). The coefficient form is `combine(Σ_heads α V)`: `combine` is
/// whatever the mixer does *after* mixing over time (attention's output projection W_O), the identity by default.
public protocol SequenceMixer<Scalar> {
    associatedtype Scalar: CoefficientScalar
    var name: String { get }
    var form: MixerForm { get }
    var inputWidth: Int { get }
    /// Columns of Σ_heads α V, before `combine`.
    var mixedWidth: Int { get }
    /// The mixer as its paper writes it.
    func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar>
    /// The same mixer as coefficient systems, for input x.
    func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>]
    func combine(_ mixed: Matrix<Scalar>) -> Matrix<Scalar>
}

extension SequenceMixer {
    public func combine(_ mixed: Matrix<Scalar>) -> Matrix<Scalar> { mixed }

    /// The output computed through the materialised coefficient matrices: combine(Σ_heads α V).
    public func throughCoefficients(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        combine(mix(coefficientHeads(x), length: x.rows, width: mixedWidth))
    }
}
