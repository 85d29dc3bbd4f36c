import _Differentiation

// The standard library's `gradient(at:of:)` wants a function returning a floating-point number. Our losses return
// a rank-0 Tensor, so these overloads seed the pullback with a tensor of one 1 instead: ∂loss/∂loss = 1.

/// The value of a scalar-valued (one-element) function and its gradient at `x`.
public func valueWithGradient<T: Differentiable, S: TensorScalar>(
    at x: T, of f: @differentiable(reverse) (T) -> Tensor<S>
) -> (value: Tensor<S>, gradient: T.TangentVector) {
    let (y, pullback) = valueWithPullback(at: x, of: f)
    precondition(y.count == 1, "gradient: the function must return one number (a loss), got shape \(y.shape)")
    return (y, pullback(Tensor(repeating: 1, shape: y.shape)))
}

/// The gradient at `x` of a function returning one number.
public func gradient<T: Differentiable, S: TensorScalar>(
    at x: T, of f: @differentiable(reverse) (T) -> Tensor<S>
) -> T.TangentVector {
    valueWithGradient(at: x, of: f).gradient
}
