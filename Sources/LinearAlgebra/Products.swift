/// Matrix products through BLAS gemm: the one place where the workspace's FLOPs are spent.

/// op(A)·op(B), with op = transpose when asked. Transposes are passed to BLAS, never materialised.
public func matmul<T>(_ a: Matrix<T>, transposed ta: Bool = false,
                      _ b: Matrix<T>, transposed tb: Bool = false) -> Matrix<T> {
    let (m, k) = ta ? (a.cols, a.rows) : (a.rows, a.cols)
    let (k2, n) = tb ? (b.cols, b.rows) : (b.rows, b.cols)
    precondition(k == k2, "matmul: inner dimensions \(k) and \(k2) differ")
    var c = Matrix<T>(rows: m, cols: n)
    if m == 0 || n == 0 { return c }
    if k == 0 { return c }
    a.data.withUnsafeBufferPointer { pa in
        b.data.withUnsafeBufferPointer { pb in
            c.data.withUnsafeMutableBufferPointer { pc in
                T.gemm(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 1,
                       a: pa.baseAddress!, lda: a.cols, b: pb.baseAddress!, ldb: b.cols,
                       beta: 0, c: pc.baseAddress!, ldc: n)
            }
        }
    }
    return c
}

public func * <T>(a: Matrix<T>, b: Matrix<T>) -> Matrix<T> { matmul(a, b) }

public func + <T>(a: Matrix<T>, b: Matrix<T>) -> Matrix<T> {
    precondition(a.rows == b.rows && a.cols == b.cols, "+: shapes differ")
    return Matrix(rows: a.rows, cols: a.cols, data: zip(a.data, b.data).map { $0 + $1 })
}

public func - <T>(a: Matrix<T>, b: Matrix<T>) -> Matrix<T> {
    precondition(a.rows == b.rows && a.cols == b.cols, "-: shapes differ")
    return Matrix(rows: a.rows, cols: a.cols, data: zip(a.data, b.data).map { $0 - $1 })
}

public func * <T>(s: T, a: Matrix<T>) -> Matrix<T> {
    Matrix(rows: a.rows, cols: a.cols, data: a.data.map { s * $0 })
}

/// The Gram matrix AᵀA (columns × columns), the normal-equations matrix of least squares.
public func gram<T>(_ a: Matrix<T>) -> Matrix<T> { matmul(a, transposed: true, a) }
