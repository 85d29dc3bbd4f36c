import _Differentiation
import LinearAlgebra

// Softmax and log-softmax over the last axis, the two ways attention and classifiers turn scores into
// probabilities. Both subtract the row maximum first: exp of a large score overflows, and softmax does not
// change when a constant is subtracted from a whole row.

extension TensorScalar {
    public static func softmaxRows(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, rows: Int, cols: Int,
                                   log: Bool) {
        for r in 0..<rows {
            let xr = x + r * cols, yr = y + r * cols
            var m = -Self.infinity
            for j in 0..<cols where xr[j] > m { m = xr[j] }
            var s: Self = 0
            for j in 0..<cols { let e = exp(xr[j] - m); yr[j] = e; s += e }
            if log {
                let shift = m + Self.log(s)
                for j in 0..<cols { yr[j] = xr[j] - shift }
            } else {
                let inv = 1 / s
                for j in 0..<cols { yr[j] *= inv }
            }
        }
    }

    /// softmax:     dx = y ⊙ (dy − ⟨dy, y⟩)
    /// log-softmax: dx = dy − softmax(x)·Σdy, with softmax(x) = exp(y)
    public static func softmaxBackwardRows(y: UnsafePointer<Self>, dy: UnsafePointer<Self>,
                                           dx: UnsafeMutablePointer<Self>, rows: Int, cols: Int, log: Bool) {
        for r in 0..<rows {
            let yr = y + r * cols, dyr = dy + r * cols, dxr = dx + r * cols
            if log {
                let s = sumKernel(dyr, count: cols)
                for j in 0..<cols { dxr[j] = dyr[j] - exp(yr[j]) * s }
            } else {
                var dot: Self = 0
                for j in 0..<cols { dot += dyr[j] * yr[j] }
                for j in 0..<cols { dxr[j] = yr[j] * (dyr[j] - dot) }
            }
        }
    }
}

extension Tensor {
    /// (rows, cols) when the last axis is treated as the row.
    var rowsAndColumns: (rows: Int, cols: Int) {
        let cols = shape.last ?? 1
        return (cols == 0 ? 0 : count / cols, cols)
    }
}

func softmaxLike<S>(_ x: Tensor<S>, log: Bool) -> Tensor<S> {
    precondition(x.rank >= 1, "softmax: needs rank ≥ 1, shape is \(x.shape)")
    let (rows, cols) = x.rowsAndColumns
    return Tensor.make(x.shape) { y in
        x.withBase { px in
            KernelThreads.chunks(rows, scalarsPerItem: cols) { r in
                let o = r.lowerBound * cols
                S.softmaxRows(px + o, y + o, rows: r.count, cols: cols, log: log)
            }
        }
    }
}

func softmaxLikePullback<S>(_ y: Tensor<S>, log: Bool) -> (Tensor<S>) -> Tensor<S> {
    { v in
        if v.isSymbolicZero { return .zero }
        let (rows, cols) = y.rowsAndColumns
        return Tensor.make(y.shape) { dx in
            y.withBase { py in v.withBase { pv in
                KernelThreads.chunks(rows, scalarsPerItem: cols) { r in
                    let o = r.lowerBound * cols
                    S.softmaxBackwardRows(y: py + o, dy: pv + o, dx: dx + o, rows: r.count, cols: cols, log: log)
                }
            } }
        }
    }
}

/// exp(xᵢ) / Σⱼ exp(xⱼ) along the last axis.
@differentiable(reverse)
public func softmax<S>(_ x: Tensor<S>) -> Tensor<S> { softmaxLike(x, log: false) }

@derivative(of: softmax)
public func _vjpSoftmax<S>(_ x: Tensor<S>) -> (value: Tensor<S>, pullback: (Tensor<S>) -> Tensor<S>) {
    let y = softmaxLike(x, log: false)
    return (y, softmaxLikePullback(y, log: false))
}

/// log softmax along the last axis, computed without forming the probabilities (no underflow to log 0).
@differentiable(reverse)
public func logSoftmax<S>(_ x: Tensor<S>) -> Tensor<S> { softmaxLike(x, log: true) }

@derivative(of: logSoftmax)
public func _vjpLogSoftmax<S>(_ x: Tensor<S>) -> (value: Tensor<S>, pullback: (Tensor<S>) -> Tensor<S>) {
    let y = softmaxLike(x, log: true)
    return (y, softmaxLikePullback(y, log: true))
}
