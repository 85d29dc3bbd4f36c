import _Differentiation
import LinearAlgebra

// Layer normalisation over the last axis: each row is shifted to mean 0 and scaled to variance 1, then given a
// learned gain and bias. y = (x − μ) / √(σ² + ε) · g + b, with the biased variance σ² (as PyTorch).

extension TensorScalar {
    public static func layerNormForward(_ x: UnsafePointer<Self>, gain: UnsafePointer<Self>, bias: UnsafePointer<Self>,
                                        _ y: UnsafeMutablePointer<Self>, mean: UnsafeMutablePointer<Self>,
                                        rstd: UnsafeMutablePointer<Self>, rows: Int, cols: Int, epsilon: Self) {
        portableLayerNormForward(x, gain: gain, bias: bias, y, mean: mean, rstd: rstd, rows: rows, cols: cols,
                                 epsilon: epsilon)
    }

    public static func layerNormBackward(_ x: UnsafePointer<Self>, gain: UnsafePointer<Self>, mean: UnsafePointer<Self>,
                                         rstd: UnsafePointer<Self>, dy: UnsafePointer<Self>,
                                         dx: UnsafeMutablePointer<Self>, rows: Int, cols: Int) {
        portableLayerNormBackward(x, gain: gain, mean: mean, rstd: rstd, dy: dy, dx: dx, rows: rows, cols: cols)
    }

    public static func layerNormParameterGradients(_ x: UnsafePointer<Self>, mean: UnsafePointer<Self>,
                                                   rstd: UnsafePointer<Self>, dy: UnsafePointer<Self>,
                                                   dGain: UnsafeMutablePointer<Self>, dBias: UnsafeMutablePointer<Self>,
                                                   rows: Int, cols: Int) {
        portableLayerNormParameterGradients(x, mean: mean, rstd: rstd, dy: dy, dGain: dGain, dBias: dBias, rows: rows,
                                            cols: cols)
    }

    /// The layer-norm kernels in Swift, for every scalar type (Float's run in C instead: see TensorScalar.swift;
    /// tests compare the two bit for bit).
    public static func portableLayerNormForward(_ x: UnsafePointer<Self>, gain: UnsafePointer<Self>,
                                                bias: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
                                                mean: UnsafeMutablePointer<Self>, rstd: UnsafeMutablePointer<Self>,
                                                rows: Int, cols: Int, epsilon: Self) {
        let n = Self(cols)
        for r in 0..<rows {
            let xr = x + r * cols, yr = y + r * cols
            let mu = sumKernel(xr, count: cols) / n
            var v: Self = 0
            for j in 0..<cols { let d = xr[j] - mu; v += d * d }
            let s = 1 / (v / n + epsilon).squareRoot()
            for j in 0..<cols { yr[j] = (xr[j] - mu) * s * gain[j] + bias[j] }
            mean[r] = mu
            rstd[r] = s
        }
    }

    /// With x̂ = (x − μ)·s and ĝ = dy ⊙ g:  dx = s · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)), row by row.
    /// The parameter gradients are a separate pass (`layerNormParameterGradients`): they sum over rows.
    public static func portableLayerNormBackward(_ x: UnsafePointer<Self>, gain: UnsafePointer<Self>,
                                                 mean: UnsafePointer<Self>, rstd: UnsafePointer<Self>,
                                                 dy: UnsafePointer<Self>, dx: UnsafeMutablePointer<Self>, rows: Int,
                                                 cols: Int) {
        let n = Self(cols)
        for r in 0..<rows {
            let xr = x + r * cols, dyr = dy + r * cols, dxr = dx + r * cols
            let mu = mean[r], s = rstd[r]
            var sumG: Self = 0, sumGX: Self = 0
            for j in 0..<cols {
                let xhat = (xr[j] - mu) * s, g = dyr[j] * gain[j]
                sumG += g; sumGX += g * xhat
            }
            let meanG = sumG / n, meanGX = sumGX / n
            for j in 0..<cols {
                let xhat = (xr[j] - mu) * s
                dxr[j] = s * (dyr[j] * gain[j] - meanG - xhat * meanGX)
            }
        }
    }

    /// dg = Σ_rows dy ⊙ x̂, db = Σ_rows dy, accumulated into `dGain` and `dBias` (the caller zeroes them).
    public static func portableLayerNormParameterGradients(_ x: UnsafePointer<Self>, mean: UnsafePointer<Self>,
                                                           rstd: UnsafePointer<Self>, dy: UnsafePointer<Self>,
                                                           dGain: UnsafeMutablePointer<Self>,
                                                           dBias: UnsafeMutablePointer<Self>, rows: Int, cols: Int) {
        for r in 0..<rows {
            let xr = x + r * cols, dyr = dy + r * cols
            let mu = mean[r], s = rstd[r]
            for j in 0..<cols {
                dGain[j] += dyr[j] * ((xr[j] - mu) * s)
                dBias[j] += dyr[j]
            }
        }
    }
}

/// Normalises each row (last axis) of `x`, then applies `gain` and `bias` (both shaped [C]).
@differentiable(reverse, wrt: (x, gain, bias))
public func layerNorm<S>(_ x: Tensor<S>, gain: Tensor<S>, bias: Tensor<S>, epsilon: Double = 1e-5) -> Tensor<S> {
    _vjpLayerNorm(x, gain: gain, bias: bias, epsilon: epsilon).value
}

@derivative(of: layerNorm, wrt: (x, gain, bias))
public func _vjpLayerNorm<S>(_ x: Tensor<S>, gain: Tensor<S>, bias: Tensor<S>, epsilon: Double = 1e-5)
    -> (value: Tensor<S>, pullback: (Tensor<S>) -> (Tensor<S>, Tensor<S>, Tensor<S>)) {
    let (rows, cols) = x.rowsAndColumns
    precondition(cols > 0, "layerNorm: empty last axis")
    precondition(gain.shape == [cols] && bias.shape == [cols],
                 "layerNorm: gain \(gain.shape) and bias \(bias.shape) must be [\(cols)] for input \(x.shape)")
    // Rows are independent: parts of them run on different threads (KernelThreads), bit for bit as on one.
    var mean = [S](repeating: 0, count: rows), rstd = [S](repeating: 0, count: rows)
    let y = Tensor.make(x.shape) { py in
        x.withBase { px in gain.withBase { pg in bias.withBase { pb in
            mean.withUnsafeMutableBufferPointer { pm in rstd.withUnsafeMutableBufferPointer { ps in
                KernelThreads.chunks(rows, scalarsPerItem: cols) { r in
                    let o = r.lowerBound * cols
                    S.layerNormForward(px + o, gain: pg, bias: pb, py + o, mean: pm.baseAddress! + r.lowerBound,
                                       rstd: ps.baseAddress! + r.lowerBound, rows: r.count, cols: cols,
                                       epsilon: S(epsilon))
                }
            } }
        } } }
    }
    return (y, { v in
        if v.isSymbolicZero { return (.zero, .zero, .zero) }
        var dGain = Tensor<S>(zeros: [cols]), dBias = Tensor<S>(zeros: [cols])
        let dx = Tensor.make(x.shape) { pdx in
            x.withBase { px in gain.withBase { pg in v.withBase { pv in
                mean.withUnsafeBufferPointer { pm in rstd.withUnsafeBufferPointer { ps in
                    KernelThreads.chunks(rows, scalarsPerItem: cols) { r in
                        let o = r.lowerBound * cols
                        S.layerNormBackward(px + o, gain: pg, mean: pm.baseAddress! + r.lowerBound,
                                            rstd: ps.baseAddress! + r.lowerBound, dy: pv + o, dx: pdx + o,
                                            rows: r.count, cols: cols)
                    }
                    // The sums over rows stay on one thread, in row order (see `summed(toShape:)`).
                    dGain.scalars.withUnsafeMutableBufferPointer { dg in dBias.scalars.withUnsafeMutableBufferPointer { db in
                        S.layerNormParameterGradients(px, mean: pm.baseAddress!, rstd: ps.baseAddress!, dy: pv,
                                                      dGain: dg.baseAddress!, dBias: db.baseAddress!, rows: rows, cols: cols)
                    } }
                } }
            } } }
        }
        return (dx, dGain, dBias)
    })
}
