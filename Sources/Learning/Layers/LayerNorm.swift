import _Differentiation

/// Layer normalisation over the last axis with a learned gain (initially 1) and bias (initially 0).
public struct LayerNorm<Scalar: TensorScalar>: Trainable {
    public var gain: Tensor<Scalar>
    public var bias: Tensor<Scalar>
    @noDerivative public var epsilon: Double

    public init(size: Int, epsilon: Double = 1e-5) {
        gain = Tensor(repeating: 1, shape: [size])
        bias = Tensor(zeros: [size])
        self.epsilon = epsilon
    }

    @differentiable(reverse)
    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        layerNorm(x, gain: gain, bias: bias, epsilon: epsilon)
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visit("gain", &gain)
        visit("bias", &bias)
    }

    /// The gradient: one tensor per parameter, with the same names. Swift would synthesise this type, but a synthesised
    /// tangent of a generic struct cannot be extended, and the optimisers need it to list its tensors.
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var gain: Tensor<Scalar>
        public var bias: Tensor<Scalar>

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visit("gain", &gain)
            visit("bias", &bias)
        }
    }

    public mutating func move(by offset: TangentVector) {
        gain.move(by: offset.gain)
        bias.move(by: offset.bias)
    }
}
