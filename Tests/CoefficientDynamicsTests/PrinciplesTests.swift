import CoefficientDynamics
import Learning
import LinearAlgebra
import Numerics
import Testing

@Suite struct PositionPrinciple {
    func system(_ a: Evolution<Double>, seed: UInt64) -> (CoefficientSystem<Double>, Matrix<Double>) {
        var rng = SeededRNG(seed: seed)
        let s = CoefficientSystem(queries: randomMatrix(24, 4, std: 1, rng: &rng), keys: randomMatrix(24, 4, std: 1, rng: &rng),
                                  impulse: 0.5, evolution: a, readout: .exponential, normalisation: .sum)
        return (s, randomMatrix(24, 3, std: 1, rng: &rng))
    }

    @Test(arguments: [1, 2] as [UInt64])
    func shuffleIsZeroOnlyForTheIdentity(seed: UInt64) {
        var rng = SeededRNG(seed: seed, stream: 1)
        let permutation = randomPermutation(23, rng: &rng)
        let (identity, v) = system(.identity, seed: seed)
        #expect(shuffleChange(identity, values: v, permutation: permutation) <= 1e-12)
        for a in [Evolution<Double>.scalar(0.8), .rotary(headSize: 4), .diagonal([0.9, 0.5, 1, 0.7])] {
            let (s, v) = system(a, seed: seed)
            #expect(shuffleChange(s, values: v, permutation: permutation) > 1e-3, "\(a.structure)")
        }
    }

    @Test func mixersWithoutPositionIgnoreOrder() {
        // Softmax without positions and linear attention have A = I; every other mixer of the catalogue does not.
        let x = randomInput(Double.self, length: 24, width: 8, seed: 11)
        var rng = SeededRNG(seed: 11, stream: 1)
        let permutation = randomPermutation(23, rng: &rng)
        for mixer in mixerCatalogue(width: 8, heads: 2, stateSize: 4, seed: 11) as [any SequenceMixer<Double>] {
            let change = shuffleChange(mixer, x, permutation: permutation)
            if mixer.name == "softmax attention" || mixer.name == "linear attention" {
                #expect(change <= 1e-12, "\(mixer.name): \(change)")
            } else {
                #expect(change > 1e-4, "\(mixer.name): \(change)")
            }
        }
    }
}

@Suite struct NormalisationPrinciple {
    @Test(arguments: [0.9, 1.0, 1.02])
    func normalisedOutputsStayWithinTheLargestValue(decay: Double) {
        var rng = SeededRNG(seed: 12)
        let values: Matrix<Double> = randomMatrix(300, 8, std: 1, rng: &rng)
        let bound = largestRowNorm(values)
        var r1 = SeededRNG(seed: 13), r2 = SeededRNG(seed: 13)
        let normalised = outputNorms(positiveSystem(decay: decay, length: 300, stateSize: 8, normalised: true, rng: &r1), values: values)
        let raw = outputNorms(positiveSystem(decay: decay, length: 300, stateSize: 8, normalised: false, rng: &r2), values: values)
        #expect(normalised.allSatisfy { $0 <= bound * (1 + 1e-12) })
        if decay >= 1 { #expect(raw.last! > 5 * bound) }   // marginally stable or unstable A without η: growth
    }

    @Test func growthOrdersWithTheDecay() {
        var rng = SeededRNG(seed: 14)
        let values: Matrix<Double> = randomMatrix(300, 8, std: 1, rng: &rng)
        let last = [0.9, 1.0, 1.02].map { a -> Double in
            var r = SeededRNG(seed: 15)
            return outputNorms(positiveSystem(decay: a, length: 300, stateSize: 8, normalised: false, rng: &r), values: values).last!
        }
        #expect(last[0] < last[1] && last[1] < last[2])
        #expect(last[2] > 100 * last[0])
    }
}

@Suite struct SelectivityPrinciple {
    @Test func zeroSetDecidesWhatCanBeSelected() throws {
        var rng = SeededRNG(seed: 16)
        let keys: Matrix<Double> = randomMatrix(20, 4, std: 1, rng: &rng)
        var softmaxSelectable = 0
        for t in 0..<20 {
            // Linear: never one-hot (19 other keys cannot all be orthogonal to one q ≠ 0 in ℝ⁴).
            #expect(try linearSelection(keys: keys, token: t).residual! > 0.3)
            // ReLU: the other keys span every direction, so no half-space holds them all.
            #expect(!reluSelection(keys: keys, token: t).selects)
            let softmax = softmaxSelection(keys: keys, token: t)
            #expect(softmax.selects == (softmax.query != nil))
            if let q = softmax.query {
                softmaxSelectable += 1
                let scores = (0..<20).map { j in zip(q, keys.row(j)).reduce(0) { $0 + $1.0 * $1.1 } }
                #expect(scores.indices.allSatisfy { $0 == t || scores[$0] < scores[t] })
            }
        }
        // Some keys are hull vertices and some are not.
        #expect(softmaxSelectable > 0 && softmaxSelectable < 20)
    }
}

@Suite struct ScalingAndStructure {
    @Test func scaledScoresKeepTheirVariance() {
        var rng = SeededRNG(seed: 17)
        let rows = scalingTable(stateSizes: [16, 256], keys: 64, queries: 32, rng: &rng)
        for row in rows {
            #expect(abs(row.varianceScaled - 1) < 0.3)
            #expect(abs(row.varianceUnscaled / Double(row.stateSize) - 1) < 0.3)
        }
        #expect(abs(rows[0].entropyScaled - rows[1].entropyScaled) < 0.3)
        #expect(rows[1].entropyUnscaled < rows[0].entropyUnscaled - 0.5)
    }

    @Test func structureOfA() throws {
        var rng = SeededRNG(seed: 18)
        let rows = try structureTable(stateSize: 8, steps: 16, trials: 50, rng: &rng)
        let byName = Dictionary(uniqueKeysWithValues: rows.map { ($0.name.components(separatedBy: " ").first!, $0) })
        #expect(abs(byName["scalar"]!.cosine - 1) < 1e-12)              // a scalar never turns a state
        #expect(byName["diagonal"]!.cosine < 1 - 1e-6)
        #expect(abs(byName["rotation"]!.lengthRatio - 1) < 1e-12)       // a rotation never shrinks one
        #expect(byName["Householder"]!.sameKeyRemaining < 1e-12)        // writing the same key again erases it
        #expect(byName["scalar"]!.sameKeyRemaining > 0.5)
        #expect(byName["Householder"]!.negativeEigenvalues > 0.2)
        #expect(byName["scalar"]!.negativeEigenvalues == 0 && byName["diagonal"]!.negativeEigenvalues == 0)
    }
}

/// Principle 2, graded (GradedSelectivity.swift): the score against its one-loop reference, and what the
/// optimiser must find where the answer is known.
@Suite struct GradedSelectivityTests {
    @Test func theShareEqualsItsReference() {
        var rng = SeededRNG(seed: 61)
        let keys: Matrix<Double> = randomMatrix(12, 4, std: 1, rng: &rng)
        for phi in SelectivityReadout.allCases {
            for t in [0, 5, 11] {
                let q = (0..<4).map { _ in rng.normal() * 2 }
                let s = (0..<12).map { j in (0..<4).reduce(0.0) { $0 + q[$1] * keys[j, $1] } }
                #expect(abs(targetShare(phi, scores: s, target: t) - shareReference(phi, keys: keys, query: q, target: t)) < 1e-12)
            }
        }
    }

    @Test func theOptimiserFindsWhatIsKnown() throws {
        var rng = SeededRNG(seed: 62)
        let keys: Matrix<Double> = randomMatrix(24, 4, std: 1, rng: &rng)
        // A hull vertex: some q scores it above every other key, so ReLU(x − 1) can select it exactly, given room.
        let t = try #require((0..<24).first { softmaxSelection(keys: keys, token: $0).selects })
        let shifted = bestShare(.shiftedReLU, keys: keys, target: t, radius: 50,
                                extraStarts: [softmaxSelection(keys: keys, token: t).query!], rng: &rng)
        #expect(shifted.share > 0.999)
        #expect(shifted.query.reduce(0) { $0 + $1 * $1 }.squareRoot() <= 50 * (1 + 1e-12))
        // Linear: 23 other keys cannot all be orthogonal to one q in ℝ⁴, so the share stays well below 1; and no
        // optimum is worse than its own start.
        let linear = bestShare(.linear, keys: keys, target: t, radius: 4, rng: &rng)
        #expect(linear.share < 0.9)
        let start = Array(keys.row(t))
        #expect(linear.share >= shareReference(.linear, keys: keys, query: start, target: t))
    }
}
