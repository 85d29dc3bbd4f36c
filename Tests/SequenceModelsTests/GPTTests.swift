import Foundation
import Learning
import LinearAlgebra
import SequenceModels
import Testing
import _Differentiation

func gpt<S: AttentionScalar>(_: S.Type, vocabulary: Int = 7, d: Int = 4, layers: Int = 2, heads: Int = 2,
                             maxLength: Int = 8, myopic: Bool = false, seed: UInt64) -> GPT<S> {
    var rng = SeededRNG(seed: seed)
    return GPT<S>(vocabularySize: vocabulary, width: d, layers: layers, heads: heads, maxLength: maxLength,
                  myopic: myopic, rng: &rng)
}

func randomIds(_ count: Int, vocabulary: Int, seed: UInt64) -> [Int] {
    var rng = SeededRNG(seed: seed, stream: 5)
    return (0..<count).map { _ in Swift.min(Int(rng.uniform(0, Double(vocabulary))), vocabulary - 1) }
}

@Suite struct GPTTests {
    @Test func shapesAndParameterCount() {
        let net = gpt(Float.self, vocabulary: 11, d: 8, layers: 3, heads: 2, maxLength: 10, seed: 1)
        let ids = randomIds(2 * 9, vocabulary: 11, seed: 2)
        #expect(net(ids, shape: [2, 9]).shape == [2, 9, 11])
        let streams = net.residualStreams(ids, shape: [2, 9])
        #expect(streams.count == 4 && streams.allSatisfy { $0.shape == [2, 9, 8] })
        #expect(net.parameterCount == GPT<Float>.parameterCount(vocabularySize: 11, width: 8, layers: 3, maxLength: 10))
        // The chapter-7 size: 2 layers, width 128, context 64, vocabulary 96.
        var rng = SeededRNG(seed: 3)
        let small = GPT<Float>(vocabularySize: 96, width: 128, layers: 2, heads: 4, maxLength: 64, rng: &rng)
        #expect(small.parameterCount == 96 * 128 + 64 * 128 + 2 * (12 * 128 * 128 + 13 * 128) + 2 * 128 + 128 * 96 + 96)
        #expect(Array(small.namedParameters.map(\.name).prefix(4)) == ["tokens.table", "positions.table",
                                                                       "blocks.0.norm1.gain", "blocks.0.norm1.bias"])
    }

    @Test func residualStreamsEndInTheLogits() {
        // The last stream through LN_f and the head gives the logits: residualStreams really is the forward pass.
        let net = gpt(Double.self, seed: 4)
        let ids = randomIds(2 * 6, vocabulary: 7, seed: 5)
        let last = net.residualStreams(ids, shape: [2, 6]).last!
        #expect(net.head(net.finalNorm(last)) == net(ids, shape: [2, 6]))
    }

    @Test func gradientsMatchFiniteDifferences() {
        let net = gpt(Double.self, seed: 6)
        let (b, t) = (2, 5)
        let ids = randomIds(b * t, vocabulary: 7, seed: 7), targets = randomIds(b * t, vocabulary: 7, seed: 8)
        func loss(_ m: GPT<Double>) -> DT { crossEntropy(logits: m(ids, shape: [b, t]), targets: targets) }
        let analytic = gradient(at: net) { m in loss(m) }.namedParameters
        let numeric = numericGradients(net) { m, _ in loss(m).scalar }.parameters
        var worst = 0.0
        for (k, (name, g)) in analytic.enumerated() where !name.hasSuffix("attention.key.bias") {
            let e = relativeError(g.scalars, numeric[k])
            worst = max(worst, e)
            #expect(e < 1e-4, "\(name): \(e)")
        }
        print("gradcheck GPT (2 layers): worst relative error \(worst)")
    }

    @Test func myopicLossAtOnePositionNeverReachesThePast() {
        // Paper 002's defining property: a loss at position i only reaches the computation *at* i. With every
        // token distinct, the embedding rows used by positions j < i get exactly zero gradient when myopic (all
        // layers), and a nonzero one when vanilla.
        let t = 6
        let ids = Array(0..<t)  // token j at position j
        func lastPositionLoss(_ m: GPT<Double>) -> DT {
            crossEntropy(logits: m(ids, shape: [1, t]).sliced(alongAxis: 1, (t - 1)..<t), targets: [2])
        }
        for myopic in [false, true] {
            let net = gpt(Double.self, vocabulary: 8, myopic: myopic, seed: 9)
            #expect(net.myopic == myopic)
            let g = gradient(at: net) { m in lastPositionLoss(m) }
            let tokenRows = g.tokens.table, positionRows = g.positions.table
            let d = 4
            let pastTokens = tokenRows.scalars[0..<((t - 1) * d)], pastPositions = positionRows.scalars[0..<((t - 1) * d)]
            let ownToken = tokenRows.scalars[((t - 1) * d)..<(t * d)]
            if myopic {
                #expect(pastTokens.allSatisfy { $0 == 0 } && pastPositions.allSatisfy { $0 == 0 })
            } else {
                #expect(pastTokens.contains { $0 != 0 } && pastPositions.contains { $0 != 0 })
            }
            #expect(ownToken.contains { $0 != 0 })
        }
    }

    @Test func myopicForwardIsBitIdentical() {
        let vanilla = gpt(Float.self, vocabulary: 13, d: 16, heads: 4, maxLength: 70, seed: 10)
        var myopic = vanilla
        myopic.myopic = true
        #expect(myopic.blocks.allSatisfy { $0.attention.myopic })
        let ids = randomIds(2 * 70, vocabulary: 13, seed: 11)
        #expect(myopic(ids, shape: [2, 70]).scalars == vanilla(ids, shape: [2, 70]).scalars)
    }

    @Test func saveAndLoadRoundTrip() throws {
        let saved = gpt(Float.self, seed: 12)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-gpt-\(UUID().uuidString).params")
        defer { try? FileManager.default.removeItem(at: url) }
        try saveParameters(saved, to: url)
        var loaded = gpt(Float.self, seed: 13)
        #expect(loaded.parameterTensors != saved.parameterTensors)
        try loadParameters(into: &loaded, from: url)
        #expect(loaded.parameterTensors == saved.parameterTensors)
        let ids = randomIds(8, vocabulary: 7, seed: 14)
        #expect(loaded(ids, shape: [1, 8]) == saved(ids, shape: [1, 8]))
    }

    @Test(arguments: [false, true])
    func trainingReducesTheLoss(myopic: Bool) throws {
        // A cyclic sequence 0, 1, …, 6, 0, 1, …: the next token is a function of the current one.
        var net = gpt(Float.self, vocabulary: 7, d: 16, layers: 2, heads: 2, maxLength: 16, myopic: myopic, seed: 15)
        let (b, t) = (4, 16)
        var ids = [Int](), targets = [Int]()
        for s in 0..<b { for i in 0..<t { ids.append((s + i) % 7); targets.append((s + i + 1) % 7) } }
        var trainer = Trainer(optimizer: AdamW(for: net, learningRate: 1e-2))
        let report = try trainer.fit(&net, steps: 40) { m, _ in crossEntropy(logits: m(ids, shape: [b, t]), targets: targets) }
        print("GPT cyclic tokens (myopic \(myopic)): loss \(report.losses.first!) → \(report.losses.last!)")
        #expect(report.losses.last! < 0.2 * report.losses.first!)
    }
}
