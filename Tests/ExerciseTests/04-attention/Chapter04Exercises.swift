import Exercises
import Foundation
import Learning
import LinearAlgebra
import SequenceModels
import Testing

/// Chapter 4's exercises (attention as learned delay selection).
@Suite struct Chapter04Exercises {
    @Test func exercise4_1() throws {
        // Equal keys give equal scores: every row is uniform over the visible past.
        let q = [[1.0, 2], [0.5, -1], [3, 0]], k = [[1.0, 1], [1, 1], [1, 1]]
        let a = try Ch04.attentionWeights(queries: q, keys: k)
        #expect(a.count == 3 && a.allSatisfy { $0.count == 3 })
        #expect(maxDifference(a.flatMap { $0 }, [1, 0, 0, 0.5, 0.5, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3]) < 1e-12)
        // Huge scores must not overflow.
        let big = try Ch04.attentionWeights(queries: [[1000], [1000]], keys: [[1000], [999]])
        #expect(big.flatMap { $0 }.allSatisfy { $0.isFinite }, "weights \(big)")
        // BEGIN HIDDEN TESTS
        var rng = SeededRNG(seed: 5)
        let t = 9, d = 4
        let qs = (0..<t).map { _ in (0..<d).map { _ in rng.normal() } }, ks = (0..<t).map { _ in (0..<d).map { _ in rng.normal() } }
        let mine = try Ch04.attentionWeights(queries: qs, keys: ks)
        let reference = causalAttentionWeights(Tensor<Double>(shape: [1, t, d], scalars: qs.flatMap { $0 }),
                                               Tensor<Double>(shape: [1, t, d], scalars: ks.flatMap { $0 }), heads: 1)
        #expect(maxDifference(mine.flatMap { $0 }, reference.scalars) < 1e-12)
        #expect(abs(big[1][0] - 1) < 1e-12, "scores 10⁶ and 999 000 put all the weight on the first key")
        expectInvalidInput("lengths differ") { _ = try Ch04.attentionWeights(queries: [[1, 2]], keys: [[1]]) }
        // END HIDDEN TESTS
    }

    @Test func exercise4_2() throws {
        let d = 8
        let p = try Ch04.sinusoidalPositions(length: 60, width: d)
        #expect(p.count == 60 && p.allSatisfy { $0.count == d })
        #expect(maxDifference(p[0], [0, 1, 0, 1, 0, 1, 0, 1]) < 1e-12, "position 0 is (sin 0, cos 0, …)")
        // A shift by k rotates each (sin, cos) pair by k ω_m, the same rotation at every position t.
        for m in 0..<(d / 2) {
            let omega = pow(10_000, -Double(2 * m) / Double(d))
            for (t, k) in [(3, 5), (10, 20), (40, 7)] {
                let (s, c) = (p[t][2 * m], p[t][2 * m + 1])
                let rotated = [s * cos(Double(k) * omega) + c * sin(Double(k) * omega), c * cos(Double(k) * omega) - s * sin(Double(k) * omega)]
                #expect(maxDifference([p[t + k][2 * m], p[t + k][2 * m + 1]], rotated) < 1e-9, "pair \(m), t = \(t), k = \(k)")
            }
        }
        // BEGIN HIDDEN TESTS
        for width in [1, 5, 16] {
            let reference: Tensor<Double> = SequenceModels.sinusoidalPositions(length: 30, width: width)
            #expect(maxDifference(try Ch04.sinusoidalPositions(length: 30, width: width).flatMap { $0 }, reference.scalars) < 1e-12)
        }
        #expect(try Ch04.sinusoidalPositions(length: 0, width: 4).isEmpty)
        expectInvalidInput("width 0") { _ = try Ch04.sinusoidalPositions(length: 3, width: 0) }
        // END HIDDEN TESTS
    }

    /// The softmax of a row and a loss of it, L = Σ_j c_j a_j + ½ Σ_j a_j², for finite differences.
    static func softmax(_ s: [Double]) -> [Double] {
        let top = s.max() ?? 0
        let e = s.map { exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    static func loss(_ s: [Double], _ c: [Double]) -> Double {
        zip(softmax(s), c).reduce(0) { $0 + $1.1 * $1.0 + 0.5 * $1.0 * $1.0 }
    }

    static func check(scores s: [Double], weights c: [Double]) throws -> Double {
        let a = softmax(s)
        let upstream = zip(a, c).map { $1 + $0 }      // ∂L/∂a_j = c_j + a_j
        let mine = try Ch04.softmaxPullback(weights: a, upstream: upstream)
        let h = 1e-6
        let reference = s.indices.map { j -> Double in
            var plus = s, minus = s
            plus[j] += h; minus[j] -= h
            return (loss(plus, c) - loss(minus, c)) / (2 * h)
        }
        return maxDifference(mine, reference)
    }

    @Test func exercise4_3() throws {
        let gap = try Self.check(scores: [0.3, -1.2, 2.0, 0.1], weights: [1, -2, 0.5, 3])
        #expect(gap < 1e-7, "largest difference from finite differences: \(gap)")
        // BEGIN HIDDEN TESTS
        var rng = SeededRNG(seed: 8)
        for n in [1, 2, 17] {
            let s = (0..<n).map { _ in 3 * rng.normal() }, c = (0..<n).map { _ in rng.normal() }
            #expect(try Self.check(scores: s, weights: c) < 1e-6, "n = \(n)")
            let sum = try Ch04.softmaxPullback(weights: Self.softmax(s), upstream: c).reduce(0, +)
            #expect(abs(sum) < 1e-12, "the score gradients must sum to 0 (got \(sum))")
        }
        expectInvalidInput("lengths differ") { _ = try Ch04.softmaxPullback(weights: [1], upstream: [1, 2]) }
        // END HIDDEN TESTS
    }

    /// Attention weights of an untrained one-layer transformer on a constant input of 12 steps: [heads][i][j].
    static func constantInputWeights(_ encoding: PositionalEncoding, seed: UInt64) -> [[[Double]]] {
        var rng = SeededRNG(seed: seed, stream: 3)
        let model = TransformerModel<Double>(width: 8, heads: 2, readoutHidden: 8, positionalEncoding: encoding, maxLength: 12, rng: &rng)
        let w = model.attentionWeights(Tensor(shape: [1, 12, 1], scalars: [Double](repeating: 0.7, count: 12)))
        return (0..<2).map { h in (0..<12).map { i in (0..<12).map { j in w.scalars[(h * 12 + i) * 12 + j] } } }
    }

    @Test func exercise4_4() throws {
        #expect(try Ch04.constantInputWeight(query: 3, key: 5) == 0, "no weight on the future")
        var total = 0.0
        for j in 0...6 { total += try Ch04.constantInputWeight(query: 6, key: j) }
        #expect(abs(total - 1) < 1e-12, "row 6 must sum to 1 (got \(total))")
        _ = try Ch04.formulaHoldsWithLearnedPositions()
        // BEGIN HIDDEN TESTS
        for seed: UInt64 in [1, 2] {
            let none = Self.constantInputWeights(.none, seed: seed)
            let learned = Self.constantInputWeights(.learned, seed: seed)
            var gapNone = 0.0, gapLearned = 0.0
            for h in 0..<2 { for i in 0..<12 { for j in 0..<12 {
                let formula = try Ch04.constantInputWeight(query: i, key: j)
                gapNone = max(gapNone, abs(none[h][i][j] - formula))
                gapLearned = max(gapLearned, abs(learned[h][i][j] - formula))
            } } }
            #expect(gapNone < 1e-9, "without positions the model's weights differ from your formula by up to \(gapNone)")
            let holds = gapLearned < 1e-3
            #expect(try Ch04.formulaHoldsWithLearnedPositions() == holds,
                    "with learned positions the weights differ from your formula by up to \(gapLearned)")
        }
        // END HIDDEN TESTS
    }
}
