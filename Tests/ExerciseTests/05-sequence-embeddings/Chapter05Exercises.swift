import Dynamics
import Exercises
import Experiments
import Foundation
import Learning
import LinearAlgebra
import SequenceModels
import Testing

/// Chapter 5's exercises (sequence models as delay embeddings).
@Suite struct Chapter05Exercises {
    /// The rows of a matrix as arrays.
    static func rows(_ m: Matrix<Double>) -> [[Double]] { (0..<m.rows).map { Array(m.row($0)) } }

    /// A clean Lorenz run as the chapter scores it: the true (x, y, z) and a 3-delay embedding of x at the same times.
    static func lorenzPair(points: Int, seed: UInt64) throws -> (truth: Matrix<Double>, delays: Matrix<Double>, x: [Double]) {
        var rng = SeededRNG(seed: seed, stream: 1)
        let start = randomInitialConditions(box: [-15..<15, -20..<20, 5..<40], count: 1, rng: &rng)[0]
        let stride = 5, tau = 17
        let trajectory = integrate(Lorenz63(), from: start, dt: 0.01, steps: points * stride + 2 * tau + 20, burnIn: 2_000)
        let x = observe(trajectory, coordinate: 0)
        let embedding = try delayEmbed(x, dimension: 3, delay: tau)
        let times = (0..<points).map { 2 * tau + $0 * stride }
        return (trajectory.selectingRows(times), embedding.vectors.selectingRows(times.map { $0 - 2 * tau }), x)
    }

    @Test func exercise5_1() throws {
        // One dimension, k = 1. True nearest neighbours of 0, 1, 3, 6, 10: 1, 0, 1, 3, 6. In the representation
        // 0, 5.5, 1, 9, 12 they are 2, 3, 0, 4, 3: only the last point keeps its neighbour.
        let line = [[0.0], [1], [3], [6], [10]]
        let scrambled = [[0.0], [5.5], [1], [9], [12]]
        #expect(abs(try Ch05.neighbourOverlap(truth: line, representation: scrambled, k: 1) - 0.2) < 1e-12)
        #expect(abs(try Ch05.neighbourOverlap(truth: line, representation: line, k: 2) - 1) < 1e-12, "a set keeps its own neighbours")
        // A rotated, stretched and shifted copy of the attractor is a perfect embedding.
        let (truth, _, _) = try Self.lorenzPair(points: 150, seed: 1)
        let (c, s) = (cos(0.7), sin(0.7))
        let moved = Self.rows(truth).map { (p: [Double]) -> [Double] in
            [3 * (c * p[0] - s * p[1]) + 5, 3 * (s * p[0] + c * p[1]) - 2, 3 * p[2] + 1]
        }
        #expect(abs(try Ch05.neighbourOverlap(truth: Self.rows(truth), representation: moved, k: 10) - 1) < 1e-12)
        // BEGIN HIDDEN TESTS
        for seed: UInt64 in [2, 3] {
            let (truth, delays, _) = try Self.lorenzPair(points: 400, seed: seed)
            for k in [1, 5, 20] {
                let mine = try Ch05.neighbourOverlap(truth: Self.rows(truth), representation: Self.rows(delays), k: k)
                let library = Dynamics.neighbourOverlap(truth: truth, representation: delays, k: k)
                #expect(abs(mine - library) < 1e-9, "seed \(seed), k = \(k): \(mine) against the library's \(library)")
            }
        }
        // A representation unrelated to the state sits near chance, k/(n − 1).
        var rng = SeededRNG(seed: 4)
        let attractor = try Self.lorenzPair(points: 300, seed: 4).truth
        let noise = (0..<300).map { _ in [rng.normal(), rng.normal(), rng.normal()] }
        let chance = try Ch05.neighbourOverlap(truth: Self.rows(attractor), representation: noise, k: 10)
        #expect(chance < 0.1, "unrelated points kept \(chance) of the neighbours (chance is 10/299)")
        expectInvalidInput("rows differ") { _ = try Ch05.neighbourOverlap(truth: line, representation: Array(line.dropLast()), k: 1) }
        expectInvalidInput("k = n") { _ = try Ch05.neighbourOverlap(truth: line, representation: line, k: 5) }
        expectInvalidInput("k = 0") { _ = try Ch05.neighbourOverlap(truth: line, representation: line, k: 0) }
        expectInvalidInput("ragged") { _ = try Ch05.neighbourOverlap(truth: line, representation: [[0], [1, 2], [3], [4], [5]], k: 1) }
        // END HIDDEN TESTS
    }

    /// The next `horizon` values of x after each of `lorenzPair`'s points.
    static func futures(_ x: [Double], points: Int, horizon: Int) -> [[Double]] {
        (0..<points).map { (r: Int) -> [Double] in (1...horizon).map { (s: Int) -> Double in x[2 * 17 + r * 5 + s] } }
    }

    @Test func exercise5_2() throws {
        // Four points on a line, k = 1, one future value each. Neighbourhoods {0, 1}, {1, 0}, {2, 3}, {3, 2}:
        // E² = 1, 1, 0, 0 and ε² = 1, 1, 4, 4, so E² = 0.5, σ² = 0.5, α² = 1/2.5 and L = ½ log10(0.2).
        let scores = try Ch05.noiseAmplification([[0], [1], [10], [12]], futures: [[0], [2], [5], [5]], k: 1)
        #expect(abs(scores.futureSpread - 0.5) < 1e-12 && abs(scores.sigma2 - 0.5) < 1e-12, "\(scores)")
        #expect(abs(scores.L - 0.5 * log10(0.2)) < 1e-12, "L = \(scores.L)")
        // Stretching the representation by c leaves E² and L alone and divides σ² by c².
        let (_, delays, x) = try Self.lorenzPair(points: 200, seed: 1)
        let futures = Self.futures(x, points: 200, horizon: 5)
        let base = try Ch05.noiseAmplification(Self.rows(delays), futures: futures, k: 3)
        let stretchedRows: [[Double]] = Self.rows(delays).map { (p: [Double]) -> [Double] in p.map { 10 * $0 } }
        let stretched = try Ch05.noiseAmplification(stretchedRows, futures: futures, k: 3)
        #expect(abs(stretched.futureSpread - base.futureSpread) < 1e-9 * base.futureSpread)
        #expect(abs(stretched.sigma2 * 100 - base.sigma2) < 1e-9 * base.sigma2)
        #expect(abs(stretched.L - base.L) < 1e-9, "L must not depend on the scale: \(base.L) → \(stretched.L)")
        // BEGIN HIDDEN TESTS
        for (seed, k) in [(UInt64(2), 3), (3, 6)] {
            let (_, delays, x) = try Self.lorenzPair(points: 300, seed: seed)
            let futures = Self.futures(x, points: 300, horizon: 10)
            let mine = try Ch05.noiseAmplification(Self.rows(delays), futures: futures, k: k)
            let library = Dynamics.noiseAmplification(delays, futures: Matrix(rowArrays: futures), k: k)
            #expect(abs(mine.futureSpread - library.futureSpread) < 1e-9 * library.futureSpread, "E²: \(mine) vs \(library)")
            #expect(abs(mine.sigma2 - library.sigma2) < 1e-9 * library.sigma2, "σ²: \(mine) vs \(library)")
            #expect(abs(mine.L - library.L) < 1e-9, "L: \(mine) vs \(library)")
        }
        // Duplicated points make a neighbourhood of size 0, which is left out. (Equal futures for the duplicates, so
        // whichever of them is taken as a neighbour gives the same numbers.)
        let duplicated = try Ch05.noiseAmplification([[0], [0], [1], [3], [7]], futures: [[1], [1], [3], [4], [5]], k: 1)
        let library = Dynamics.noiseAmplification(Matrix(column: [0, 0, 1, 3, 7]), futures: Matrix(column: [1, 1, 3, 4, 5]), k: 1)
        #expect(abs(duplicated.sigma2 - library.sigma2) < 1e-12 && abs(duplicated.L - library.L) < 1e-12, "\(duplicated) vs \(library)")
        expectInvalidInput("futures rows") { _ = try Ch05.noiseAmplification([[0], [1], [2]], futures: [[0], [1]], k: 1) }
        expectInvalidInput("too few points") { _ = try Ch05.noiseAmplification([[0], [1]], futures: [[0], [1]], k: 1) }
        expectInvalidInput("all duplicates") { _ = try Ch05.noiseAmplification([[1], [1], [1]], futures: [[0], [1], [2]], k: 1) }
        // END HIDDEN TESTS
    }

    /// Neighbour overlap and future spread of two untrained transformers of width 10, without and with learned
    /// positions, on six held-out trajectories of 200 steps (the chapter's `--quick` data, scaled down).
    static func untrainedTransformers(seed: UInt64) throws -> [PositionalEncoding: EmbeddingScores] {
        let training = LorenzEnsemble(count: 20, length: 200, noise: 0.05, seed: seed, stream: 0)
        let heldOut = LorenzEnsemble(count: 6, length: 200, noise: 0.05, seed: seed, stream: 1)
        let trajectories = Array(0..<heldOut.count)
        let probe = EmbeddingProbe(ensemble: heldOut, trajectories: trajectories, warm: 60, scale: training.standardization)
        let input = heldOut.inputs(trajectories, scale: training.standardization)
        var scores: [PositionalEncoding: EmbeddingScores] = [:]
        for encoding in [PositionalEncoding.none, .learned] {
            var rng = SeededRNG(seed: seed, stream: 3)
            let model = TransformerModel<Float>(width: 10, heads: 5, readoutHidden: 50, positionalEncoding: encoding, maxLength: 500, rng: &rng)
            scores[encoding] = try probe.score(pooledRows(model.hiddenStates(input), warm: 60), nonlinear: false)
        }
        return scores
    }

    /// What a ratio "with / without" counts as, with the exercise's 20%.
    static func verdict(_ ratio: Double) -> Prediction {
        abs(ratio - 1) <= 0.2 ? .staysAboutTheSame : ratio > 1 ? .increases : .decreases
    }

    @Test func exercise5_3() throws {
        let overlap = try Ch05.learnedPositionsOverlapPrediction()
        let spread = try Ch05.learnedPositionsFutureSpreadPrediction()
        #expect(Prediction.allCases.contains(overlap) && Prediction.allCases.contains(spread))
        // BEGIN HIDDEN TESTS
        for seed: UInt64 in [1, 2] {
            let scores = try Self.untrainedTransformers(seed: seed)
            let (none, learned) = (scores[.none]!, scores[.learned]!)
            let measured = (overlap: Self.verdict(learned.overlap / none.overlap),
                            spread: Self.verdict(learned.amplification.futureSpread / none.amplification.futureSpread))
            #expect(overlap == measured.overlap, "seed \(seed): overlap without positions \(none.overlap), with \(learned.overlap)")
            #expect(spread == measured.spread,
                    "seed \(seed): future spread without positions \(none.amplification.futureSpread), with \(learned.amplification.futureSpread)")
        }
        // END HIDDEN TESTS
    }

    @Test func exercise5_4() throws {
        // Three positions, warm = 1: queries 1 and 2. Lag 0 gets (0.25 + 0.5)/2, lag 1 (0.75 + 0.2)/2, lag 2 0.3/2.
        let a = [[1.0, 0, 0], [0.75, 0.25, 0], [0.3, 0.2, 0.5]]
        let profile = try Ch05.lagProfile(weights: a, warm: 1)
        #expect(maxDifference(profile, [0.375, 0.475, 0.15]) < 1e-12, "profile \(profile)")
        #expect(abs(try Ch05.meanLag(profile) - 0.775) < 1e-12)
        // Your formula must agree with the profile of a uniform head.
        let (t, warm) = (40, 7)
        let uniform = (0..<t).map { i in (0..<t).map { j in j <= i ? 1 / Double(i + 1) : 0 } }
        let formula = try Ch05.uniformMeanLag(positions: t, warm: warm)
        let measured = try Ch05.meanLag(try Ch05.lagProfile(weights: uniform, warm: warm))
        #expect(abs(formula - measured) < 1e-9, "formula \(formula), uniform head \(measured)")
        // BEGIN HIDDEN TESTS
        // A real head: the untrained transformer's attention weights, against the same sums written out here.
        var rng = SeededRNG(seed: 6, stream: 3)
        let model = TransformerModel<Double>(width: 10, heads: 5, readoutHidden: 8, positionalEncoding: .learned, maxLength: 60, rng: &rng)
        let x = (0..<60).map { sin(Double($0) / 5) }
        let w = model.attentionWeights(Tensor(shape: [1, 60, 1], scalars: x))
        for head in [0, 3] {
            let weights = (0..<60).map { i in (0..<60).map { j in w.scalars[(head * 60 + i) * 60 + j] } }
            let mine = try Ch05.lagProfile(weights: weights, warm: 10)
            var reference = [Double](repeating: 0, count: 60)
            for i in 10..<60 { for j in 0...i { reference[i - j] += weights[i][j] / 50 } }
            #expect(maxDifference(mine, reference) < 1e-12)
            #expect(abs(mine.reduce(0, +) - 1) < 1e-9, "each query's weights sum to 1, so the profile does too")
        }
        for (t, warm) in [(499, 64), (10, 0), (1, 0), (100, 99)] {
            let uniform = (0..<t).map { i in (0..<t).map { j in j <= i ? 1 / Double(i + 1) : 0 } }
            let measured = try Ch05.meanLag(try Ch05.lagProfile(weights: uniform, warm: warm))
            #expect(abs(try Ch05.uniformMeanLag(positions: t, warm: warm) - measured) < 1e-9, "T = \(t), warm = \(warm)")
        }
        expectInvalidInput("not square") { _ = try Ch05.lagProfile(weights: [[1, 0]], warm: 0) }
        expectInvalidInput("warm = T") { _ = try Ch05.lagProfile(weights: a, warm: 3) }
        expectInvalidInput("zero profile") { _ = try Ch05.meanLag([0, 0]) }
        expectInvalidInput("empty profile") { _ = try Ch05.meanLag([]) }
        expectInvalidInput("warm ≥ T") { _ = try Ch05.uniformMeanLag(positions: 5, warm: 5) }
        // END HIDDEN TESTS
    }
}
