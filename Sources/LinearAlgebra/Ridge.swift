/// Ridge regression: the linear read-out used everywhere a chapter asks "is the hidden variable *linearly*
/// present in these features?" (decoding y and z from delay vectors, hidden states, residual streams).
///
/// We fit W, b minimising ‖Y − XW − 1bᵀ‖² + λ‖W‖². The intercept is not penalised, so we centre X and Y,
/// solve the normal equations (XcᵀXc + λI) W = XcᵀYc by Cholesky, and recover b = ȳ − x̄ᵀW.
public struct RidgeModel<T: BLASScalar>: Sendable {
    public let weights: Matrix<T>      // features × outputs
    public let intercept: [T]          // outputs

    /// Predictions for each row of `x`.
    public func predict(_ x: Matrix<T>) -> Matrix<T> {
        precondition(x.cols == weights.rows, "RidgeModel.predict: \(x.cols) features, model has \(weights.rows)")
        var y = matmul(x, weights)
        for i in 0..<y.rows { for j in 0..<y.cols { y[i, j] += intercept[j] } }
        return y
    }
}

/// Column means of a matrix.
public func columnMeans<T>(_ x: Matrix<T>) -> [T] {
    var mean = [T](repeating: 0, count: x.cols)
    for i in 0..<x.rows { for j in 0..<x.cols { mean[j] += x[i, j] } }
    let n = T(Swift.max(x.rows, 1))
    return mean.map { $0 / n }
}

/// `x` with each column's mean removed.
public func centered<T>(_ x: Matrix<T>, means: [T]) -> Matrix<T> {
    var c = x
    for i in 0..<x.rows { for j in 0..<x.cols { c[i, j] -= means[j] } }
    return c
}

/// Fits ridge regression of `y` (n × outputs) on `x` (n × features) with penalty `lambda` ≥ 0.
/// λ = 0 is ordinary least squares, solved by SVD so rank-deficient features still give an answer.
public func ridge<T>(_ x: Matrix<T>, _ y: Matrix<T>, lambda: T) throws -> RidgeModel<T> {
    guard x.rows == y.rows else {
        throw LinearAlgebraError.shapeMismatch("ridge: \(x.rows) samples in X, \(y.rows) in Y")
    }
    guard lambda >= 0 else { throw LinearAlgebraError.shapeMismatch("ridge: negative penalty λ = \(lambda)") }
    let xMean = columnMeans(x), yMean = columnMeans(y)
    let xc = centered(x, means: xMean), yc = centered(y, means: yMean)
    let w: Matrix<T>
    if lambda == 0 {
        w = try leastSquares(xc, yc)
    } else {
        var a = gram(xc)
        for i in 0..<a.rows { a[i, i] += lambda }
        var b = matmul(xc, transposed: true, yc)
        let info = a.data.withUnsafeMutableBufferPointer { pa in
            b.data.withUnsafeMutableBufferPointer { pb in
                T.posv(n: a.rows, nrhs: b.cols, a: pa.baseAddress!, b: pb.baseAddress!)
            }
        }
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(routine: "posv") }
        try LinearAlgebraError.check(info, "posv")
        w = b
    }
    var intercept = yMean
    for j in 0..<y.cols { for k in 0..<x.cols { intercept[j] -= xMean[k] * w[k, j] } }
    return RidgeModel(weights: w, intercept: intercept)
}

/// Minimum-norm least-squares solution X of A X ≈ B (LAPACK gelsd).
public func leastSquares<T>(_ a: Matrix<T>, _ b: Matrix<T>) throws -> Matrix<T> {
    guard a.rows == b.rows else {
        throw LinearAlgebraError.shapeMismatch("leastSquares: \(a.rows) rows in A, \(b.rows) in B")
    }
    let m = a.rows, n = a.cols, nrhs = b.cols
    if n == 0 || nrhs == 0 { return Matrix(rows: n, cols: nrhs) }
    var aw = a.data
    // gelsd wants B with max(m, n) rows; the solution comes back in the first n of them.
    var bw = [T](repeating: 0, count: Swift.max(m, n) * nrhs)
    for i in 0..<m { for j in 0..<nrhs { bw[i * nrhs + j] = b[i, j] } }
    var rank: Int32 = 0
    let info = aw.withUnsafeMutableBufferPointer { pa in
        bw.withUnsafeMutableBufferPointer { pb in
            T.gelsd(m: m, n: n, nrhs: nrhs, a: pa.baseAddress!, b: pb.baseAddress!, rcond: -1, rank: &rank)
        }
    }
    try LinearAlgebraError.check(info, "gelsd")
    return Matrix(rows: n, cols: nrhs, data: Array(bw[0..<(n * nrhs)]))
}
