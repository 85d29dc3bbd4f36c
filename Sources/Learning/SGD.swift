import _Differentiation

/// Stochastic gradient descent, optionally with momentum (PyTorch's form, no dampening):
///     b ← μ·b + g,   p ← p − lr·b          (μ = 0: p ← p − lr·g)
public struct SGD<Model: Trainable>: Optimizer {
    public var learningRate: Double
    public var momentum: Double
    private var velocity: [Tensor<Model.Scalar>]

    public init(for model: Model, learningRate: Double, momentum: Double = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        velocity = model.parameterTensors.map { Tensor(zeros: $0.shape) }
    }

    public mutating func update(_ model: inout Model, along gradient: Model.TangentVector) {
        let lr = Model.Scalar(learningRate), mu = Model.Scalar(momentum)
        forEachParameter(of: &model, gradient: gradient) { i, p, g in
            if momentum == 0 {
                p.add(g, times: -lr)
            } else {
                velocity[i].scale(by: mu)
                velocity[i].add(g, times: 1)
                p.add(velocity[i], times: -lr)
            }
        }
    }
}
