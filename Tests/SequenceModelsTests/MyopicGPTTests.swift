import Foundation
import Learning
import LinearAlgebra
import SequenceModels
import Testing
import _Differentiation

// Chapter 7's additions to the GPT: the myopic gradient of a whole multi-layer GPT against an independent
// reference, self-only attention, and the GPT for real-valued sequences (GPTRegressor).

/// Position i of a GPT computed naively (no library code), with the attention inputs of the past positions
/// j < i taken from `frozen` (frozen[l] holds the rows of layer l's attention input for positions 0..<i).
/// Returns position i's logits and its own attention input at every layer.
func naiveGPTPosition(_ p: [String: [Double]], ids: [Int], i: Int, frozen: [[Double]], width d: Int, layers: Int,
                      heads: Int, vocabulary v: Int) -> (logits: [Double], attentionInputs: [[Double]]) {
    var x = (0..<d).map { p["tokens.table"]![ids[i] * d + $0] + p["positions.table"]![i * d + $0] }
    var inputs = [[Double]]()
    for l in 0..<layers {
        let b = "blocks.\(l)."
        let h = naiveLayerNorm(x, rows: 1, cols: d, gain: p[b + "norm1.gain"]!, bias: p[b + "norm1.bias"]!)
        inputs.append(h)
        let rows = frozen[l] + h  // past rows frozen, row i live
        let a = naiveAttentionRow(p, prefix: b + "attention.", h: rows, keyRows: rows, i: i, length: i + 1, width: d,
                                  heads: heads, rotary: false)
        let r = (0..<d).map { x[$0] + a[$0] }
        let z = naiveLayerNorm(r, rows: 1, cols: d, gain: p[b + "norm2.gain"]!, bias: p[b + "norm2.bias"]!)
        let hidden = naiveDense(z, rows: 1, p[b + "mlp.layers.0.weight"]!, p[b + "mlp.layers.0.bias"]!, inputs: d,
                                outputs: 4 * d).map(naiveGELU)
        let m = naiveDense(hidden, rows: 1, p[b + "mlp.layers.1.weight"]!, p[b + "mlp.layers.1.bias"]!, inputs: 4 * d, outputs: d)
        x = (0..<d).map { r[$0] + m[$0] }
    }
    let f = naiveLayerNorm(x, rows: 1, cols: d, gain: p["finalNorm.gain"]!, bias: p["finalNorm.bias"]!)
    return (naiveDense(f, rows: 1, p["head.weight"]!, p["head.bias"]!, inputs: d, outputs: v), inputs)
}

/// Mean cross-entropy of a GPT over sequences of `ids` [B, T], naively. With `frozen` (per sequence, per layer,
/// the attention inputs of every position from some earlier evaluation), position i sees its past only through
/// those frozen rows: each loss ℓ_i with the past held constant.
func naiveGPTLoss(_ net: GPT<Double>, ids: [Int], targets: [Int], batch: Int, length t: Int,
                  frozen: [[[Double]]]? = nil) -> (loss: Double, attentionInputs: [[[Double]]]) {
    let p = parameterDictionary(net)
    let (d, layers, heads, v) = (net.blocks[0].attention.width, net.blocks.count, net.blocks[0].attention.heads,
                                 net.head.bias.count)
    var total = 0.0, recorded = [[[Double]]]()
    for b in 0..<batch {
        let sequence = Array(ids[(b * t)..<((b + 1) * t)])
        var live = [[Double]](repeating: [], count: layers)  // this evaluation's own attention inputs
        for i in 0..<t {
            let past = (0..<layers).map { l in frozen.map { Array($0[b][l][0..<(i * d)]) } ?? live[l] }
            let (logits, inputs) = naiveGPTPosition(p, ids: sequence, i: i, frozen: past, width: d, layers: layers,
                                                    heads: heads, vocabulary: v)
            for l in 0..<layers { live[l] += inputs[l] }
            let top = logits.max()!
            let logSum = top + Foundation.log(logits.reduce(0) { $0 + Foundation.exp($1 - top) })
            total += logSum - logits[targets[b * t + i]]
        }
        recorded.append(live)
    }
    return (total / Double(batch * t), recorded)
}

@Suite struct MyopicGPTTests {
    @Test func naiveReferenceEqualsTheModel() {
        let net = gpt(Double.self, seed: 21)
        let (b, t) = (2, 5)
        let ids = randomIds(b * t, vocabulary: 7, seed: 22), targets = randomIds(b * t, vocabulary: 7, seed: 23)
        let library = crossEntropy(logits: net(ids, shape: [b, t]), targets: targets).scalar
        let naive = naiveGPTLoss(net, ids: ids, targets: targets, batch: b, length: t).loss
        #expect(abs(library - naive) < 1e-12)
    }

    @Test func myopicGradientEqualsHeldPastReference() {
        // Paper 002's definition, computed without the myopic layers: Σ_i ∂ℓ_i/∂θ with every past position's
        // attention input, in every layer, held at its value (finite differences of the naive model). The myopic
        // GPT's gradient must equal it; the vanilla gradient must not.
        let net = gpt(Double.self, myopic: true, seed: 24)
        let (b, t) = (2, 5)
        let ids = randomIds(b * t, vocabulary: 7, seed: 25), targets = randomIds(b * t, vocabulary: 7, seed: 26)
        let frozen = naiveGPTLoss(net, ids: ids, targets: targets, batch: b, length: t).attentionInputs
        let reference = numericGradients(net) { m, _ in
            naiveGPTLoss(m, ids: ids, targets: targets, batch: b, length: t, frozen: frozen).loss
        }.parameters
        let myopic = gradient(at: net) { m in crossEntropy(logits: m(ids, shape: [b, t]), targets: targets) }.namedParameters
        var vanillaNet = net
        vanillaNet.myopic = false
        let vanilla = gradient(at: vanillaNet) { m in crossEntropy(logits: m(ids, shape: [b, t]), targets: targets) }.namedParameters
        var worst = 0.0, vanillaDifference = 0.0
        for (k, (name, g)) in myopic.enumerated() where !name.hasSuffix("attention.key.bias") {
            let e = relativeError(g.scalars, reference[k])
            worst = max(worst, e)
            #expect(e < 1e-6, "\(name): \(e)")
            vanillaDifference = max(vanillaDifference, relativeError(vanilla[k].tensor.scalars, reference[k]))
        }
        print("myopic 2-layer GPT vs held-past reference: worst relative error \(worst); vanilla differs by up to \(vanillaDifference)")
        #expect(vanillaDifference > 0.01)
    }

    @Test func selfOnlyAttentionIsEachPositionsOwnValue() {
        var layer = attention(Double.self, width: 6, heads: 3, seed: 27)
        layer.selfOnly = true
        let h = randomTensor([2, 9, 6], seed: 28)
        let p = parameterDictionary(layer)
        let v = naiveDense(h.scalars, rows: 18, p["value.weight"]!, p["value.bias"]!, inputs: 6, outputs: 6)
        let expected = naiveDense(v, rows: 18, p["output.weight"]!, p["output.bias"]!, inputs: 6, outputs: 6)
        #expect(relativeError(layer(h).scalars, expected) < 1e-14)
        let a = layer.attentionWeights(h)
        #expect(a.shape == [2, 3, 9, 9])
        for i in 0..<9 { for j in 0..<9 { #expect(a[1, 2, i, j] == (i == j ? 1 : 0)) } }
        let errors = gradcheck(layer, randomTensor([2, 4, 6], seed: 29)) { m, x in m(x) }
        for (name, e) in errors where !name.hasPrefix("query") && !name.hasPrefix("key") { #expect(e < 1e-4, "\(name): \(e)") }
    }

    @Test func selfOnlyGPTPredictsFromTheCurrentTokenAlone() {
        var net = gpt(Double.self, vocabulary: 9, seed: 30)
        net.selfOnly = true
        #expect(net.selfOnly)
        let ids = randomIds(8, vocabulary: 9, seed: 31)
        var changed = ids
        changed[2] = (ids[2] + 1) % 9  // change one earlier token
        let y = net(ids, shape: [1, 8]), y2 = net(changed, shape: [1, 8])
        let v = 9
        for i in 0..<8 {
            let same = (0..<v).allSatisfy { y[0, i, $0] == y2[0, i, $0] }
            #expect(same == (i != 2), "position \(i)")
        }
    }
}

@Suite struct GPTRegressorTests {
    func regressor<S: AttentionScalar>(_: S.Type, d: Int = 4, myopic: Bool = false, seed: UInt64) -> GPTRegressor<S> {
        var rng = SeededRNG(seed: seed)
        return GPTRegressor<S>(inputs: 2, outputs: 1, width: d, layers: 2, heads: 2, maxLength: 12, myopic: myopic, rng: &rng)
    }

    @Test func shapesAndStreams() {
        let net = regressor(Float.self, d: 8, seed: 1)
        var rng = SeededRNG(seed: 2)
        let u = Tensor<Float>(randomNormal: [3, 10, 2], rng: &rng)
        #expect(net(u).shape == [3, 10, 1])
        let streams = net.residualStreams(u)
        #expect(streams.count == 3 && streams.allSatisfy { $0.shape == [3, 10, 8] })
        #expect(net.head(net.finalNorm(streams.last!)) == net(u))
        #expect(net.namedParameters.map(\.name).prefix(3) == ["encoder.weight", "encoder.bias", "positions.table"])
    }

    @Test func gradientsMatchFiniteDifferences() {
        let errors = gradcheck(regressor(Double.self, seed: 3), randomTensor([2, 5, 2], seed: 4)) { m, u in m(u) }
        let checked = errors.filter { !$0.name.hasSuffix("attention.key.bias") }
        for (name, e) in checked { #expect(e < 1e-4, "\(name): \(e)") }
        print("gradcheck GPTRegressor: worst relative error \(checked.map(\.error).max()!)")
    }

    @Test func myopicForwardIsIdenticalAndItsLossesNeverReachThePast() {
        let vanilla = regressor(Float.self, d: 8, seed: 5)
        var myopic = vanilla
        myopic.myopic = true
        var rng = SeededRNG(seed: 6)
        let u = Tensor<Float>(randomNormal: [2, 12, 2], rng: &rng)
        #expect(myopic(u).scalars == vanilla(u).scalars)
        // The loss at the last position: myopic, its gradient with respect to earlier inputs is exactly zero.
        let t = 12
        for model in [vanilla, myopic] {
            let du = gradient(at: u) { x in model(x).sliced(alongAxis: 1, (t - 1)..<t).sum() }
            var past = [Float](), own = [Float]()
            for b in 0..<2 {
                let first = b * t * 2, last = (b * t + t - 1) * 2  // where sequence b and its last position start
                past += du.scalars[first..<last]
                own += du.scalars[last..<(last + 2)]
            }
            #expect(past.allSatisfy { $0 == 0 } == model.myopic)
            #expect(own.contains { $0 != 0 })
        }
    }
}

/// Paper 002's local-myopic model (LocalMyopic.swift): past positions frozen at another model's attention inputs.
@Suite struct LocalMyopicGPTTests {
    @Test func startedAtTheFrozenModelItIsThatModelWithTheMyopicGradient() {
        // φ = θ: the logits are θ's, and the gradient is θ's myopic gradient (each loss reaches only its own
        // position's computation, the past being θ's and constant).
        let net = gpt(Double.self, seed: 41)
        let (b, t) = (2, 5)
        let ids = randomIds(b * t, vocabulary: 7, seed: 42), targets = randomIds(b * t, vocabulary: 7, seed: 43)
        let frozen = net.attentionInputs(ids, shape: [b, t])
        #expect(relativeError(net(ids, shape: [b, t], frozenPast: frozen).scalars, net(ids, shape: [b, t]).scalars) < 1e-14)
        let local = gradient(at: net) { m in crossEntropy(logits: m(ids, shape: [b, t], frozenPast: frozen), targets: targets) }
        var myopic = net
        myopic.myopic = true
        let reference = gradient(at: myopic) { m in crossEntropy(logits: m(ids, shape: [b, t]), targets: targets) }
        for ((name, g), (_, r)) in zip(local.namedParameters, reference.namedParameters) {
            #expect(relativeError(g.scalars, r.scalars) < 1e-12, "\(name)")
        }
    }

    @Test func aFreshModelReadsTheFrozenPastAndOnlyItsOwnPresent() {
        // φ ≠ θ: the naive reference with θ's attention inputs as the past rows gives φ's loss; changing an
        // earlier token changes position i only through θ's frozen states, which φ's gradient never enters.
        let theta = gpt(Double.self, seed: 44), phi = gpt(Double.self, seed: 45)
        let (b, t) = (2, 5)
        let ids = randomIds(b * t, vocabulary: 7, seed: 46), targets = randomIds(b * t, vocabulary: 7, seed: 47)
        let frozen = theta.attentionInputs(ids, shape: [b, t])
        let d = phi.blocks[0].attention.width
        let rows = (0..<b).map { s in frozen.map { Array($0.scalars[(s * t * d)..<((s + 1) * t * d)]) } }
        let naive = naiveGPTLoss(phi, ids: ids, targets: targets, batch: b, length: t, frozen: rows).loss
        let library = crossEntropy(logits: phi(ids, shape: [b, t], frozenPast: frozen), targets: targets).scalar
        #expect(abs(naive - library) < 1e-12)
        // The gradient against central differences of the naive loss with the frozen rows held.
        let reference = numericGradients(phi) { m, _ in
            naiveGPTLoss(m, ids: ids, targets: targets, batch: b, length: t, frozen: rows).loss
        }.parameters
        let analytic = gradient(at: phi) { m in crossEntropy(logits: m(ids, shape: [b, t], frozenPast: frozen), targets: targets) }
        for (k, (name, g)) in analytic.namedParameters.enumerated() where !name.hasSuffix("attention.key.bias") {
            let values = g.isSymbolicZero ? [Double](repeating: 0, count: reference[k].count) : g.scalars
            #expect(relativeError(values, reference[k]) < 1e-6, "\(name)")
        }
    }
}
