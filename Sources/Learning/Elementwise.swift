// The simplest kernels: flat loops over `count` contiguous scalars. Tangent sums, scaling, norms and the
// finiteness check of the training loop all end up here.

extension TensorScalar {
    public static func scaleKernel(_ x: UnsafePointer<Self>, by s: Self, _ y: UnsafeMutablePointer<Self>, count: Int) {
        for i in 0..<count { y[i] = s * x[i] }
    }

    public static func fillKernel(_ y: UnsafeMutablePointer<Self>, _ value: Self, count: Int) {
        for i in 0..<count { y[i] = value }
    }

    public static func addKernel(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
                                 count: Int) {
        for i in 0..<count { y[i] = a[i] + b[i] }
    }

    /// y ← y + αx (BLAS's name for it).
    public static func axpyKernel(_ alpha: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count: Int) {
        for i in 0..<count { y[i] += alpha * x[i] }
    }

    /// Four running sums: the compiler may not reorder floating-point additions itself, and one accumulator
    /// would make every addition wait for the previous one.
    public static func sumKernel(_ x: UnsafePointer<Self>, count: Int) -> Self {
        var s0: Self = 0, s1: Self = 0, s2: Self = 0, s3: Self = 0
        var i = 0
        while i + 4 <= count { s0 += x[i]; s1 += x[i + 1]; s2 += x[i + 2]; s3 += x[i + 3]; i += 4 }
        while i < count { s0 += x[i]; i += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    public static func sumOfSquaresKernel(_ x: UnsafePointer<Self>, count: Int) -> Self {
        var s0: Self = 0, s1: Self = 0, s2: Self = 0, s3: Self = 0
        var i = 0
        while i + 4 <= count {
            s0 += x[i] * x[i]; s1 += x[i + 1] * x[i + 1]; s2 += x[i + 2] * x[i + 2]; s3 += x[i + 3] * x[i + 3]
            i += 4
        }
        while i < count { s0 += x[i] * x[i]; i += 1 }
        return (s0 + s1) + (s2 + s3)
    }

    public static func allFiniteKernel(_ x: UnsafePointer<Self>, count: Int) -> Bool {
        // x − x is 0 for finite x and NaN for ±∞ and NaN, so one comparison at the end checks everything.
        var acc: Self = 0
        for i in 0..<count { acc += x[i] - x[i] }
        return acc == 0
    }
}

extension Tensor {
    /// The sum of all elements as a plain number (not differentiable; see `sum()` for the differentiable one).
    public var scalarSum: Scalar { withBase { Scalar.sumKernel($0, count: count) } }

    /// Σ x², used by gradient clipping.
    public var sumOfSquares: Scalar { withBase { Scalar.sumOfSquaresKernel($0, count: count) } }

    /// True when no element is NaN or infinite.
    public var isFinite: Bool { withBase { Scalar.allFiniteKernel($0, count: count) } }

    /// Multiplies every element by `s` in place (optimisers, clipping).
    public mutating func scale(by s: Scalar) {
        let n = count
        scalars.withUnsafeMutableBufferPointer { p in if n > 0 { Scalar.scaleKernel(p.baseAddress!, by: s, p.baseAddress!, count: n) } }
    }
}
