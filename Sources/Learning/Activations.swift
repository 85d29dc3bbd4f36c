import _Differentiation
import LinearAlgebra

/// The pointwise nonlinearities, one enum so a layer can be configured with one (`MLP(activation: .relu)`).
public enum Activation: Sendable, Equatable {
    case relu
    case tanh
    /// GELU, tanh approximation (GPT-2, PyTorch's `approximate="tanh"`): ½x(1 + tanh(√(2/π)(x + 0.044715x³))).
    case gelu
    case exp
}

extension TensorScalar {
    public static func activationForward(_ f: Activation, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
                                         count: Int) {
        portableActivationForward(f, x, y, count: count)
    }

    public static func activationBackward(_ f: Activation, x: UnsafePointer<Self>, y: UnsafePointer<Self>,
                                          dy: UnsafePointer<Self>, dx: UnsafeMutablePointer<Self>, count: Int) {
        portableActivationBackward(f, x: x, y: y, dy: dy, dx: dx, count: count)
    }

    /// The nonlinearities in Swift, for every scalar type (Float's GELU runs in C instead: see TensorScalar.swift;
    /// tests compare the two bit for bit).
    public static func portableActivationForward(_ f: Activation, _ x: UnsafePointer<Self>,
                                                 _ y: UnsafeMutablePointer<Self>, count: Int) {
        switch f {
        case .relu: for i in 0..<count { y[i] = x[i] > 0 ? x[i] : 0 }
        case .tanh: for i in 0..<count { y[i] = tanh(x[i]) }
        case .exp: for i in 0..<count { y[i] = exp(x[i]) }
        case .gelu:
            let c: Self = 0.7978845608028654, k: Self = 0.044715  // √(2/π)
            for i in 0..<count {
                let v = x[i]
                y[i] = 0.5 * v * (1 + tanh(c * (v + k * v * v * v)))
            }
        }
    }

    /// dx = f′(x)·dy. Each case uses whichever of x and y gives f′ most cheaply.
    public static func portableActivationBackward(_ f: Activation, x: UnsafePointer<Self>, y: UnsafePointer<Self>,
                                                  dy: UnsafePointer<Self>, dx: UnsafeMutablePointer<Self>, count: Int) {
        switch f {
        case .relu: for i in 0..<count { dx[i] = x[i] > 0 ? dy[i] : 0 }
        case .tanh: for i in 0..<count { dx[i] = dy[i] * (1 - y[i] * y[i]) }
        case .exp: for i in 0..<count { dx[i] = dy[i] * y[i] }
        case .gelu:
            // Recomputing tanh costs one more call per element but keeps the forward pass free of a saved buffer.
            let c: Self = 0.7978845608028654, k: Self = 0.044715
            for i in 0..<count {
                let v = x[i]
                let t = tanh(c * (v + k * v * v * v))
                let du = c * (1 + 3 * k * v * v)
                dx[i] = dy[i] * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du)
            }
        }
    }
}

/// Applies a pointwise nonlinearity.
@differentiable(reverse, wrt: x)
public func activation<S>(_ f: Activation, _ x: Tensor<S>) -> Tensor<S> {
    Tensor.make(x.shape) { y in
        x.withBase { px in
            KernelThreads.chunks(x.count) { r in S.activationForward(f, px + r.lowerBound, y + r.lowerBound, count: r.count) }
        }
    }
}

@derivative(of: activation, wrt: x)
public func _vjpActivation<S>(_ f: Activation, _ x: Tensor<S>) -> (value: Tensor<S>, pullback: (Tensor<S>) -> Tensor<S>) {
    let y = activation(f, x)
    return (y, { v in
        if v.isSymbolicZero { return .zero }
        return Tensor.make(x.shape) { dx in
            x.withBase { px in y.withBase { py in v.withBase { pv in
                KernelThreads.chunks(x.count) { r in
                    let i = r.lowerBound
                    S.activationBackward(f, x: px + i, y: py + i, dy: pv + i, dx: dx + i, count: r.count)
                }
            } } }
        }
    })
}

@differentiable(reverse) public func relu<S>(_ x: Tensor<S>) -> Tensor<S> { activation(.relu, x) }
@differentiable(reverse) public func tanh<S>(_ x: Tensor<S>) -> Tensor<S> { activation(.tanh, x) }
@differentiable(reverse) public func gelu<S>(_ x: Tensor<S>) -> Tensor<S> { activation(.gelu, x) }
@differentiable(reverse) public func exp<S>(_ x: Tensor<S>) -> Tensor<S> { activation(.exp, x) }
