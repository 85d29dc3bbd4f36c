import _Differentiation

// Losses return a rank-0 tensor: the mean over all elements (regression) or over all rows (classification).
// Each is one primitive with its own pullback rather than a chain of small ops, because the fused gradient is
// both cheaper and numerically kinder (cross-entropy's gradient is simply softmax − one-hot).

/// The elementwise penalty of a regression loss on the residual r = prediction − target.
public enum PointwiseLoss: Sendable {
    /// r²
    case squared
    /// ½r² for |r| ≤ δ, δ(|r| − ½δ) beyond: quadratic near zero, linear (robust to outliers) in the tails.
    case huber(delta: Double)
}

extension TensorScalar {
    /// Σ penalty(aᵢ − bᵢ).
    public static func lossForward(_ kind: PointwiseLoss, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                                   count: Int) -> Self {
        var s: Self = 0
        switch kind {
        case .squared:
            for i in 0..<count { let r = a[i] - b[i]; s += r * r }
        case .huber(let delta):
            let d = Self(delta)
            for i in 0..<count {
                let r = a[i] - b[i], m = Swift.abs(r)
                s += m <= d ? 0.5 * r * r : d * (m - 0.5 * d)
            }
        }
        return s
    }

    /// da = scale · penalty′(a − b).
    public static func lossBackward(_ kind: PointwiseLoss, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                                    scale: Self, _ da: UnsafeMutablePointer<Self>, count: Int) {
        switch kind {
        case .squared:
            for i in 0..<count { da[i] = 2 * scale * (a[i] - b[i]) }
        case .huber(let delta):
            let d = Self(delta)
            for i in 0..<count { da[i] = scale * Swift.min(Swift.max(a[i] - b[i], -d), d) }
        }
    }
}

/// mean(penalty(prediction − target)) over all elements; both tensors must have the same shape.
@differentiable(reverse)
public func regressionLoss<S>(_ kind: PointwiseLoss, _ prediction: Tensor<S>, _ target: Tensor<S>) -> Tensor<S> {
    precondition(prediction.shape == target.shape, "loss: prediction \(prediction.shape) vs target \(target.shape)")
    let total = prediction.withBase { p in target.withBase { t in S.lossForward(kind, p, t, count: prediction.count) } }
    return Tensor(total / S(Swift.max(prediction.count, 1)))
}

@derivative(of: regressionLoss)
public func _vjpRegressionLoss<S>(_ kind: PointwiseLoss, _ prediction: Tensor<S>, _ target: Tensor<S>)
    -> (value: Tensor<S>, pullback: (Tensor<S>) -> (Tensor<S>, Tensor<S>)) {
    (regressionLoss(kind, prediction, target), { v in
        if v.isSymbolicZero { return (.zero, .zero) }
        let scale = v.scalar / S(Swift.max(prediction.count, 1))
        let dp = Tensor.make(prediction.shape) { d in
            prediction.withBase { p in target.withBase { t in S.lossBackward(kind, p, t, scale: scale, d, count: prediction.count) } }
        }
        return (dp, -dp)
    })
}

/// Mean squared error.
@differentiable(reverse)
public func meanSquaredError<S>(_ prediction: Tensor<S>, _ target: Tensor<S>) -> Tensor<S> {
    regressionLoss(.squared, prediction, target)
}

/// Mean Huber loss with threshold δ (PyTorch's `HuberLoss(delta:)`).
@differentiable(reverse, wrt: (prediction, target))
public func huberLoss<S>(_ prediction: Tensor<S>, _ target: Tensor<S>, delta: Double = 1) -> Tensor<S> {
    regressionLoss(.huber(delta: delta), prediction, target)
}

/// Mean over rows of −log softmax(logits)[target]: logits are [N, C] or [B, T, C], one class id per row.
@differentiable(reverse, wrt: logits)
public func crossEntropy<S>(logits: Tensor<S>, targets: [Int]) -> Tensor<S> {
    _vjpCrossEntropy(logits: logits, targets: targets).value
}

@derivative(of: crossEntropy, wrt: logits)
public func _vjpCrossEntropy<S>(logits: Tensor<S>, targets: [Int])
    -> (value: Tensor<S>, pullback: (Tensor<S>) -> Tensor<S>) {
    let (rows, cols) = logits.rowsAndColumns
    precondition(targets.count == rows, "crossEntropy: \(targets.count) targets for \(rows) rows of logits")
    let logp = softmaxLike(logits, log: true)
    var total: S = 0
    for (r, t) in targets.enumerated() {
        precondition(t >= 0 && t < cols, "crossEntropy: target \(t) outside 0..<\(cols) (row \(r))")
        total -= logp.scalars[r * cols + t]
    }
    let n = S(Swift.max(rows, 1))
    return (Tensor(total / n), { v in
        if v.isSymbolicZero { return .zero }
        // d/dlogits = (softmax − onehot(target)) / N
        var grad = activation(.exp, logp)
        grad.scalars.withUnsafeMutableBufferPointer { g in
            for (r, t) in targets.enumerated() { g[r * cols + t] -= 1 }
        }
        grad.scale(by: v.scalar / n)
        return grad
    })
}
