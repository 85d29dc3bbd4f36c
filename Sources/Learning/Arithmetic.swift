import _Differentiation
import LinearAlgebra

// + − × with broadcasting, and scaling by a constant. `+` and `−` double as the tangent arithmetic the
// differentiation system uses to add up gradients, so they must be fast for equal shapes and must treat the
// symbolic zero as "nothing".

extension Tensor {
    /// The gradient `v` (shaped like the result) summed down to an operand's shape.
    @inline(__always)
    fileprivate static func unbroadcast(_ v: Tensor, to shape: [Int], operandIsZero: Bool) -> Tensor {
        if v.isSymbolicZero || operandIsZero { return .zero }
        return v.summed(toShape: shape)
    }

    @differentiable(reverse)
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        if a.isSymbolicZero { return b }
        if b.isSymbolicZero { return a }
        if a.shape == b.shape {
            return make(a.shape) { y in
                a.withBase { pa in b.withBase { pb in
                    KernelThreads.chunks(a.count) { r in
                        let i = r.lowerBound
                        Scalar.addKernel(pa + i, pb + i, y + i, count: r.count)
                    }
                } }
            }
        }
        return broadcasting(.add, a, b)
    }

    @derivative(of: +)
    public static func _vjpAdd(_ a: Tensor, _ b: Tensor) -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
        let (sa, sb, za, zb) = (a.shape, b.shape, a.isSymbolicZero, b.isSymbolicZero)
        return (a + b, { v in (unbroadcast(v, to: sa, operandIsZero: za), unbroadcast(v, to: sb, operandIsZero: zb)) })
    }

    @differentiable(reverse)
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        if b.isSymbolicZero { return a }
        if a.isSymbolicZero { return -b }
        return broadcasting(.subtract, a, b)
    }

    @derivative(of: -)
    public static func _vjpSubtract(_ a: Tensor, _ b: Tensor) -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
        let (sa, sb, za, zb) = (a.shape, b.shape, a.isSymbolicZero, b.isSymbolicZero)
        return (a - b, { v in (unbroadcast(v, to: sa, operandIsZero: za), unbroadcast(-v, to: sb, operandIsZero: zb)) })
    }

    /// Elementwise (Hadamard) product with broadcasting.
    @differentiable(reverse)
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        if a.isSymbolicZero || b.isSymbolicZero { return .zero }
        return broadcasting(.multiply, a, b)
    }

    @derivative(of: *)
    public static func _vjpMultiply(_ a: Tensor, _ b: Tensor) -> (value: Tensor, pullback: (Tensor) -> (Tensor, Tensor)) {
        let out = broadcastShape(a.shape, b.shape)
        return (a * b, { v in
            if v.isSymbolicZero { return (.zero, .zero) }
            // d(a·b) = b·da + a·db; each product is taken at the output shape, then summed back down.
            let da = broadcasting(.multiply, v, b, shape: out).summed(toShape: a.shape)
            let db = broadcasting(.multiply, v, a, shape: out).summed(toShape: b.shape)
            return (da, db)
        })
    }

    /// Every element times a constant.
    @differentiable(reverse)
    public func scaled(by s: Scalar) -> Tensor {
        if isSymbolicZero { return self }
        return Tensor.make(shape) { y in
            withBase { x in
                KernelThreads.chunks(count) { r in Scalar.scaleKernel(x + r.lowerBound, by: s, y + r.lowerBound, count: r.count) }
            }
        }
    }

    @derivative(of: scaled)
    public func _vjpScaled(by s: Scalar) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        (scaled(by: s), { v in v.scaled(by: s) })
    }

    @differentiable(reverse)
    public static prefix func - (x: Tensor) -> Tensor { x.scaled(by: -1) }

    @differentiable(reverse, wrt: x)
    public static func * (x: Tensor, s: Scalar) -> Tensor { x.scaled(by: s) }

    @differentiable(reverse, wrt: x)
    public static func * (s: Scalar, x: Tensor) -> Tensor { x.scaled(by: s) }

    @differentiable(reverse, wrt: x)
    public static func / (x: Tensor, s: Scalar) -> Tensor { x.scaled(by: 1 / s) }
}
