import Testing
import Numerics
import LinearAlgebra

@Suite struct SolverTests {
    /// Data generated from known weights and intercept; ridge with a tiny penalty must recover them.
    @Test func ridgeRecoversKnownLinearMap() throws {
        var rng = SeededRNG(seed: 1)
        let n = 200, w = [2.0, -1.0, 0.5], b = 3.0
        let x = Matrix<Double>(rows: n, cols: 3, data: (0..<(3 * n)).map { _ in rng.normal() })
        let y = Matrix<Double>(column: (0..<n).map { i in b + (0..<3).reduce(0) { $0 + w[$1] * x[i, $1] } })
        let model = try ridge(x, y, lambda: 1e-8)
        for k in 0..<3 { #expect(abs(model.weights[k, 0] - w[k]) < 1e-6) }
        #expect(abs(model.intercept[0] - b) < 1e-6)
        let fit = model.predict(x)
        for i in 0..<n { #expect(abs(fit[i, 0] - y[i, 0]) < 1e-6) }
    }

    /// A larger penalty shrinks the weights towards zero: ‖W(λ)‖ decreases with λ.
    @Test func ridgePenaltyShrinks() throws {
        var rng = SeededRNG(seed: 2)
        let x = Matrix<Double>(rows: 50, cols: 4, data: (0..<200).map { _ in rng.normal() })
        let y = Matrix<Double>(rows: 50, cols: 1, data: (0..<50).map { _ in rng.normal() })
        let norms = try [1e-3, 1.0, 100.0].map { lambda in
            try ridge(x, y, lambda: lambda).weights.data.reduce(0) { $0 + $1 * $1 }
        }
        #expect(norms[0] > norms[1] && norms[1] > norms[2])
    }

    @Test func ridgeWithZeroPenaltyIsLeastSquaresEvenWhenRankDeficient() throws {
        // Two identical columns: the normal equations are singular, least squares still answers.
        let x = Matrix<Double>(rowArrays: [[1, 1], [2, 2], [3, 3], [4, 4]])
        let y = Matrix<Double>(column: [2, 4, 6, 8])
        let model = try ridge(x, y, lambda: 0)
        #expect(abs(model.weights[0, 0] - model.weights[1, 0]) < 1e-10)   // minimum norm splits evenly
        #expect(abs(model.predict(x)[3, 0] - 8) < 1e-10)
    }

    @Test func ridgeRejectsMismatchedShapes() {
        #expect(throws: LinearAlgebraError.self) {
            try ridge(Matrix<Double>(rows: 3, cols: 2), Matrix<Double>(rows: 4, cols: 1), lambda: 1)
        }
    }

    @Test func symmetricEigenReconstructs() throws {
        let a = Matrix<Double>(rowArrays: [[4, 1, 0], [1, 3, 1], [0, 1, 2]])
        let (values, v) = try symmetricEigen(a)
        #expect(values == values.sorted())
        // A v_k = λ_k v_k for every column k.
        let av = matmul(a, v)
        for k in 0..<3 { for i in 0..<3 { #expect(abs(av[i, k] - values[k] * v[i, k]) < 1e-12) } }
    }

    /// A rotation by θ scaled by r has eigenvalues r·e^{±iθ}: the picture behind every SSM chapter.
    @Test func eigenvaluesOfScaledRotation() throws {
        let r = 0.9, theta = 0.3
        let a = Matrix<Double>(rowArrays: [[r * .cos(theta), -r * .sin(theta)], [r * .sin(theta), r * .cos(theta)]])
        let lambdas = try eigenvalues(a)
        #expect(lambdas.count == 2)
        for l in lambdas {
            #expect(l.length.isApproximatelyEqual(to: r, relativeTolerance: 1e-12))
            #expect(abs(abs(l.phase) - theta) < 1e-12)
        }
    }

    @Test func svdReconstructsAndOrdersSingularValues() throws {
        var rng = SeededRNG(seed: 3)
        let a = Matrix<Double>(rows: 6, cols: 4, data: (0..<24).map { _ in rng.normal() })
        let (u, s, vt) = try svd(a)
        #expect(s == s.sorted(by: >))
        var us = u
        for i in 0..<u.rows { for j in 0..<u.cols { us[i, j] *= s[j] } }
        let back = matmul(us, vt)
        for (x, y) in zip(back.data, a.data) { #expect(abs(x - y) < 1e-12) }
    }

    /// Points on a line in 3-D: the first principal component explains all the variance.
    @Test func pcaFindsALine() throws {
        let x = Matrix<Double>(rowArrays: (0..<20).map { t in [Double(t), 2 * Double(t) + 1, -Double(t)] })
        let (scores, explained) = try pca(x, components: 2)
        #expect(scores.cols == 2)
        #expect(abs(explained[0] - 1) < 1e-12)
    }
}
