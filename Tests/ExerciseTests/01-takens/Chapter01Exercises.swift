import Dynamics
import Exercises
import LinearAlgebra
import Testing

/// Chapter 1's exercises (Takens delay embeddings).
@Suite struct Chapter01Exercises {
    @Test func exercise1_1() throws {
        let series = (0..<10).map(Double.init)
        let v = try Ch01.delayVectors(series, dimension: 3, delay: 2)
        #expect(v.count == 6, "n − (d−1)τ = 10 − 4 rows")
        #expect(v.first == [4, 2, 0], "the first vector is (s(4), s(2), s(0))")
        #expect(v.last == [9, 7, 5])
        expectInvalidInput("a delay of 0") { _ = try Ch01.delayVectors(series, dimension: 3, delay: 0) }
        // BEGIN HIDDEN TESTS
        expectInvalidInput("dimension 0") { _ = try Ch01.delayVectors(series, dimension: 0, delay: 1) }
        expectInvalidInput("too short") { _ = try Ch01.delayVectors(series, dimension: 4, delay: 4) }
        #expect(try Ch01.delayVectors([1, 2, 3, 4], dimension: 4, delay: 1) == [[4, 3, 2, 1]])
        var rng = SeededRNG(seed: 7)
        let random = (0..<200).map { _ in rng.normal() }
        for (d, tau) in [(1, 1), (2, 5), (5, 3), (7, 17)] {
            let mine = try Ch01.delayVectors(random, dimension: d, delay: tau)
            let reference = try delayEmbed(random, dimension: d, delay: tau)
            #expect(mine.count == reference.vectors.rows, "d = \(d), τ = \(tau)")
            #expect(mine.flatMap { $0 } == reference.vectors.data, "d = \(d), τ = \(tau)")
        }
        // END HIDDEN TESTS
    }

    @Test func exercise1_2() throws {
        let x = observedLorenz(steps: 1_200, noise: 0, seed: 1).clean
        let e1 = try Ch01.caoE1(x, maxDimension: 5, delay: 17)
        #expect(e1.count == 5)
        #expect(e1.allSatisfy { $0.isFinite && $0 > 0 })
        // One coordinate is far too few for Lorenz: adding the second moves neighbours a lot (E1(1) far below 1);
        // by three or four coordinates E1 has levelled off towards 1 (on 1 200 points it stays noisy).
        #expect(e1[0] < 0.1, "E1(1) = \(e1[0])")
        #expect(max(e1[2], e1[3]) > 0.7, "E1(3) = \(e1[2]), E1(4) = \(e1[3])")
        // BEGIN HIDDEN TESTS
        for (series, tau) in [(x, 17), (observedLorenz(steps: 900, noise: 0.05, seed: 3).x, 9)] {
            let reference = try caoDimensionCurves(series, maxDimension: 5, delay: tau).e1
            let mine = try Ch01.caoE1(series, maxDimension: 5, delay: tau)
            #expect(maxDifference(mine, reference) < 1e-9, "E1 \(mine) against the library's \(reference)")
        }
        expectInvalidInput("maxDimension 0") { _ = try Ch01.caoE1(x, maxDimension: 0, delay: 1) }
        expectInvalidInput("too short") { _ = try Ch01.caoE1([1, 2, 3], maxDimension: 2, delay: 1) }
        // END HIDDEN TESTS
    }

    /// Held-out R² of z from ridge regression on the given features of chapter 1's delay vectors (d = 3, τ = 17).
    func zScore(seed: UInt64, features: ([Double]) throws -> [Double]) throws -> (r2: Double, count: Int) {
        let data = observedLorenz(steps: 6_000, noise: 0.01, seed: seed)
        let embedding = try delayEmbed(data.x, dimension: 3, delay: 17)
        let rows = try (0..<embedding.vectors.rows).map { try features(Array(embedding.vectors.row($0))) }
        let z = data.hidden.selectingColumns([1]).selectingRows(embedding.times)
        let fit = try decodeR2(features: Matrix(rowArrays: rows), targets: z, trainFraction: 0.5)
        return (fit.perColumn[0], rows[0].count)
    }

    @Test func exercise1_3() throws {
        let raw = try zScore(seed: 1) { $0 }
        let mine = try zScore(seed: 1) { try Ch01.zFeatures($0) }
        #expect(raw.r2 < 0.2, "the raw delay vector should not decode z (R² = \(raw.r2))")
        #expect(mine.count <= 40, "\(mine.count) features per vector; at most 40")
        #expect(mine.r2 >= 0.9, "held-out R² of z from your features: \(mine.r2)")
        // BEGIN HIDDEN TESTS
        let other = try zScore(seed: 5) { try Ch01.zFeatures($0) }
        #expect(other.r2 >= 0.9, "another trajectory (seed 5): R² = \(other.r2)")
        // END HIDDEN TESTS
    }

    /// Cross-mapped R² of z at d = 3 for a delay τ, at chapter 1's --quick scale.
    func crossMappedZ(tau: Int, seed: UInt64) throws -> Double {
        let data = observedLorenz(steps: 6_000, noise: 0.01, seed: seed)
        return try crossMap(try delayEmbed(data.x, dimension: 3, delay: tau), targets: data.hidden, trainFraction: 0.5).r2[1]
    }

    @Test func exercise1_4() throws {
        // The check against the experiment is part of the grading; here we only ask for an answer.
        let prediction = try Ch01.shortDelayPrediction()
        #expect(Prediction.allCases.contains(prediction))
        // BEGIN HIDDEN TESTS
        for seed: UInt64 in [1, 2] {
            let chosen = try crossMappedZ(tau: 17, seed: seed), short = try crossMappedZ(tau: 1, seed: seed)
            let measured: Prediction = short > chosen + 0.02 ? .increases : (short < chosen - 0.02 ? .decreases : .staysAboutTheSame)
            #expect(prediction == measured, "seed \(seed): R² of z is \(chosen) at τ = 17 and \(short) at τ = 1")
        }
        // END HIDDEN TESTS
    }
}
