import _Differentiation
import LinearAlgebra

/// A multilayer perceptron: Dense → activation → Dense → … → Dense, no activation after the last layer.
///
/// `MLP(sizes: [8, 64, 64, 1], …)` has three Dense layers 8→64, 64→64, 64→1.
public struct MLP<Scalar: TensorScalar>: Trainable {
    public var layers: [Dense<Scalar>]
    @noDerivative public var activation: Activation

    public init(sizes: [Int], activation: Activation = .gelu, rng: inout SeededRNG) {
        precondition(sizes.count >= 2, "MLP: need at least input and output sizes, got \(sizes)")
        layers = []
        for (i, o) in zip(sizes, sizes.dropFirst()) { layers.append(Dense(inputSize: i, outputSize: o, rng: &rng)) }
        self.activation = activation
    }

    /// The classic two-layer block: Dense(in→hidden) → activation → Dense(hidden→out).
    public init(inputSize: Int, hiddenSize: Int, outputSize: Int, activation: Activation = .gelu, rng: inout SeededRNG) {
        self.init(sizes: [inputSize, hiddenSize, outputSize], activation: activation, rng: &rng)
    }

    @differentiable(reverse)
    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        var h = x
        let last = withoutDerivative(at: layers.count - 1)
        for i in withoutDerivative(at: layers.indices) {
            h = layers[i](h)
            if i < last { h = Learning.activation(activation, h) }
        }
        return h
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        for i in layers.indices { visitChild("layers.\(i)", &layers[i], visit) }
    }

    /// The gradient: one gradient per layer. Swift would synthesise this type, but a synthesised
    /// tangent of a generic struct cannot be extended, and the optimisers need it to list its tensors.
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var layers: Array<Dense<Scalar>>.TangentVector

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            // An array's gradient is empty when no gradient reached it; the optimiser then skips these layers.
            for i in layers.base.indices { visitChild("layers.\(i)", &layers.base[i], visit) }
        }
    }

    public mutating func move(by offset: TangentVector) {
        layers.move(by: offset.layers)
    }
}
