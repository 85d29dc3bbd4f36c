import _Differentiation
import LinearAlgebra

/// A fully connected (linear) layer: y = x·W + b, applied to the last axis of x ([B, in] or [B, T, in]).
///
/// W is stored [in, out] so that a batch of row vectors multiplies it directly (PyTorch stores Wᵀ instead).
public struct Dense<Scalar: TensorScalar>: Trainable {
    public var weight: Tensor<Scalar>
    public var bias: Tensor<Scalar>

    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>) {
        precondition(weight.rank == 2 && bias.shape == [weight.shape[1]], "Dense: weight \(weight.shape), bias \(bias.shape)")
        self.weight = weight
        self.bias = bias
    }

    /// PyTorch's default initialisation: weight and bias uniform in ±1/√inputSize, which keeps the output's
    /// variance close to the input's whatever the width.
    public init(inputSize: Int, outputSize: Int, rng: inout SeededRNG) {
        let bound = 1 / Double(inputSize).squareRoot()
        weight = Tensor(randomUniform: [inputSize, outputSize], low: -bound, high: bound, rng: &rng)
        bias = Tensor(randomUniform: [outputSize], low: -bound, high: bound, rng: &rng)
    }

    @differentiable(reverse)
    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        affine(x, weight, bias)
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visit("weight", &weight)
        visit("bias", &bias)
    }

    /// The gradient: one tensor per parameter, with the same names. Swift would synthesise this type, but a synthesised
    /// tangent of a generic struct cannot be extended, and the optimisers need it to list its tensors.
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var weight: Tensor<Scalar>
        public var bias: Tensor<Scalar>

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visit("weight", &weight)
            visit("bias", &bias)
        }
    }

    public mutating func move(by offset: TangentVector) {
        weight.move(by: offset.weight)
        bias.move(by: offset.bias)
    }
}
