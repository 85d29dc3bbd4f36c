import Testing
import LinearAlgebra

/// gemm through BLAS must agree with the schoolbook triple loop, for every combination of transposes.
@Suite struct ProductTests {
    func naive(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
        var c = Matrix<Double>(rows: a.rows, cols: b.cols)
        for i in 0..<a.rows { for j in 0..<b.cols { for k in 0..<a.cols { c[i, j] += a[i, k] * b[k, j] } } }
        return c
    }

    func random(_ r: Int, _ c: Int, _ rng: inout SeededRNG) -> Matrix<Double> {
        Matrix(rows: r, cols: c, data: (0..<(r * c)).map { _ in rng.normal() })
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func gemmMatchesTripleLoop(ta: Bool, tb: Bool) {
        var rng = SeededRNG(seed: 7)
        let a = random(5, 3, &rng), b = random(3, 4, &rng)
        let aIn = ta ? a.transposed : a, bIn = tb ? b.transposed : b
        let c = matmul(aIn, transposed: ta, bIn, transposed: tb)
        let ref = naive(a, b)
        #expect(c.rows == 5 && c.cols == 4)
        for (x, y) in zip(c.data, ref.data) { #expect(abs(x - y) < 1e-12) }
    }

    @Test func floatGemmMatchesDouble() {
        var rng = SeededRNG(seed: 8)
        let a = random(7, 6, &rng), b = random(6, 5, &rng)
        let cf = matmul(Matrix<Float>(rows: 7, cols: 6, data: a.data.map(Float.init)),
                        Matrix<Float>(rows: 6, cols: 5, data: b.data.map(Float.init)))
        for (x, y) in zip(cf.data, naive(a, b).data) { #expect(abs(Double(x) - y) < 1e-4) }
    }

    @Test func emptyInnerDimensionGivesZeros() {
        let c = matmul(Matrix<Double>(rows: 2, cols: 0), Matrix<Double>(rows: 0, cols: 3))
        #expect(c == Matrix(rows: 2, cols: 3))
    }
}
