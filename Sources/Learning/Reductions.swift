import _Differentiation

// Sums and means, over everything or along one axis. Summing along an axis is "summing down to a shape with a
// 1 there", so it reuses the broadcasting machinery and inherits its pullback (broadcast back up).

extension Tensor {
    /// The sum of all elements, as a rank-0 tensor.
    @differentiable(reverse)
    public func sum() -> Tensor { Tensor(scalarSum) }

    @derivative(of: sum)
    public func _vjpSum() -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let shape = self.shape
        return (sum(), { v in v.isSymbolicZero ? .zero : Tensor(repeating: v.scalar, shape: shape) })
    }

    /// The mean of all elements, as a rank-0 tensor.
    @differentiable(reverse)
    public func mean() -> Tensor { sum().scaled(by: 1 / Scalar(Swift.max(withoutDerivative(at: count), 1))) }

    /// Sums along `axis` and removes it: [B, T, C].sum(alongAxis: 1) is [B, C]. Negative axes count from the end.
    @differentiable(reverse)
    public func sum(alongAxis axis: Int) -> Tensor {
        let a = withoutDerivative(at: normalizedAxis(axis))
        var kept = withoutDerivative(at: shape)
        kept[a] = 1
        var dropped = kept
        dropped.remove(at: a)
        return summed(toShape: kept).reshaped(to: dropped)
    }

    /// Averages along `axis` and removes it.
    @differentiable(reverse)
    public func mean(alongAxis axis: Int) -> Tensor {
        let n = withoutDerivative(at: shape[normalizedAxis(axis)])
        return sum(alongAxis: axis).scaled(by: 1 / Scalar(Swift.max(n, 1)))
    }

    func normalizedAxis(_ axis: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "axis \(axis) out of range for shape \(shape)")
        return a
    }
}
