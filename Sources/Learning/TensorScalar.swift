import CKernels
import Foundation
import LinearAlgebra

/// The element types a `Tensor` can hold: `Float` for training, `Double` for gradient checks.
///
/// Why generic at all? Finite differences in Float are too noisy to check a gradient to 1e-4 (the step h must be
/// large enough to beat rounding, and then truncation error dominates), so every primitive is also compiled for
/// Double and checked there. Training runs the very same code in Float.
///
/// Why are the loops *requirements* of this protocol? A generic function called from another module runs
/// unspecialised: every `+` on a `Scalar` becomes an indirect call, about 20× slower than a tight loop. A protocol
/// requirement whose default implementation lives in this module gets a specialised copy compiled into the
/// `Float` and `Double` conformances below, exactly as `BLASScalar.gemm` dispatches to `sgemm` or `dgemm`.
/// So: generic code decides shapes and allocates; the per-element work always goes through `Scalar.someKernel`.
/// Each kernel's default implementation sits in the file of the operation that uses it.
public protocol TensorScalar: BLASScalar {
    // Elementary functions from the C math library, spelled so generic kernels can call them.
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self

    // Broadcasting.swift
    static func broadcastKernel(_ op: BroadcastOp, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                                _ out: UnsafeMutablePointer<Self>, _ layout: BroadcastLayout)
    static func reduceKernel(_ src: UnsafePointer<Self>, into dst: UnsafeMutablePointer<Self>, _ layout: BroadcastLayout)

    // Elementwise.swift
    static func scaleKernel(_ x: UnsafePointer<Self>, by s: Self, _ y: UnsafeMutablePointer<Self>, count: Int)
    static func fillKernel(_ y: UnsafeMutablePointer<Self>, _ value: Self, count: Int)
    static func addKernel(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)
    static func axpyKernel(_ alpha: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)
    static func sumKernel(_ x: UnsafePointer<Self>, count: Int) -> Self
    static func sumOfSquaresKernel(_ x: UnsafePointer<Self>, count: Int) -> Self
    static func allFiniteKernel(_ x: UnsafePointer<Self>, count: Int) -> Bool

    // Activations.swift
    static func activationForward(_ f: Activation, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int)
    static func activationBackward(_ f: Activation, x: UnsafePointer<Self>, y: UnsafePointer<Self>,
                                   dy: UnsafePointer<Self>, dx: UnsafeMutablePointer<Self>, count: Int)

    // Softmax.swift
    static func softmaxRows(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, rows: Int, cols: Int, log: Bool)
    static func softmaxBackwardRows(y: UnsafePointer<Self>, dy: UnsafePointer<Self>, dx: UnsafeMutablePointer<Self>,
                                    rows: Int, cols: Int, log: Bool)

    // Losses.swift
    static func lossForward(_ kind: PointwiseLoss, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, count: Int) -> Self
    static func lossBackward(_ kind: PointwiseLoss, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, scale: Self,
                             _ da: UnsafeMutablePointer<Self>, count: Int)

    // LayerNormalization.swift
    static func layerNormForward(_ x: UnsafePointer<Self>, gain: UnsafePointer<Self>, bias: UnsafePointer<Self>,
                                 _ y: UnsafeMutablePointer<Self>, mean: UnsafeMutablePointer<Self>,
                                 rstd: UnsafeMutablePointer<Self>, rows: Int, cols: Int, epsilon: Self)
    static func layerNormBackward(_ x: UnsafePointer<Self>, gain: UnsafePointer<Self>, mean: UnsafePointer<Self>,
                                  rstd: UnsafePointer<Self>, dy: UnsafePointer<Self>, dx: UnsafeMutablePointer<Self>,
                                  rows: Int, cols: Int)
    static func layerNormParameterGradients(_ x: UnsafePointer<Self>, mean: UnsafePointer<Self>, rstd: UnsafePointer<Self>,
                                            dy: UnsafePointer<Self>, dGain: UnsafeMutablePointer<Self>,
                                            dBias: UnsafeMutablePointer<Self>, rows: Int, cols: Int)

    // AdamW.swift
    static func adamWKernel(_ p: UnsafeMutablePointer<Self>, _ g: UnsafePointer<Self>, _ m: UnsafeMutablePointer<Self>,
                            _ v: UnsafeMutablePointer<Self>, count: Int, _ h: AdamWStep)
}

extension Float: TensorScalar {
    @inline(__always) public static func exp(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) public static func log(_ x: Float) -> Float { Foundation.log(x) }
    /// A vectorisable rational approximation (FastTanh.swift), not libm.
    @inline(__always) public static func tanh(_ x: Float) -> Float { rationalTanh(x) }

    // GELU is the one nonlinearity whose cost shows in a profile (a tenth of a GPT step at the x86-64 baseline's
    // four lanes), so Float's runs in C, compiled for AVX2 and AVX-512 too (Sources/CKernels), with the same
    // arithmetic as `portableActivationForward`/`Backward`: the same bits, faster.

    public static func activationForward(_ f: Activation, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                                         count: Int) {
        if f == .gelu { t2t_gelu_forward(x, y, count) } else { portableActivationForward(f, x, y, count: count) }
    }

    public static func activationBackward(_ f: Activation, x: UnsafePointer<Float>, y: UnsafePointer<Float>,
                                          dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, count: Int) {
        if f == .gelu {
            t2t_gelu_backward(x, dy, dx, count)
        } else {
            portableActivationBackward(f, x: x, y: y, dy: dy, dx: dx, count: count)
        }
    }

    // Layer norm's sums over a row cannot be vectorised in Swift without changing their order; the C kernels
    // vectorise over 16 rows at a time instead, keeping every sum's order (LayerNormalization.swift's comment).

    public static func layerNormForward(_ x: UnsafePointer<Float>, gain: UnsafePointer<Float>,
                                        bias: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                                        mean: UnsafeMutablePointer<Float>, rstd: UnsafeMutablePointer<Float>, rows: Int,
                                        cols: Int, epsilon: Float) {
        withLayerNormScratch(cols) { t2t_layer_norm_forward(x, gain, bias, y, mean, rstd, rows, cols, epsilon, $0) }
    }

    public static func layerNormBackward(_ x: UnsafePointer<Float>, gain: UnsafePointer<Float>,
                                         mean: UnsafePointer<Float>, rstd: UnsafePointer<Float>,
                                         dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>, rows: Int,
                                         cols: Int) {
        withLayerNormScratch(cols) { t2t_layer_norm_backward(x, gain, mean, rstd, dy, dx, rows, cols, $0) }
    }

    public static func layerNormParameterGradients(_ x: UnsafePointer<Float>, mean: UnsafePointer<Float>,
                                                   rstd: UnsafePointer<Float>, dy: UnsafePointer<Float>,
                                                   dGain: UnsafeMutablePointer<Float>,
                                                   dBias: UnsafeMutablePointer<Float>, rows: Int, cols: Int) {
        t2t_layer_norm_parameter_gradients(x, mean, rstd, dy, dGain, dBias, rows, cols)
    }
}

extension Float {
    /// AdamW's update in C (a square root and a division per parameter: four lanes at the baseline, sixteen here),
    /// with the constants computed exactly as `portableAdamWKernel` computes them.
    public static func adamWKernel(_ p: UnsafeMutablePointer<Float>, _ g: UnsafePointer<Float>,
                                   _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>, count: Int,
                                   _ h: AdamWStep) {
        let decay = Float(1 - h.learningRate * h.weightDecay)
        let stepSize = Float(h.learningRate / h.correction1), rootC2 = Float(h.correction2.squareRoot())
        t2t_adamw(p, g, m, v, count, decay, Float(h.beta1), Float(h.beta2), Float(h.epsilon), stepSize, rootC2)
    }
}

/// The C layer-norm kernels' scratch: two transposed groups of 16 rows.
private func withLayerNormScratch(_ cols: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) {
    let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 32 * cols)
    defer { scratch.deallocate() }
    body(scratch)
}

extension Double: TensorScalar {
    @inline(__always) public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) public static func log(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
}
