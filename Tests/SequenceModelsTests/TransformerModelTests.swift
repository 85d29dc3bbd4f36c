import Foundation
import Learning
import LinearAlgebra
import SequenceModels
import Testing
import _Differentiation

func transformer<S: AttentionScalar>(_: S.Type, d: Int = 4, heads: Int = 2, m: Int = 3,
                                     encoding: PositionalEncoding = .learned, maxLength: Int = 8, myopic: Bool = false,
                                     seed: UInt64) -> TransformerModel<S> {
    var rng = SeededRNG(seed: seed)
    return TransformerModel<S>(width: d, heads: heads, readoutHidden: m, positionalEncoding: encoding,
                               maxLength: maxLength, myopic: myopic, rng: &rng)
}

@Suite struct TransformerModelTests {
    @Test func shapesAndParameterCount() {
        let net = transformer(Float.self, d: 6, heads: 3, m: 7, maxLength: 20, seed: 1)
        var rng = SeededRNG(seed: 2)
        let x = Tensor<Float>(randomNormal: [3, 11, 1], rng: &rng)
        #expect(net(x).shape == [3, 11, 1])
        #expect(net.hiddenStates(x).shape == [3, 11, 6])
        #expect(net.attentionWeights(x).shape == [3, 3, 11, 11])
        for encoding in PositionalEncoding.allCases {
            let m = transformer(Float.self, d: 6, heads: 3, m: 7, encoding: encoding, maxLength: 20, seed: 3)
            #expect(m.parameterCount == TransformerModel<Float>.parameterCount(width: 6, readoutHidden: 7,
                                                                               positionalEncoding: encoding, maxLength: 20))
        }
        // Paper 000's logged count, 4d² + 510d + dm + 2m + 1, at its default d = 50, m = 50 with learned positions.
        var rng2 = SeededRNG(seed: 4)
        let paper = TransformerModel<Float>(rng: &rng2)
        #expect(paper.parameterCount == 4 * 50 * 50 + 510 * 50 + 50 * 50 + 2 * 50 + 1)
        #expect(paper.namedParameters.map(\.name).prefix(5) == ["encoder.weight", "encoder.bias", "positions.table",
                                                                 "inputNorm.gain", "inputNorm.bias"])
    }

    @Test(arguments: PositionalEncoding.allCases)
    func forwardEqualsNaiveReference(encoding: PositionalEncoding) {
        let net = transformer(Double.self, encoding: encoding, seed: 5)
        let x = randomTensor([2, 7, 1], seed: 6)
        let error = relativeError(net(x).scalars, naiveTransformer(net, x))
        print("TransformerModel \(encoding) vs naive reference: relative error \(error)")
        #expect(error < 1e-13)
        // The hidden state is r = h0 + Attention(h0).
        let d = 4, t = 7
        let h0 = naiveTransformerAttentionInput(net, x), p = parameterDictionary(net)
        var r = [Double]()
        for b in 0..<2 {
            let rows = Array(h0[(b * t * d)..<((b + 1) * t * d)])
            for i in 0..<t {
                let a = naiveAttentionRow(p, prefix: "attention.", h: rows, i: i, length: t, width: d, heads: 2,
                                          rotary: encoding == .rotary)
                r += (0..<d).map { rows[i * d + $0] + a[$0] }
            }
        }
        #expect(relativeError(net.hiddenStates(x).scalars, r) < 1e-13)
    }

    @Test(arguments: PositionalEncoding.allCases)
    func wholeModelGradients(encoding: PositionalEncoding) {
        let net = transformer(Double.self, encoding: encoding, seed: 7)
        let errors = gradcheck(net, randomTensor([2, 5, 1], seed: 8)) { m, x in m(x) }
        // The key bias has an exactly-zero gradient without RoPE (softmax ignores a per-row constant): skip it.
        let checked = errors.filter { encoding == .rotary || $0.name != "attention.key.bias" }
        print("gradcheck TransformerModel \(encoding): worst relative error \(checked.map(\.error).max()!)")
        for (name, e) in checked { #expect(e < 1e-4, "\(name): \(e)") }
        if encoding == .learned { #expect(errors.contains { $0.name == "positions.table" }) }
    }

    @Test(arguments: [PositionalEncoding.learned, .rotary])
    func myopicGradientEqualsHeldPastReference(encoding: PositionalEncoding) {
        // Independent reference for the whole model (paper 002 §2.1): M(θ, x) = Σ_i ⟨w_i, ŷ_i⟩ where ŷ_i is
        // computed by the naive model with the attention inputs h0_j of past positions j < i frozen at their
        // values at (θ₀, x₀); only position i's own computation is live. ∇M at (θ₀, x₀), by central differences,
        // is the myopic gradient: Σ_i ∂ℓ_i/∂θ with the past held constant. It must equal the myopic model's
        // pullback for every parameter (encoder, positions, LayerNorm, attention, readout) and for the input.
        let net = transformer(Double.self, encoding: encoding, myopic: true, seed: 9)
        let x = randomTensor([2, 5, 1], seed: 10), w = randomTensor([2, 5, 1], seed: 11)
        let frozen = naiveTransformerAttentionInput(net, x)
        let (dModel, dx) = valueWithPullback(at: net, x) { m, x in m(x) }.pullback(w)
        let reference = numericGradients(net, input: x) { m, input in dot(naiveTransformer(m, input!, frozenInput: frozen), w.scalars) }
        var vanillaNet = net
        vanillaNet.myopic = false
        let (dVanilla, _) = valueWithPullback(at: vanillaNet, x) { m, x in m(x) }.pullback(w)
        var worst = 0.0, differs = [String]()
        for (k, (name, analytic)) in dModel.namedParameters.enumerated() {
            let a = analytic.isSymbolicZero ? [Double](repeating: 0, count: reference.parameters[k].count) : analytic.scalars
            if name == "attention.key.bias" && encoding != .rotary {
                #expect(a.allSatisfy { abs($0) < 1e-12 }); continue
            }
            let e = relativeError(a, reference.parameters[k])
            worst = max(worst, e)
            #expect(e < 1e-6, "\(name): \(e)")
            if relativeError(a, dVanilla.namedParameters[k].tensor.scalars) > 1e-3 { differs.append(name) }
        }
        let ex = relativeError(dx.scalars, reference.input)
        #expect(ex < 1e-6, "input: \(ex)")
        print("myopic TransformerModel (\(encoding)) vs held-past reference: worst relative error \(max(worst, ex)); "
              + "gradients that differ from vanilla: \(differs)")
        // Exactly the parameters *before* the attention (their effect on past positions is cut) change; the
        // attention and readout weights see the same gradient as in vanilla training.
        let before = encoding == .learned ? ["encoder.weight", "encoder.bias", "positions.table", "inputNorm.gain", "inputNorm.bias"]
                                          : ["encoder.weight", "encoder.bias", "inputNorm.gain", "inputNorm.bias"]
        #expect(differs == before)
    }

    @Test func myopicForwardIsBitIdenticalAndCausal() {
        for encoding in PositionalEncoding.allCases {
            let vanilla = transformer(Float.self, d: 8, heads: 2, encoding: encoding, maxLength: 80, seed: 12)
            var myopic = vanilla
            myopic.myopic = true
            var rng = SeededRNG(seed: 13)
            let x = Tensor<Float>(randomNormal: [2, 75, 1], rng: &rng)
            #expect(myopic(x).scalars == vanilla(x).scalars, "\(encoding)")
            var changed = x.scalars
            for b in 0..<2 { for t in 50..<75 { changed[b * 75 + t] += 1 } }
            let x2 = Tensor<Float>(shape: x.shape, scalars: changed)
            for net in [vanilla, myopic] {
                let y = net(x), y2 = net(x2)
                #expect((0..<2).allSatisfy { b in (0..<50).allSatisfy { y[b, $0, 0] == y2[b, $0, 0] } }, "\(encoding)")
                #expect(y[0, 50, 0] != y2[0, 50, 0])
            }
        }
    }

    @Test func saveAndLoadRoundTrip() throws {
        let saved = transformer(Float.self, seed: 14)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-transformer-\(UUID().uuidString).params")
        defer { try? FileManager.default.removeItem(at: url) }
        try saveParameters(saved, to: url)
        var loaded = transformer(Float.self, seed: 15)
        #expect(loaded.parameterTensors != saved.parameterTensors)
        try loadParameters(into: &loaded, from: url)
        #expect(loaded.parameterTensors == saved.parameterTensors)
        var rng = SeededRNG(seed: 16)
        let x = Tensor<Float>(randomNormal: [1, 8, 1], rng: &rng)
        #expect(loaded(x) == saved(x))
    }

    @Test(arguments: [false, true])
    func trainingReducesTheLoss(myopic: Bool) throws {
        // Next-step prediction of a sine: a few dozen AdamW steps must help, vanilla or myopic.
        var net = transformer(Float.self, d: 8, heads: 2, m: 16, maxLength: 40, myopic: myopic, seed: 17)
        let series = (0..<41).map { Float(sin(0.3 * Double($0))) }
        let x = Tensor<Float>(shape: [1, 40, 1], scalars: Array(series.dropLast()))
        let y = Tensor<Float>(shape: [1, 40, 1], scalars: Array(series.dropFirst()))
        var trainer = Trainer(optimizer: AdamW(for: net, learningRate: 1e-2))
        let report = try trainer.fit(&net, steps: 60) { m, _ in meanSquaredError(m(x), y) }
        print("TransformerModel sine (myopic \(myopic)): loss \(report.losses.first!) → \(report.losses.last!)")
        #expect(report.losses.last! < 0.2 * report.losses.first!)
    }
}
