import _Differentiation
import LinearAlgebra

// Broadcasting, NumPy's rule: align the two shapes at their *last* axis; along each axis the lengths must be
// equal or one of them must be 1 (a missing leading axis counts as 1). The result takes the larger length.
//   [B, T, C] + [C]       bias over the last axis
//   [B, T, C] * [B, T, 1] one gate per time step
//   [B, C] + []           a scalar
// The gradient of broadcasting is a sum: an input reused along an axis collects the gradient from every use.
// So `broadcasted(to:)` and `summed(toShape:)` are each other's pullback, and every broadcasting op's pullback
// ends with `summed(toShape:)`.

/// The shape two broadcast operands produce; stops with a message when they cannot broadcast.
public func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int] {
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for d in 0..<rank {
        let x = d < rank - a.count ? 1 : a[d - (rank - a.count)]
        let y = d < rank - b.count ? 1 : b[d - (rank - b.count)]
        precondition(x == y || x == 1 || y == 1, "cannot broadcast shapes \(a) and \(b) (axis \(d): \(x) vs \(y))")
        out[d] = x == 1 ? y : x
    }
    return out
}

/// What a broadcast kernel does per element.
public enum BroadcastOp: Sendable { case add, subtract, multiply, copyFirst }

/// How to walk two operands while walking a contiguous output of `shape`: operand element at output index
/// (i₀, i₁, …) sits at offset Σ iₖ·strideₖ, and a stride of 0 repeats the same element (that is broadcasting).
///
/// Axes of length 1 are dropped and neighbouring axes that are contiguous for both operands are merged, so the
/// common cases become one flat loop: equal shapes are 1-D, a bias add is 2-D [rows, C] with bias strides (0, 1).
public struct BroadcastLayout: Sendable {
    public private(set) var shape: [Int]
    public private(set) var aStrides: [Int]
    public private(set) var bStrides: [Int]

    public init(output: [Int], a: [Int], b: [Int]) {
        let sa = BroadcastLayout.strides(of: a, in: output), sb = BroadcastLayout.strides(of: b, in: output)
        shape = []; aStrides = []; bStrides = []
        for d in output.indices where output[d] != 1 {
            if let last = shape.indices.last,
               aStrides[last] == sa[d] * output[d], bStrides[last] == sb[d] * output[d] {
                // Axis `last` just steps over whole runs of axis d for both operands: merge them.
                shape[last] *= output[d]; aStrides[last] = sa[d]; bStrides[last] = sb[d]
            } else {
                shape.append(output[d]); aStrides.append(sa[d]); bStrides.append(sb[d])
            }
        }
        if shape.isEmpty { shape = [1]; aStrides = [0]; bStrides = [0] }
    }

    /// Row-major strides of `operand` read inside `output`; 0 along axes where it is broadcast.
    static func strides(of operand: [Int], in output: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: output.count)
        var step = 1
        for d in stride(from: output.count - 1, through: 0, by: -1) {
            let k = d - (output.count - operand.count)
            guard k >= 0 else { break }
            strides[d] = operand[k] == 1 ? 0 : step
            step *= operand[k]
        }
        return strides
    }

    /// The part of this layout where the outer axis runs over `range`, and where that part starts in the output
    /// and in each operand. Parts of disjoint ranges write disjoint outputs, so they can run on different threads.
    func part(_ range: Range<Int>) -> (layout: BroadcastLayout, output: Int, a: Int, b: Int) {
        var part = self
        part.shape[0] = range.count
        let inner = shape.dropFirst().reduce(1, *)
        return (part, range.lowerBound * inner, range.lowerBound * aStrides[0], range.lowerBound * bStrides[0])
    }

    /// Scalars per step of the outer axis.
    var outerStepSize: Int { shape.dropFirst().reduce(1, *) }

    /// Calls `body(outputOffset, aOffset, bOffset)` at the start of every run of the last axis.
    @inline(__always)
    func forEachRun(_ body: (Int, Int, Int) -> Void) {
        let rank = shape.count, n = shape[rank - 1]
        let runs = shape.dropLast().reduce(1, *)
        var index = [Int](repeating: 0, count: rank)
        var ia = 0, ib = 0
        for r in 0..<runs {
            body(r * n, ia, ib)
            var d = rank - 2  // odometer over the outer axes
            while d >= 0 {
                index[d] += 1; ia += aStrides[d]; ib += bStrides[d]
                if index[d] < shape[d] { break }
                ia -= aStrides[d] * shape[d]; ib -= bStrides[d] * shape[d]; index[d] = 0
                d -= 1
            }
        }
    }
}

extension TensorScalar {
    public static func broadcastKernel(_ op: BroadcastOp, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                                       _ out: UnsafeMutablePointer<Self>, _ layout: BroadcastLayout) {
        let n = layout.shape.last!, sa = layout.aStrides.last!, sb = layout.bStrides.last!
        layout.forEachRun { o, ia, ib in
            // Unit and zero strides get their own loops so the compiler can vectorise them.
            @inline(__always) func run(_ f: (Self, Self) -> Self) {
                let y = out + o, x = a + ia, z = b + ib
                if sa == 1 && sb == 1 { for i in 0..<n { y[i] = f(x[i], z[i]) } }
                else if sa == 1 && sb == 0 { let c = z[0]; for i in 0..<n { y[i] = f(x[i], c) } }
                else if sa == 0 && sb == 1 { let c = x[0]; for i in 0..<n { y[i] = f(c, z[i]) } }
                else { for i in 0..<n { y[i] = f(x[i * sa], z[i * sb]) } }
            }
            switch op {
            case .add: run(+)
            case .subtract: run(-)
            case .multiply: run(*)
            case .copyFirst: run { x, _ in x }
            }
        }
    }

    /// dst[strided] += src[contiguous]; `dst` is walked with the layout's `a` strides.
    public static func reduceKernel(_ src: UnsafePointer<Self>, into dst: UnsafeMutablePointer<Self>,
                                    _ layout: BroadcastLayout) {
        let n = layout.shape.last!, sd = layout.aStrides.last!
        layout.forEachRun { o, id, _ in
            if sd == 0 {
                dst[id] += sumKernel(src + o, count: n)
            } else if sd == 1 {  // a whole row at once (a bias gradient): its own loop, so it vectorises
                let d = dst + id, x = src + o
                for i in 0..<n { d[i] += x[i] }
            } else {
                for i in 0..<n { dst[id + i * sd] += src[o + i] }
            }
        }
    }
}

extension Tensor {
    /// Applies a broadcasting elementwise operation.
    static func broadcasting(_ op: BroadcastOp, _ a: Tensor, _ b: Tensor, shape: [Int]? = nil) -> Tensor {
        let out = shape ?? broadcastShape(a.shape, b.shape)
        let layout = BroadcastLayout(output: out, a: a.shape, b: b.shape)
        return make(out) { y in a.withBase { pa in b.withBase { pb in broadcastKernel(op, pa, pb, y, layout) } } }
    }

    /// `Scalar.broadcastKernel` with the outer axis split over `KernelThreads`. `out` may be `a` itself (every
    /// output element reads only its own position of a).
    static func broadcastKernel(_ op: BroadcastOp, _ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>,
                                _ out: UnsafeMutablePointer<Scalar>, _ layout: BroadcastLayout) {
        KernelThreads.chunks(layout.shape[0], scalarsPerItem: layout.outerStepSize) { r in
            let p = layout.part(r)
            Scalar.broadcastKernel(op, a + p.a, b + p.b, out + p.output, p.layout)
        }
    }

    /// This tensor repeated along broadcast axes until it has `shape`.
    @differentiable(reverse)
    public func broadcasted(to shape: [Int]) -> Tensor {
        precondition(broadcastShape(self.shape, shape) == shape, "cannot broadcast \(self.shape) to \(shape)")
        if self.shape == shape { return self }
        return Tensor.broadcasting(.copyFirst, self, self, shape: shape)
    }

    @derivative(of: broadcasted)
    public func _vjpBroadcasted(to shape: [Int]) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let original = self.shape
        return (broadcasted(to: shape), { v in v.summed(toShape: original) })
    }

    /// Sums over the axes along which `shape` was broadcast to give this tensor's shape: the adjoint of
    /// `broadcasted(to:)`. `[B, T, C].summed(toShape: [C])` sums over batch and time.
    @differentiable(reverse)
    public func summed(toShape shape: [Int]) -> Tensor {
        if isSymbolicZero || self.shape == shape { return self }
        precondition(broadcastShape(shape, self.shape) == self.shape, "cannot sum \(self.shape) down to \(shape)")
        var result = Tensor(zeros: shape)
        let layout = BroadcastLayout(output: self.shape, a: shape, b: shape)
        guard count > 0 else { return result }
        // Parts along the outer axis read disjoint sources. When the result is not broadcast along that axis they
        // also write disjoint results and run in parallel. When it is (a bias gradient: the sum over all rows),
        // the sum runs on one thread in its fixed order, so the thread count never changes a result's rounding.
        withBase { src in
            result.scalars.withUnsafeMutableBufferPointer { dst in
                if layout.aStrides[0] != 0 {
                    KernelThreads.chunks(layout.shape[0], scalarsPerItem: layout.outerStepSize) { r in
                        let p = layout.part(r)
                        Scalar.reduceKernel(src + p.output, into: dst.baseAddress! + p.a, p.layout)
                    }
                } else {
                    Scalar.reduceKernel(src, into: dst.baseAddress!, layout)
                }
            }
        }
        return result
    }

    @derivative(of: summed)
    public func _vjpSummed(toShape shape: [Int]) -> (value: Tensor, pullback: (Tensor) -> Tensor) {
        let original = self.shape
        return (summed(toShape: shape), { v in v.isSymbolicZero ? .zero : v.broadcasted(to: original) })
    }
}
