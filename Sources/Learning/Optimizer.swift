import _Differentiation

/// Updates a model's parameters from a gradient. Optimisers keep their per-parameter state (momentum, Adam's
/// moments) in arrays indexed by visiting order (see `ParameterVisitable`), so one optimiser works for any model.
public protocol Optimizer {
    associatedtype Model: Trainable
    /// The step size; the training loop overwrites it every step when a schedule is given.
    var learningRate: Double { get set }
    /// Applies one step: parameters move against `gradient`.
    mutating func update(_ model: inout Model, along gradient: Model.TangentVector)
}

extension Optimizer {
    /// Calls `body(index, parameter, gradient)` for every parameter that received a gradient.
    /// A parameter the loss did not reach has the symbolic zero as gradient and is skipped (as PyTorch skips
    /// parameters whose `.grad` is None), so its weight decay and momentum are left alone too.
    func forEachParameter(of model: inout Model, gradient: Model.TangentVector,
                          _ body: (Int, inout Tensor<Model.Scalar>, Tensor<Model.Scalar>) -> Void) {
        let gradients = gradient.parameterTensors
        var index = 0
        model.visitParameters { name, parameter in
            // A missing entry (an array layer the loss never reached) counts as a zero gradient.
            let g = index < gradients.count ? gradients[index] : .zero
            if !g.isSymbolicZero {
                precondition(g.shape == parameter.shape, "optimiser: gradient of \(name) is \(g.shape), parameter is \(parameter.shape)")
                body(index, &parameter, g)
            }
            index += 1
        }
    }
}

extension Tensor {
    /// self ← self + α·x, in place.
    mutating func add(_ x: Tensor, times alpha: Scalar) {
        let n = count
        x.withBase { px in scalars.withUnsafeMutableBufferPointer { p in if n > 0 { Scalar.axpyKernel(alpha, px, p.baseAddress!, count: n) } } }
    }
}
