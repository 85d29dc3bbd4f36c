import LinearAlgebra
import Numerics

/// A_i, the matrix that moves every past token's coefficient state one step: h_ij = A_i h_{i−1,j}.
///
/// Its *structure* is paper 001's fourth principle: it decides what the coefficients can do over time and what
/// a step costs. Stored by structure, so that applying it costs what the structure promises:
///
///     identity          A = I                 softmax and linear attention: nothing moves, position must come from elsewhere
///     scalar(a)         A = a I               Mamba-2, mLSTM, RG-LRU: one decay for all coordinates (n multiplications)
///     diagonal(a)       A = diag(a)           Mamba-1, GLA: a decay per coordinate (n)
///     complexDiagonal   A = diag(λ) on pairs  RoPE, RetNet, the LRU: a rotation and decay per pair (2n)
///     householder       A = g(I − β k kᵀ)     DeltaNet: a reflection/projection along k (about 3n)
///     dense(M)          any n × n matrix      ALiBi's Jordan block; in general n² per step
///     blockDiagonal     blocks side by side   the polynomial lift of `CoefficientSystem+Lift.swift`
public enum Evolution<Scalar: CoefficientScalar>: Sendable {
    case identity
    case scalar(Scalar)
    case diagonal([Scalar])
    /// λ_m = re[m] + i·im[m] multiplies the pair (h_{2m}, h_{2m+1}) read as the complex number h_{2m} + i h_{2m+1}.
    case complexDiagonal(re: [Scalar], im: [Scalar])
    /// g (I − β k kᵀ): a "generalised Householder" matrix (a true reflection when g = 1, β = 2 and ‖k‖ = 1).
    case householder(gate: Scalar, beta: Scalar, key: [Scalar])
    case dense(Matrix<Scalar>)
    /// `blocks[b]` acts on the next `sizes[b]` coordinates.
    indirect case blockDiagonal(sizes: [Int], blocks: [Evolution])

    /// A short name of the structure, for tables.
    public var structure: String {
        switch self {
        case .identity: return "identity"
        case .scalar: return "scalar"
        case .diagonal: return "diagonal"
        case .complexDiagonal: return "complex diagonal"
        case .householder: return "Householder"
        case .dense: return "dense"
        case .blockDiagonal: return "block diagonal"
        }
    }

    /// h ← A h for a state of `n` coordinates at `h`.
    public func apply(_ h: UnsafeMutablePointer<Scalar>, count n: Int) {
        switch self {
        case .identity:
            return
        case .scalar(let a):
            for c in 0..<n { h[c] *= a }
        case .diagonal(let a):
            precondition(a.count == n, "Evolution: diagonal of \(a.count) for a state of \(n)")
            for c in 0..<n { h[c] *= a[c] }
        case .complexDiagonal(let re, let im):
            precondition(2 * re.count == n && im.count == re.count, "Evolution: \(re.count) pairs for a state of \(n)")
            for m in 0..<re.count {
                let x0 = h[2 * m], x1 = h[2 * m + 1]
                h[2 * m] = re[m] * x0 - im[m] * x1
                h[2 * m + 1] = im[m] * x0 + re[m] * x1
            }
        case .householder(let g, let beta, let k):
            precondition(k.count == n, "Evolution: Householder key of \(k.count) for a state of \(n)")
            var dot: Scalar = 0
            for c in 0..<n { dot += k[c] * h[c] }
            let s = beta * dot
            for c in 0..<n { h[c] = g * (h[c] - s * k[c]) }
        case .dense(let m):
            precondition(m.rows == n && m.cols == n, "Evolution: \(m.rows)×\(m.cols) matrix for a state of \(n)")
            let old = Array(UnsafeBufferPointer(start: h, count: n))
            for r in 0..<n {
                var sum: Scalar = 0
                for c in 0..<n { sum += m.data[r * n + c] * old[c] }
                h[r] = sum
            }
        case .blockDiagonal(let sizes, let blocks):
            precondition(sizes.reduce(0, +) == n, "Evolution: blocks of \(sizes.reduce(0, +)) for a state of \(n)")
            var offset = 0
            for (size, block) in zip(sizes, blocks) {
                block.apply(h + offset, count: size)
                offset += size
            }
        }
    }

    /// A h as a new array.
    public func applied(to h: [Scalar]) -> [Scalar] {
        var out = h
        out.withUnsafeMutableBufferPointer { apply($0.baseAddress!, count: h.count) }
        return out
    }

    /// The n × n matrix.
    public func matrix(size n: Int) -> Matrix<Scalar> {
        // Column c is A e_c.
        var m = Matrix<Scalar>(rows: n, cols: n)
        for c in 0..<n {
            var e = [Scalar](repeating: 0, count: n)
            e[c] = 1
            let column = applied(to: e)
            for r in 0..<n { m[r, c] = column[r] }
        }
        return m
    }

    /// The eigenvalues of A on a state of n coordinates. Structured cases are read off; a dense matrix goes to LAPACK.
    public func eigenvalues(size n: Int) throws -> [Complex<Double>] {
        switch self {
        case .identity:
            return Array(repeating: Complex(1, 0), count: n)
        case .scalar(let a):
            return Array(repeating: Complex(Double(a), 0), count: n)
        case .diagonal(let a):
            return a.map { Complex(Double($0), 0) }
        case .complexDiagonal(let re, let im):
            // Each real 2 × 2 block [[Re λ, −Im λ], [Im λ, Re λ]] has the pair λ, conj(λ).
            return zip(re, im).flatMap { [Complex(Double($0), Double($1)), Complex(Double($0), -Double($1))] }
        case .householder(let g, let beta, let k):
            // k is an eigenvector with eigenvalue g(1 − β‖k‖²); every vector orthogonal to k keeps eigenvalue g.
            let norm2 = k.reduce(0.0) { $0 + Double($1) * Double($1) }
            return Array(repeating: Complex(Double(g), 0), count: n - 1) + [Complex(Double(g) * (1 - Double(beta) * norm2), 0)]
        case .dense(let m):
            return try LinearAlgebra.eigenvalues(Matrix<Double>(rows: n, cols: n, data: m.data.map { Double($0) }))
        case .blockDiagonal(let sizes, let blocks):
            return try zip(sizes, blocks).flatMap { try $1.eigenvalues(size: $0) }
        }
    }

    /// A⊗A⊗…⊗A (p factors), which moves h⊗h⊗…⊗h: (A h)^{⊗p} = A^{⊗p} h^{⊗p}. Structure is kept where it survives.
    public func kroneckerPower(_ p: Int, size n: Int) -> Evolution {
        precondition(p >= 0, "Evolution.kroneckerPower: negative power")
        if p == 0 { return .identity }
        switch self {
        case .identity:
            return .identity
        case .scalar(let a):
            var ap: Scalar = 1
            for _ in 0..<p { ap *= a }
            return .scalar(ap)
        case .diagonal(let a):
            var d: [Scalar] = [1]
            for _ in 0..<p { d = d.flatMap { x in a.map { x * $0 } } }
            return .diagonal(d)
        default:
            let m = matrix(size: n)
            var k = Matrix<Scalar>(rows: 1, cols: 1, data: [1])
            for _ in 0..<p { k = kronecker(k, m) }
            return .dense(k)
        }
    }
}

/// The Kronecker product a ⊗ b.
func kronecker<Scalar: CoefficientScalar>(_ a: Matrix<Scalar>, _ b: Matrix<Scalar>) -> Matrix<Scalar> {
    var k = Matrix<Scalar>(rows: a.rows * b.rows, cols: a.cols * b.cols)
    for i in 0..<a.rows { for j in 0..<a.cols {
        let x = a[i, j]
        for r in 0..<b.rows { for c in 0..<b.cols { k[i * b.rows + r, j * b.cols + c] = x * b[r, c] } }
    } }
    return k
}
