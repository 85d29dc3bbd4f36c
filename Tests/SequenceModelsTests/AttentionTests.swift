import Foundation
import Learning
import LinearAlgebra
import SequenceModels
import Testing
import _Differentiation

func attention<S: AttentionScalar>(_: S.Type, width: Int, heads: Int, rotary: Bool = false, myopic: Bool = false,
                                   seed: UInt64) -> CausalSelfAttention<S> {
    var rng = SeededRNG(seed: seed)
    return CausalSelfAttention<S>(width: width, heads: heads, rotary: rotary, myopic: myopic, rng: &rng)
}

/// Central differences of a scalar objective with respect to every parameter tensor of `model` (by visiting
/// order) and, if given, every scalar of `input`.
func numericGradients<M: ParameterVisitable>(_ model: M, input: DT? = nil, h: Double = 1e-6,
                                             _ objective: (M, DT?) -> Double) -> (parameters: [[Double]], input: [Double])
where M.Scalar == Double {
    var parameters = [[Double]]()
    for (k, tensor) in model.parameterTensors.enumerated() {
        parameters.append((0..<tensor.count).map { i in
            func shifted(_ delta: Double) -> Double {
                var m = model, index = 0
                m.visitParameters { _, t in
                    if index == k { t.withUnsafeMutableBufferPointer { $0[i] += delta } }
                    index += 1
                }
                return objective(m, input)
            }
            return (shifted(h) - shifted(-h)) / (2 * h)
        })
    }
    var dx = [Double]()
    if let x = input {
        for i in 0..<x.count {
            var plus = x.scalars, minus = x.scalars
            plus[i] += h; minus[i] -= h
            dx.append((objective(model, DT(shape: x.shape, scalars: plus)) - objective(model, DT(shape: x.shape, scalars: minus))) / (2 * h))
        }
    }
    return (parameters, dx)
}

func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

@Suite struct AttentionForward {
    @Test(arguments: [(1, 1, 4, 1), (2, 5, 8, 2), (3, 9, 12, 3), (2, 70, 4, 2)])
    func equalsNaiveTripleLoop(batch: Int, length: Int, width: Int, heads: Int) {
        // T = 70 crosses the fused kernel's row-block boundaries (every 32 rows). Head sizes are even, for RoPE.
        for rotary in [false, true] {
            let layer = attention(Double.self, width: width, heads: heads, rotary: rotary, seed: 1)
            let h = randomTensor([batch, length, width], seed: 2)
            let error = relativeError(layer(h).scalars, naiveAttention(parameterDictionary(layer), h, heads: heads, rotary: rotary))
            print("attention B=\(batch) T=\(length) d=\(width) H=\(heads) rotary=\(rotary): relative error \(error)")
            #expect(error < 1e-13)
        }
    }

    @Test func floatAgreesWithDouble() {
        // The Float path uses SIMD softmax kernels and a polynomial exp; compare it with the Double layer.
        let single = attention(Float.self, width: 8, heads: 2, seed: 3), double = attention(Double.self, width: 8, heads: 2, seed: 3)
        let h = randomTensor([2, 77, 8], seed: 4, low: -3, high: 3)
        let y = single(Tensor<Float>(shape: h.shape, scalars: h.scalars.map { Float($0) })).scalars.map { Double($0) }
        let error = relativeError(y, double(h).scalars)
        print("attention Float vs Double: relative error \(error)")
        #expect(error < 1e-5)
    }

    @Test func weightsAreCausalDistributions() {
        let layer = attention(Double.self, width: 6, heads: 3, seed: 5)
        let h = randomTensor([2, 67, 6], seed: 6)
        let a = layer.attentionWeights(h)
        #expect(a.shape == [2, 3, 67, 67])
        for b in 0..<2 { for head in 0..<3 { for i in [0, 5, 63, 64, 66] {
            var total = 0.0
            for j in 0..<67 {
                if j > i { #expect(a[b, head, i, j] == 0) } else { #expect(a[b, head, i, j] > 0) }
                total += a[b, head, i, j]
            }
            #expect(abs(total - 1) < 1e-12)
        } } }
    }

    @Test func polynomialExpIsAccurate() {
        // Float softmax must match Double softmax closely; the worst case is a row with a wide range of scores.
        var worst = 0.0
        for x in stride(from: -87.0, through: 0, by: 0.01) {
            let row: [Float] = [Float(x), 0]
            let single = row.withUnsafeBufferPointer { p -> [Float] in
                var out = row
                out.withUnsafeMutableBufferPointer { o in
                    Float.causalSoftmaxRows(o.baseAddress!, ld: 2, firstRow: 1, rows: 1, columns: 2, scale: 1)
                }
                return out
            }
            let expected = Foundation.exp(Double(Float(x))) / (1 + Foundation.exp(Double(Float(x))))
            worst = max(worst, abs(Double(single[0]) - expected) / expected)
        }
        print("polynomial exp inside softmax: worst relative error \(worst)")
        #expect(worst < 1e-6)
    }
}

@Suite struct AttentionGradients {
    @Test(arguments: [false, true])
    func layerMatchesFiniteDifferences(myopic: Bool) {
        for rotary in [false, true] {
            let layer = attention(Double.self, width: 4, heads: 2, rotary: rotary, myopic: myopic, seed: 7)
            let errors = gradcheck(layer, randomTensor([2, 5, 4], seed: 8)) { m, x in m(x) }
            let names = errors.map(\.name)
            #expect(names == ["query.weight", "query.bias", "key.weight", "key.bias", "value.weight", "value.bias",
                              "output.weight", "output.bias", "input"])
            // Without RoPE the key bias adds q_i·b_K to every score of row i, which softmax ignores: its gradient
            // is exactly zero and the finite differences are pure rounding noise. Checked absolutely below.
            // Myopic: the input gradient is *not* the derivative of the output (that is the point); it is checked
            // against its own reference in `myopicInputGradientHoldsThePastConstant`.
            let checked = errors.filter { !(myopic && $0.name == "input") && !(!rotary && $0.name == "key.bias") }
            for (name, e) in checked { #expect(e < 1e-4, "\(name): \(e)") }
            if !rotary {
                let (_, pullback) = valueWithPullback(at: layer, randomTensor([2, 5, 4], seed: 8)) { m, x in m(x) }
                let keyBias = pullback(randomTensor([2, 5, 4], seed: 99)).0.key.bias.scalars
                #expect(keyBias.allSatisfy { abs($0) < 1e-12 })
            }
            print("gradcheck attention myopic=\(myopic) rotary=\(rotary): worst relative error \(checked.map(\.error).max()!)")
        }
    }

    @Test func myopicCoreMatchesFiniteDifferencesWithDifferentPastInputs() {
        // With k_p ≠ k and v_p ≠ v the myopic primitive is a genuinely different function of five inputs: the
        // split of every gradient into diagonal and past parts is checked here, not just their sum.
        // T = 67 crosses a row block.
        let inputs = (0..<5).map { randomTensor([1, 67, 4], seed: 20 + UInt64($0)) }
        let w = randomTensor([1, 67, 4], seed: 30)
        func objective(_ xs: [DT]) -> Double {
            dot(causalAttention(xs[0], xs[1], xs[2], pastKeys: xs[3], pastValues: xs[4], heads: 2).scalars, w.scalars)
        }
        let (_, pullback) = valueWithPullback(at: inputs) { xs in
            causalAttention(xs[0], xs[1], xs[2], pastKeys: xs[3], pastValues: xs[4], heads: 2)
        }
        let analytic = pullback(w).base
        let names = ["q", "k", "v", "k_p", "v_p"]
        for a in 0..<5 {
            var numeric = [Double]()
            for i in 0..<inputs[a].count {
                var plus = inputs, minus = inputs
                plus[a] = DT(shape: plus[a].shape, scalars: plus[a].scalars.enumerated().map { $0.offset == i ? $0.element + 1e-6 : $0.element })
                minus[a] = DT(shape: minus[a].shape, scalars: minus[a].scalars.enumerated().map { $0.offset == i ? $0.element - 1e-6 : $0.element })
                numeric.append((objective(plus) - objective(minus)) / 2e-6)
            }
            let e = relativeError(analytic[a].scalars, numeric)
            print("gradcheck myopic core, input \(names[a]): relative error \(e)")
            #expect(e < 1e-4, "\(names[a]): \(e)")
        }
    }

    @Test func myopicInputGradientHoldsThePastConstant() {
        // Independent reference (paper 002 §2.1): ℓ_i = ⟨w_i, y_i⟩, and the myopic gradient with respect to h_i
        // is ∂ℓ_i/∂h_i with every h_j, j < i, held constant, summed over i. Computed by central differences of
        // the naive attention at position i alone, perturbing only h_i.
        for rotary in [false, true] {
            let (batch, t, d, heads) = (2, 6, 4, 2)
            let layer = attention(Double.self, width: d, heads: heads, rotary: rotary, myopic: true, seed: 9)
            let h = randomTensor([batch, t, d], seed: 10), w = randomTensor([batch, t, d], seed: 11)
            let (_, pullback) = valueWithPullback(at: layer, h) { m, x in m(x) }
            let myopic = pullback(w).1.scalars
            let p = parameterDictionary(layer)
            var reference = [Double]()
            for b in 0..<batch {
                let rows = Array(h.scalars[(b * t * d)..<((b + 1) * t * d)])
                for i in 0..<t {
                    let wi = Array(w.scalars[((b * t + i) * d)..<((b * t + i + 1) * d)])
                    for c in 0..<d {
                        func loss(_ delta: Double) -> Double {
                            var live = rows
                            live[i * d + c] += delta
                            return dot(naiveAttentionRow(p, h: live, keyRows: rows, i: i, length: t, width: d, heads: heads,
                                                         rotary: rotary), wi)
                        }
                        reference.append((loss(1e-6) - loss(-1e-6)) / 2e-6)
                    }
                }
            }
            let e = relativeError(myopic, reference)
            // And it really differs from the vanilla gradient (the past terms are not negligible here).
            var vanillaLayer = layer
            vanillaLayer.myopic = false
            let vanilla = valueWithPullback(at: vanillaLayer, h) { m, x in m(x) }.pullback(w).1.scalars
            print("myopic input gradient vs held-past reference (rotary=\(rotary)): relative error \(e); "
                  + "vanilla differs by \(relativeError(vanilla, myopic))")
            #expect(e < 1e-8)
            #expect(relativeError(vanilla, myopic) > 0.05)
        }
    }
}

@Suite struct AttentionProperties {
    @Test func myopicForwardIsBitIdentical() {
        for rotary in [false, true] {
            let vanilla = attention(Float.self, width: 8, heads: 2, rotary: rotary, seed: 12)
            var myopic = vanilla
            myopic.myopic = true
            var rng = SeededRNG(seed: 13)
            let h = Tensor<Float>(randomNormal: [3, 70, 8], rng: &rng)
            #expect(myopic(h).scalars == vanilla(h).scalars)
        }
    }

    @Test func causality() {
        for rotary in [false, true] { for myopic in [false, true] {
            let layer = attention(Double.self, width: 6, heads: 3, rotary: rotary, myopic: myopic, seed: 14)
            let (batch, t, d, t0) = (2, 70, 6, 41)
            let h = randomTensor([batch, t, d], seed: 15)
            var changed = h.scalars
            for b in 0..<batch { for s in t0..<t { for c in 0..<d { changed[(b * t + s) * d + c] += 3 } } }
            let y = layer(h), y2 = layer(DT(shape: h.shape, scalars: changed))
            var pastSame = true
            for b in 0..<batch { for s in 0..<t0 { for c in 0..<d { pastSame = pastSame && y[b, s, c] == y2[b, s, c] } } }
            #expect(pastSame, "rotary \(rotary), myopic \(myopic)")
            #expect(y[0, t0, 0] != y2[0, t0, 0])
        } }
    }
}
