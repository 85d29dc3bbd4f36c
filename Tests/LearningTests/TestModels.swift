import Learning
import _Differentiation

/// The smallest trainable model: one tensor `w`. Optimiser tests hand it gradients they wrote themselves.
struct Vector: Trainable {
    var w: Tensor<Float>

    struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        var w: Tensor<Float>
        mutating func visitParameters(_ visit: ParameterVisitor<Float>) { visit("w", &w) }
    }

    mutating func move(by offset: TangentVector) { w.move(by: offset.w) }
    mutating func visitParameters(_ visit: ParameterVisitor<Float>) { visit("w", &w) }
}
