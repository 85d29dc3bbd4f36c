import _Differentiation

/// Something that can list its trainable tensors: a layer, a model, or the gradient of either.
///
/// Optimisers, gradient clipping and save/load all need to walk "every tensor of the model, with its gradient"
/// without knowing what the model is. Swift cannot list a struct's fields for us, so each layer does it by hand,
/// in a fixed order and with a stable name:
///
///     mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
///         visit("weight", &weight)
///         visit("bias", &bias)
///     }
///
/// A layer's gradient has the same fields, so the layer declares its `TangentVector` struct (Swift would
/// synthesise one, but a synthesised tangent of a generic layer cannot be given a conformance) and lists
/// them with the same body. Nested layers prefix their children's names with `visitChild`: "layers.0.weight".
public protocol ParameterVisitable {
    associatedtype Scalar: TensorScalar
    mutating func visitParameters(_ visit: ParameterVisitor<Scalar>)
}

/// Called once per trainable tensor with its name; may modify the tensor.
public typealias ParameterVisitor<Scalar: TensorScalar> = (String, inout Tensor<Scalar>) -> Void

/// A model an optimiser can train: differentiable, and both it and its gradient list their tensors.
public protocol Trainable: Differentiable, ParameterVisitable
where TangentVector: ParameterVisitable, TangentVector.Scalar == Scalar {}

/// Passes a child layer's tensors on to `visit`, with the child's name as a prefix ("hidden" + "weight").
public func visitChild<Child: ParameterVisitable>(_ name: String, _ child: inout Child,
                                                  _ visit: ParameterVisitor<Child.Scalar>) {
    child.visitParameters { inner, tensor in visit(name + "." + inner, &tensor) }
}

extension ParameterVisitable {
    /// All tensors with their names, in visiting order (a copy; for reading).
    public var namedParameters: [(name: String, tensor: Tensor<Scalar>)] {
        var copy = self, list = [(name: String, tensor: Tensor<Scalar>)]()
        copy.visitParameters { name, tensor in list.append((name, tensor)) }
        return list
    }

    /// The tensors in visiting order (a copy; for reading).
    public var parameterTensors: [Tensor<Scalar>] { namedParameters.map(\.tensor) }

    /// How many scalars the model trains.
    public var parameterCount: Int { parameterTensors.reduce(0) { $0 + $1.count } }
}
