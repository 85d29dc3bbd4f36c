import CBLAS
import CLAPACKE

/// The element types BLAS and LAPACK know: `Float` (training) and `Double` (dynamics, gradient checks).
///
/// Each requirement is one BLAS/LAPACK routine in its row-major form; the generic code above it never sees
/// which precision it runs in. Integers cross the C boundary as `Int32`, never OpenBLAS's `blasint`,
/// so a netlib CBLAS or Accelerate could stand in.
public protocol BLASScalar: BinaryFloatingPoint, Sendable where Self.RawSignificand: FixedWidthInteger {
    /// C ← α·op(A)·op(B) + β·C, all row-major with leading dimensions lda, ldb, ldc.
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                     a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// Solves A X = B for symmetric positive definite A (n×n) by Cholesky; B (n×nrhs) is overwritten by X.
    static func posv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, b: UnsafeMutablePointer<Self>) -> Int32
    /// Minimum-norm least squares by SVD (gelsd). A is m×n, B is max(m,n)×nrhs and returns X in its top n rows.
    static func gelsd(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Self>, b: UnsafeMutablePointer<Self>,
                      rcond: Self, rank: UnsafeMutablePointer<Int32>) -> Int32
    /// Symmetric eigen-decomposition (syevd): eigenvalues ascending in w, eigenvectors in the columns of a.
    static func syevd(n: Int, a: UnsafeMutablePointer<Self>, w: UnsafeMutablePointer<Self>) -> Int32
    /// General eigenvalues (geev, no vectors): real parts in wr, imaginary parts in wi.
    static func geev(n: Int, a: UnsafeMutablePointer<Self>, wr: UnsafeMutablePointer<Self>,
                     wi: UnsafeMutablePointer<Self>) -> Int32
    /// Thin SVD (gesdd): A (m×n) = U diag(s) Vᵀ with U m×k, Vᵀ k×n, k = min(m, n).
    static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Self>, s: UnsafeMutablePointer<Self>,
                      u: UnsafeMutablePointer<Self>, vt: UnsafeMutablePointer<Self>) -> Int32
}

@inline(__always) private func op(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }
private let jobV = Int8(UInt8(ascii: "V")), jobN = Int8(UInt8(ascii: "N"))
private let upper = Int8(UInt8(ascii: "U")), jobS = Int8(UInt8(ascii: "S"))

extension Float: BLASScalar {
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        FLOPCounter.add(2 * m * n * k)
        if SmallGemm.applies(transA: transA, m: m, n: n, k: k, alpha: alpha, beta: beta) {
            return SmallGemm.multiply(transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                                      accumulate: beta == 1, c: c, ldc: ldc)
        }
        if LongInnerGemm.applies(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, beta: beta) {
            return LongInnerGemm.multiply(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
        }
        cblas_sgemm(CblasRowMajor, op(transA), op(transB), Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    public static func posv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_sposv(LAPACK_ROW_MAJOR, upper, Int32(n), Int32(nrhs), a, Int32(n), b, Int32(nrhs))
    }
    public static func gelsd(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>,
                             rcond: Float, rank: UnsafeMutablePointer<Int32>) -> Int32 {
        var s = [Float](repeating: 0, count: Swift.max(1, Swift.min(m, n)))
        return LAPACKE_sgelsd(LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(nrhs), a, Int32(n), b, Int32(nrhs),
                              &s, rcond, rank)
    }
    public static func syevd(n: Int, a: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_ssyevd(LAPACK_ROW_MAJOR, jobV, upper, Int32(n), a, Int32(n), w)
    }
    public static func geev(n: Int, a: UnsafeMutablePointer<Float>, wr: UnsafeMutablePointer<Float>,
                            wi: UnsafeMutablePointer<Float>) -> Int32 {
        LAPACKE_sgeev(LAPACK_ROW_MAJOR, jobN, jobN, Int32(n), a, Int32(n), wr, wi, nil, 1, nil, 1)
    }
    public static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Float>, s: UnsafeMutablePointer<Float>,
                             u: UnsafeMutablePointer<Float>, vt: UnsafeMutablePointer<Float>) -> Int32 {
        let k = Swift.min(m, n)
        return LAPACKE_sgesdd(LAPACK_ROW_MAJOR, jobS, Int32(m), Int32(n), a, Int32(n), s, u, Int32(k), vt, Int32(n))
    }
}

extension Double: BLASScalar {
    public static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                            a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        cblas_dgemm(CblasRowMajor, op(transA), op(transB), Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    public static func posv(n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dposv(LAPACK_ROW_MAJOR, upper, Int32(n), Int32(nrhs), a, Int32(n), b, Int32(nrhs))
    }
    public static func gelsd(m: Int, n: Int, nrhs: Int, a: UnsafeMutablePointer<Double>, b: UnsafeMutablePointer<Double>,
                             rcond: Double, rank: UnsafeMutablePointer<Int32>) -> Int32 {
        var s = [Double](repeating: 0, count: Swift.max(1, Swift.min(m, n)))
        return LAPACKE_dgelsd(LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(nrhs), a, Int32(n), b, Int32(nrhs),
                              &s, rcond, rank)
    }
    public static func syevd(n: Int, a: UnsafeMutablePointer<Double>, w: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dsyevd(LAPACK_ROW_MAJOR, jobV, upper, Int32(n), a, Int32(n), w)
    }
    public static func geev(n: Int, a: UnsafeMutablePointer<Double>, wr: UnsafeMutablePointer<Double>,
                            wi: UnsafeMutablePointer<Double>) -> Int32 {
        LAPACKE_dgeev(LAPACK_ROW_MAJOR, jobN, jobN, Int32(n), a, Int32(n), wr, wi, nil, 1, nil, 1)
    }
    public static func gesdd(m: Int, n: Int, a: UnsafeMutablePointer<Double>, s: UnsafeMutablePointer<Double>,
                             u: UnsafeMutablePointer<Double>, vt: UnsafeMutablePointer<Double>) -> Int32 {
        let k = Swift.min(m, n)
        return LAPACKE_dgesdd(LAPACK_ROW_MAJOR, jobS, Int32(m), Int32(n), a, Int32(n), s, u, Int32(k), vt, Int32(n))
    }
}
