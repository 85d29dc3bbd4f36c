import Numerics

/// Eigenvalues and SVD through LAPACK. Inputs are copied, never overwritten.

/// Eigen-decomposition of a symmetric matrix: eigenvalues ascending, eigenvectors as the columns of `vectors`.
public func symmetricEigen<T>(_ a: Matrix<T>) throws -> (values: [T], vectors: Matrix<T>) {
    guard a.rows == a.cols else { throw LinearAlgebraError.shapeMismatch("symmetricEigen: \(a.rows)×\(a.cols)") }
    let n = a.rows
    var v = a.data
    var w = [T](repeating: 0, count: n)
    if n == 0 { return ([], a) }
    let info = v.withUnsafeMutableBufferPointer { pv in
        w.withUnsafeMutableBufferPointer { pw in T.syevd(n: n, a: pv.baseAddress!, w: pw.baseAddress!) }
    }
    try LinearAlgebraError.check(info, "syevd")
    return (w, Matrix(rows: n, cols: n, data: v))
}

/// Eigenvalues of a general square matrix, as complex numbers (LAPACK's order).
public func eigenvalues<T: Real>(_ a: Matrix<T>) throws -> [Complex<T>] {
    guard a.rows == a.cols else { throw LinearAlgebraError.shapeMismatch("eigenvalues: \(a.rows)×\(a.cols)") }
    let n = a.rows
    if n == 0 { return [] }
    var m = a.data
    var wr = [T](repeating: 0, count: n), wi = [T](repeating: 0, count: n)
    let info = m.withUnsafeMutableBufferPointer { pm in
        wr.withUnsafeMutableBufferPointer { pr in
            wi.withUnsafeMutableBufferPointer { pi in
                T.geev(n: n, a: pm.baseAddress!, wr: pr.baseAddress!, wi: pi.baseAddress!)
            }
        }
    }
    try LinearAlgebraError.check(info, "geev")
    return zip(wr, wi).map { Complex($0, $1) }
}

/// Thin singular value decomposition A = U diag(s) Vᵀ, singular values descending.
public func svd<T>(_ a: Matrix<T>) throws -> (u: Matrix<T>, s: [T], vt: Matrix<T>) {
    let m = a.rows, n = a.cols, k = Swift.min(m, n)
    if k == 0 { return (Matrix(rows: m, cols: 0), [], Matrix(rows: 0, cols: n)) }
    var w = a.data
    var s = [T](repeating: 0, count: k)
    var u = [T](repeating: 0, count: m * k), vt = [T](repeating: 0, count: k * n)
    let info = w.withUnsafeMutableBufferPointer { pa in
        s.withUnsafeMutableBufferPointer { ps in
            u.withUnsafeMutableBufferPointer { pu in
                vt.withUnsafeMutableBufferPointer { pv in
                    T.gesdd(m: m, n: n, a: pa.baseAddress!, s: ps.baseAddress!, u: pu.baseAddress!, vt: pv.baseAddress!)
                }
            }
        }
    }
    try LinearAlgebraError.check(info, "gesdd")
    return (Matrix(rows: m, cols: k, data: u), s, Matrix(rows: k, cols: n, data: vt))
}

/// Principal component analysis: projects the centred rows of `x` onto the top `components` directions,
/// and reports the fraction of variance each direction explains.
public func pca<T>(_ x: Matrix<T>, components: Int) throws -> (scores: Matrix<T>, explained: [T]) {
    let xc = centered(x, means: columnMeans(x))
    let (u, s, _) = try svd(xc)
    let k = Swift.min(components, s.count)
    var scores = Matrix<T>(rows: x.rows, cols: k)
    for i in 0..<x.rows { for j in 0..<k { scores[i, j] = u[i, j] * s[j] } }
    let total = s.reduce(0) { $0 + $1 * $1 }
    let explained = (0..<k).map { total > 0 ? s[$0] * s[$0] / total : 0 }
    return (scores, explained)
}
