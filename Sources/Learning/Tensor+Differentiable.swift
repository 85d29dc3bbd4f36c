import _Differentiation

/// A tensor is its own tangent: the gradient of a loss with respect to a [64, 8] weight is another [64, 8] tensor.
///
/// The differentiation system needs a `zero` tangent before it knows any shape (it starts every gradient sum
/// from `zero`), so `zero` is a *symbolic* zero: no shape, no scalars, and `zero + g == g` for every g.
/// Operations never see it as an input during a forward pass; pullbacks check for it and return `zero` again,
/// which also saves work when a branch of the computation does not reach the loss.
extension Tensor: Differentiable {
    public typealias TangentVector = Tensor

    public mutating func move(by offset: Tensor) {
        self = self + offset
    }
}

extension Tensor: AdditiveArithmetic {
    public static var zero: Tensor { Tensor(symbolicZero: ()) }

    /// True for the shape-less zero that the differentiation system creates.
    public var isSymbolicZero: Bool { scalars.isEmpty && shape.isEmpty }

    // `+` and `-` are defined with broadcasting in Arithmetic.swift; they also serve as the tangent sum.
}

extension Tensor: Equatable {
    /// Same shape and same values; the symbolic zero equals any tensor of zeros.
    public static func == (a: Tensor, b: Tensor) -> Bool {
        if a.isSymbolicZero { return b.scalars.allSatisfy { $0 == 0 } }
        if b.isSymbolicZero { return a.scalars.allSatisfy { $0 == 0 } }
        return a.shape == b.shape && a.scalars == b.scalars
    }
}
