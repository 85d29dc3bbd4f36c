import Foundation
import _Differentiation
import LinearAlgebra

/// Adam with decoupled weight decay (Loshchilov & Hutter), step for step as PyTorch's `torch.optim.AdamW`:
///
///     p ← p·(1 − lr·λ)                          decay acts on the weights, not through the gradient
///     m ← β₁m + (1 − β₁)g                       running mean of gradients
///     v ← β₂v + (1 − β₂)g²                      running mean of squared gradients
///     p ← p − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
///
/// The factors 1 − βᵗ undo the bias of m and v towards their zero start during the first steps.
public struct AdamW<Model: Trainable>: Optimizer {
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    public var weightDecay: Double
    /// Steps taken so far (t in the formulas).
    public private(set) var step = 0
    private var m: [Tensor<Model.Scalar>]
    private var v: [Tensor<Model.Scalar>]

    public init(for model: Model, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0.01) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        m = model.parameterTensors.map { Tensor(zeros: $0.shape) }
        v = m
    }

    public mutating func update(_ model: inout Model, along gradient: Model.TangentVector) {
        step += 1
        let h = AdamWStep(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon,
                          weightDecay: weightDecay, step: step)
        forEachParameter(of: &model, gradient: gradient) { i, p, g in
            let n = p.count
            if n == 0 { return }
            g.withBase { pg in
                p.withUnsafeMutableBufferPointer { pp in
                    m[i].withUnsafeMutableBufferPointer { pm in
                        v[i].withUnsafeMutableBufferPointer { pv in
                            KernelThreads.chunks(n) { r in
                                let o = r.lowerBound
                                Model.Scalar.adamWKernel(pp.baseAddress! + o, pg + o, pm.baseAddress! + o,
                                                         pv.baseAddress! + o, count: r.count, h)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The numbers one AdamW step needs, with the bias corrections for step t already worked out.
public struct AdamWStep: Sendable {
    public var learningRate, beta1, beta2, epsilon, weightDecay: Double
    public var correction1, correction2: Double

    public init(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double, weightDecay: Double, step: Int) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2
        self.epsilon = epsilon; self.weightDecay = weightDecay
        correction1 = 1 - Foundation.pow(beta1, Double(step))
        correction2 = 1 - Foundation.pow(beta2, Double(step))
    }
}

extension TensorScalar {
    public static func adamWKernel(_ p: UnsafeMutablePointer<Self>, _ g: UnsafePointer<Self>,
                                   _ m: UnsafeMutablePointer<Self>, _ v: UnsafeMutablePointer<Self>,
                                   count: Int, _ h: AdamWStep) {
        portableAdamWKernel(p, g, m, v, count: count, h)
    }

    /// The update in Swift, for every scalar type (Float's runs in C: see TensorScalar.swift).
    public static func portableAdamWKernel(_ p: UnsafeMutablePointer<Self>, _ g: UnsafePointer<Self>,
                                           _ m: UnsafeMutablePointer<Self>, _ v: UnsafeMutablePointer<Self>,
                                           count: Int, _ h: AdamWStep) {
        let decay = Self(1 - h.learningRate * h.weightDecay)
        let b1 = Self(h.beta1), b2 = Self(h.beta2), eps = Self(h.epsilon)
        let stepSize = Self(h.learningRate / h.correction1), rootC2 = Self(h.correction2.squareRoot())
        for i in 0..<count {
            let gi = g[i]
            m[i] = b1 * m[i] + (1 - b1) * gi
            v[i] = b2 * v[i] + (1 - b2) * gi * gi
            p[i] = p[i] * decay - stepSize * m[i] / (v[i].squareRoot() / rootC2 + eps)
        }
    }
}
