import Foundation
import Learning
import LinearAlgebra
import Testing

@Suite struct OptimizerTests {
    @Test func adamWMatchesTheFormulaOnTwoParameters() {
        let lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.1
        var model = Vector(w: Tensor(shape: [2], scalars: [1.0, -2.0]))
        var adam = AdamW(for: model, learningRate: lr, beta1: b1, beta2: b2, epsilon: eps, weightDecay: wd)
        let gradients: [[Double]] = [[0.5, -3.0], [-1.0, 0.25]]

        // The expected values, step by step from the AdamW formulas, in Double.
        var p = [1.0, -2.0], m = [0.0, 0.0], v = [0.0, 0.0]
        for (t, g) in gradients.enumerated() {
            let step = Double(t + 1)
            for i in 0..<2 {
                p[i] *= 1 - lr * wd
                m[i] = b1 * m[i] + (1 - b1) * g[i]
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                let mHat = m[i] / (1 - pow(b1, step)), vHat = v[i] / (1 - pow(b2, step))
                p[i] -= lr * mHat / (vHat.squareRoot() + eps)
            }
            adam.update(&model, along: .init(w: Tensor(shape: [2], scalars: g.map { Float($0) })))
            if t == 0 {
                // Step 1 by hand: m̂ = g and v̂ = g², so after the decay each parameter moves by lr against sign(g).
                let expected: [Double] = [1.0 * 0.99 - 0.1, -2.0 * 0.99 + 0.1]
                for i in 0..<2 { #expect(abs(p[i] - expected[i]) < 1e-8) }
            }
            for i in 0..<2 { #expect(abs(Double(model.w.scalars[i]) - p[i]) < 1e-6, "step \(t + 1), parameter \(i)") }
        }
        #expect(adam.step == 2)
    }

    @Test func sgdWithMomentum() {
        var model = Vector(w: Tensor(shape: [2], scalars: [1, 1]))
        var sgd = SGD(for: model, learningRate: 0.1, momentum: 0.9)
        let g = Vector.TangentVector(w: Tensor(shape: [2], scalars: [1, -2]))
        sgd.update(&model, along: g)   // b = g,          p = 1 − 0.1·g
        sgd.update(&model, along: g)   // b = 0.9g + g,   p −= 0.1·1.9g
        let expected: [Float] = [1 - 0.1 - 0.19, 1 + 0.2 + 0.38]
        #expect(abs(model.w.scalars[0] - expected[0]) < 1e-6)
        #expect(abs(model.w.scalars[1] - expected[1]) < 1e-6)
    }

    @Test func parametersWithoutGradientAreLeftAlone() {
        var model = Vector(w: Tensor(shape: [2], scalars: [1, 1]))
        var adam = AdamW(for: model, learningRate: 0.1, weightDecay: 0.5)
        adam.update(&model, along: .zero)
        #expect(model.w.scalars == [1, 1])
    }

    @Test func warmupCosineScheduleIsExactAtItsEnds() {
        let s = WarmupCosineSchedule(peak: 3e-3, floor: 1e-4, warmupSteps: 10, totalSteps: 100)
        #expect(s(10) == 3e-3)          // end of warm-up
        #expect(s(100) == 1e-4)         // last step
        #expect(s(1) == 3e-3 * 1 / 10)  // linear warm-up from step 1
        #expect(s(5) == 3e-3 * 5 / 10)
        #expect(abs(s(55) - (3e-3 + 1e-4) / 2) < 1e-15)  // half-way through the cosine
        for step in 10..<100 { #expect(s(step + 1) <= s(step)) }
        #expect(WarmupCosineSchedule(peak: 1, warmupSteps: 0, totalSteps: 7)(7) == 0)
    }

    @Test func clippingScalesToTheGlobalNorm() {
        var g = Vector.TangentVector(w: Tensor(shape: [2], scalars: [3, 4]))
        let before = clipByGlobalNorm(&g, maxNorm: 1)
        #expect(before == 5)
        #expect(abs(g.globalNorm - 1) < 1e-6)
        #expect(abs(g.w.scalars[0] - 0.6) < 1e-6 && abs(g.w.scalars[1] - 0.8) < 1e-6)
        var small = Vector.TangentVector(w: Tensor(shape: [2], scalars: [0.3, 0.4]))
        clipByGlobalNorm(&small, maxNorm: 1)
        #expect(small.w.scalars == [0.3, 0.4])
    }
}
