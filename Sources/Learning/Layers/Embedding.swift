import _Differentiation
import LinearAlgebra

/// A lookup table from integer ids (tokens, symbols of a discretised signal) to learned vectors.
public struct Embedding<Scalar: TensorScalar>: Trainable {
    /// [vocabularySize, size]: row i is the vector of id i.
    public var table: Tensor<Scalar>

    /// Rows drawn from N(0, 1), PyTorch's default for `nn.Embedding`.
    public init(vocabularySize: Int, size: Int, rng: inout SeededRNG) {
        table = Tensor(randomNormal: [vocabularySize, size], rng: &rng)
    }

    /// The vectors of `ids`, shaped `idShape + [size]` (default `[ids.count, size]`); e.g. idShape [B, T] gives [B, T, C].
    @differentiable(reverse, wrt: self)
    public func callAsFunction(_ ids: [Int], shape idShape: [Int]? = nil) -> Tensor<Scalar> {
        gather(rows: ids, idShape: idShape, of: table)
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visit("table", &table)
    }

    /// The gradient: one tensor per parameter, with the same names. Swift would synthesise this type, but a synthesised
    /// tangent of a generic struct cannot be extended, and the optimisers need it to list its tensors.
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var table: Tensor<Scalar>

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visit("table", &table)
        }
    }

    public mutating func move(by offset: TangentVector) {
        table.move(by: offset.table)
    }
}
