import LinearAlgebra

/// An n-dimensional array of scalars, stored row-major (the last axis is contiguous), that the differentiation
/// system can take gradients through.
///
/// Conventions used by every layer: a batch of vectors is `[B, C]`, a batch of sequences is `[B, T, C]`
/// (batch, time, channels), and a loss is a rank-0 tensor (shape `[]`, one scalar).
public struct Tensor<Scalar: TensorScalar>: Sendable {
    /// The length of each axis; `[]` is a single scalar.
    public internal(set) var shape: [Int]
    /// The values, row-major. Its count is always the product of `shape`, except for the symbolic zero.
    public internal(set) var scalars: [Scalar]

    public init(shape: [Int], scalars: [Scalar]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative axis in shape \(shape)")
        precondition(scalars.count == shape.reduce(1, *),
                     "Tensor: \(scalars.count) scalars cannot fill shape \(shape)")
        LargeBuffers.keep()
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(repeating value: Scalar, shape: [Int]) {
        let n = shape.reduce(1, *)
        self = Tensor.make(shape) { p in Scalar.fillKernel(p, value, count: n) }
    }

    public init(zeros shape: [Int]) {
        // All-zero bytes are +0.0 in IEEE floating point, so a byte fill (memset) is the fastest way to zero.
        self = Tensor.make(shape) { p in
            UnsafeMutableRawPointer(p).initializeMemory(as: UInt8.self, repeating: 0,
                                                        count: shape.reduce(1, *) * MemoryLayout<Scalar>.stride)
        }
    }

    /// A tensor whose scalars are garbage until written: for outputs a BLAS call overwrites entirely (β = 0).
    init(uninitialised shape: [Int]) {
        self = Tensor.make(shape) { _ in }
    }

    /// A rank-0 tensor holding one number (a loss, a learning rate broadcast over a tensor, …).
    public init(_ value: Scalar) { self.init(shape: [], scalars: [value]) }

    /// A tensor from a `Matrix` (rows × cols becomes shape [rows, cols]).
    public init(_ matrix: Matrix<Scalar>) { self.init(shape: [matrix.rows, matrix.cols], scalars: matrix.data) }

    /// Draws each element uniformly from [low, high): PyTorch's default initialisation for linear layers.
    public init(randomUniform shape: [Int], low: Double, high: Double, rng: inout SeededRNG) {
        let n = shape.reduce(1, *)
        var values = [Scalar]()
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(Scalar(rng.uniform(low, high))) }
        self.init(shape: shape, scalars: values)
    }

    /// Draws each element from a normal distribution.
    public init(randomNormal shape: [Int], mean: Double = 0, std: Double = 1, rng: inout SeededRNG) {
        let n = shape.reduce(1, *)
        var values = [Scalar]()
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(Scalar(rng.normal(mean: mean, std: std))) }
        self.init(shape: shape, scalars: values)
    }

    /// Internal: the symbolic zero (see Tensor+Differentiable.swift). Shape `[]` with no scalars.
    init(symbolicZero: ()) {
        shape = []
        scalars = []
    }

    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { scalars.count }

    /// The single value of a one-element tensor (a loss, a norm). Not differentiable: read it for printing.
    public var scalar: Scalar {
        if isSymbolicZero { return 0 }
        precondition(scalars.count == 1, "Tensor.scalar: tensor of shape \(shape) has \(scalars.count) elements")
        return scalars[0]
    }

    /// The element at a full index, e.g. `x[0, 3]`. For reading and printing; not differentiable.
    public subscript(index: Int...) -> Scalar {
        precondition(index.count == rank, "Tensor subscript: \(index.count) indices for rank \(rank)")
        var offset = 0
        for (i, n) in zip(index, shape) {
            precondition(i >= 0 && i < n, "Tensor subscript: index \(index) out of range for shape \(shape)")
            offset = offset * n + i
        }
        return scalars[offset]
    }

    /// The tensor as a `Matrix`: rank 2 as is, higher ranks with all leading axes folded into rows.
    public var matrix: Matrix<Scalar> {
        precondition(rank >= 1, "Tensor.matrix: needs rank ≥ 1, shape is \(shape)")
        let cols = shape.last!
        return Matrix(rows: cols == 0 ? 0 : count / cols, cols: cols, data: scalars)
    }

    /// Read-only access to the raw scalars, for kernels.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// In-place access to the raw scalars (the shape cannot change), for optimisers and fused kernels.
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer(body)
    }

    /// Builds a tensor of `shape` by letting `body` write all of its scalars into uninitialised memory.
    /// Every operation allocates its result this way, so no result is first filled with zeros and then overwritten.
    static func make(_ shape: [Int], _ body: (UnsafeMutablePointer<Scalar>) -> Void) -> Tensor {
        let n = shape.reduce(1, *)
        LargeBuffers.keep()
        let values = [Scalar](unsafeUninitializedCapacity: n) { buffer, initialized in
            if n > 0 { body(buffer.baseAddress!) }
            initialized = n
        }
        return Tensor(shape: shape, scalars: values)
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        if isSymbolicZero { return "Tensor(zero)" }
        let shown = scalars.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor\(shape)[\(shown)\(count > 8 ? ", …" : "")]"
    }
}

/// Copies `count` scalars as raw bytes (memcpy). Generic code calling `update(from:count:)` would copy one
/// element at a time through the type's metadata, because the compiler does not know the element is a float.
@inline(__always)
func copyScalars<S: TensorScalar>(from src: UnsafePointer<S>, to dst: UnsafeMutablePointer<S>, count: Int) {
    UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: count * MemoryLayout<S>.stride)
}

extension Tensor {
    /// The base address of the scalars for a kernel. An empty tensor still gets a valid pointer, which kernels
    /// never read because they loop zero times; this keeps `!` and special cases out of every operation.
    @inline(__always)
    func withBase<R>(_ body: (UnsafePointer<Scalar>) -> R) -> R {
        scalars.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return body(base) }
            let dummy = Scalar.zero
            return withUnsafePointer(to: dummy) { body($0) }
        }
    }
}
