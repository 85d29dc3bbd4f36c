import Learning
import LinearAlgebra
import Testing
import _Differentiation

// Every differentiable primitive, checked in Double against central differences (see GradCheck.swift).

let tolerance = 1e-4

@Suite struct ArithmeticGradients {
    @Test(arguments: [
        ([2, 3], [2, 3]),        // same shape
        ([4, 3], [3]),           // bias over the last axis
        ([2, 3], []),            // scalar
        ([2, 1, 4], [3, 1]),     // size-1 axes on both sides → [2, 3, 4]
        ([1], [2, 3]),           // a length-1 vector against a matrix
        ([2, 3, 4], [2, 3, 1]),  // one value per row
        ([3, 1], [1, 3]),        // outer-product shape
    ])
    func broadcastingOps(a: [Int], b: [Int]) {
        let x = randomTensor(a, seed: 1), y = randomTensor(b, seed: 2)
        #expect(gradcheck("add \(a)+\(b)", [x, y]) { $0[0] + $0[1] } < tolerance)
        #expect(gradcheck("sub \(a)-\(b)", [x, y]) { $0[0] - $0[1] } < tolerance)
        #expect(gradcheck("sub \(b)-\(a)", [y, x]) { $0[0] - $0[1] } < tolerance)
        #expect(gradcheck("mul \(a)*\(b)", [x, y]) { $0[0] * $0[1] } < tolerance)
    }

    @Test func scalingAndNegation() {
        let x = randomTensor([3, 4], seed: 3)
        #expect(gradcheck("scaled(by: 2.5)", [x]) { $0[0].scaled(by: 2.5) } < tolerance)
        #expect(gradcheck("negate", [x]) { -$0[0] } < tolerance)
        #expect(gradcheck("x / 4", [x]) { $0[0] / 4 } < tolerance)
        #expect(gradcheck("x * x (reuse)", [x]) { $0[0] * $0[0] } < tolerance)
    }

    @Test func broadcastAndSumToShape() {
        #expect(gradcheck("broadcasted [3,1]→[2,3,4]", [randomTensor([3, 1], seed: 4)]) {
            $0[0].broadcasted(to: [2, 3, 4])
        } < tolerance)
        #expect(gradcheck("summed [2,3,4]→[3,1]", [randomTensor([2, 3, 4], seed: 5)]) {
            $0[0].summed(toShape: [3, 1])
        } < tolerance)
    }
}

@Suite struct MatMulGradients {
    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func matrixTimesMatrix(ta: Bool, tb: Bool) {
        let a = randomTensor(ta ? [4, 3] : [3, 4], seed: 10), b = randomTensor(tb ? [5, 4] : [4, 5], seed: 11)
        #expect(gradcheck("matmul 2D ta=\(ta) tb=\(tb)", [a, b]) {
            matmul($0[0], transposed: ta, $0[1], transposed: tb)
        } < tolerance)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func batchTimesShared(ta: Bool, tb: Bool) {
        let a = randomTensor(ta ? [2, 4, 3] : [2, 3, 4], seed: 12), b = randomTensor(tb ? [5, 4] : [4, 5], seed: 13)
        #expect(gradcheck("matmul [B,M,K]×[K,N] ta=\(ta) tb=\(tb)", [a, b]) {
            matmul($0[0], transposed: ta, $0[1], transposed: tb)
        } < tolerance)
    }

    @Test(arguments: [(false, false), (false, true), (true, false)])
    func batchTimesBatch(ta: Bool, tb: Bool) {
        // Attention scores are Q·Kᵀ per batch element: the (false, true) case.
        let a = randomTensor(ta ? [2, 4, 3] : [2, 3, 4], seed: 14), b = randomTensor(tb ? [2, 5, 4] : [2, 4, 5], seed: 15)
        #expect(gradcheck("matmul [B,M,K]×[B,K,N] ta=\(ta) tb=\(tb)", [a, b]) {
            matmul($0[0], transposed: ta, $0[1], transposed: tb)
        } < tolerance)
    }

    @Test func sharedTimesBatch() {
        let a = randomTensor([3, 4], seed: 16), b = randomTensor([2, 4, 5], seed: 17)
        #expect(gradcheck("matmul [M,K]×[B,K,N]", [a, b]) { matmul($0[0], $0[1]) } < tolerance)
    }
}

@Suite struct PointwiseGradients {
    @Test func activations() {
        let x = randomTensor([3, 5], seed: 20, low: -3, high: 3)
        #expect(gradcheck("tanh", [x]) { tanh($0[0]) } < tolerance)
        #expect(gradcheck("gelu", [x]) { gelu($0[0]) } < tolerance)
        #expect(gradcheck("exp", [x]) { exp($0[0]) } < tolerance)
        // ReLU has a kink at 0: keep every input at least 0.1 away from it.
        let away = DT(shape: x.shape, scalars: x.scalars.map { $0 >= 0 ? $0 + 0.1 : $0 - 0.1 })
        #expect(gradcheck("relu", [away]) { relu($0[0]) } < tolerance)
    }

    @Test func softmaxes() {
        let x = randomTensor([2, 3, 5], seed: 21, low: -2, high: 2)
        #expect(gradcheck("softmax", [x]) { softmax($0[0]) } < tolerance)
        #expect(gradcheck("logSoftmax", [x]) { logSoftmax($0[0]) } < tolerance)
    }

    @Test func losses() {
        let logits = randomTensor([2, 3, 4], seed: 22, low: -2, high: 2)
        #expect(gradcheck("crossEntropy [B,T,C]", [logits]) { crossEntropy(logits: $0[0], targets: [0, 3, 1, 1, 2, 0]) } < tolerance)
        #expect(gradcheck("crossEntropy [N,C]", [randomTensor([3, 5], seed: 23)]) { crossEntropy(logits: $0[0], targets: [4, 0, 2]) } < tolerance)
        let p = randomTensor([4, 2], seed: 24), t = randomTensor([4, 2], seed: 25)
        #expect(gradcheck("meanSquaredError", [p, t]) { meanSquaredError($0[0], $0[1]) } < tolerance)
        // Huber with δ = 0.5: residuals on both sides of ±δ, none near the kinks at ±0.5.
        let hp = DT(shape: [4, 2], scalars: [-1.2, -0.3, 0.1, 0.8, 0.2, -0.7, 1.5, -0.05])
        let ht = DT(shape: [4, 2], scalars: [0.1, 0.05, -0.1, 0.0, 0.1, 0.1, -0.2, 0.02])
        #expect(gradcheck("huberLoss δ=0.5", [hp, ht]) { huberLoss($0[0], $0[1], delta: 0.5) } < tolerance)
    }

    @Test func layerNormalisation() {
        let x = randomTensor([2, 3, 6], seed: 26), g = randomTensor([6], seed: 27, low: 0.5, high: 1.5)
        let b = randomTensor([6], seed: 28)
        #expect(gradcheck("layerNorm (x, gain, bias)", [x, g, b]) { layerNorm($0[0], gain: $0[1], bias: $0[2]) } < tolerance)
    }
}

@Suite struct ShapeGradients {
    @Test func reshapeSliceConcat() {
        let x = randomTensor([2, 5, 3], seed: 30)
        #expect(gradcheck("reshaped", [x]) { $0[0].reshaped(to: [10, 3]) } < tolerance)
        #expect(gradcheck("sliced time 1..<4", [x]) { $0[0].sliced(alongAxis: 1, 1..<4) } < tolerance)
        #expect(gradcheck("sliced last axis", [x]) { $0[0].sliced(alongAxis: -1, 0..<2) } < tolerance)
        let y = randomTensor([2, 2, 3], seed: 31), z = randomTensor([2, 1, 3], seed: 32)
        #expect(gradcheck("concatenate time", [x, y, z]) { concatenate([$0[0], $0[1], $0[2]], alongAxis: 1) } < tolerance)
        #expect(gradcheck("shift: concat of slices", [x]) {
            concatenate([$0[0].sliced(alongAxis: 1, 3..<5), $0[0].sliced(alongAxis: 1, 0..<3)], alongAxis: 1)
        } < tolerance)
    }

    @Test func embeddingLookup() {
        let table = randomTensor([5, 3], seed: 33)
        // Ids repeat (2 twice, 4 three times): their gradients must add up.
        let ids = [2, 4, 0, 2, 4, 4]
        #expect(gradcheck("gather [2,3] ids", [table]) { gather(rows: ids, idShape: [2, 3], of: $0[0]) } < tolerance)
    }

    @Test func reductions() {
        let x = randomTensor([2, 3, 4], seed: 34)
        #expect(gradcheck("sum", [x]) { $0[0].sum() } < tolerance)
        #expect(gradcheck("mean", [x]) { $0[0].mean() } < tolerance)
        for axis in [0, 1, 2, -1] {
            #expect(gradcheck("sum(alongAxis: \(axis))", [x]) { $0[0].sum(alongAxis: axis) } < tolerance)
            #expect(gradcheck("mean(alongAxis: \(axis))", [x]) { $0[0].mean(alongAxis: axis) } < tolerance)
        }
    }
}

@Suite struct CompositeGradients {
    @Test func layerNormGeluMatmulCrossEntropy() {
        let x = randomTensor([2, 3, 4], seed: 40), g = randomTensor([4], seed: 41, low: 0.5, high: 1.5)
        let b = randomTensor([4], seed: 42), w = randomTensor([4, 5], seed: 43)
        let targets = [1, 4, 0, 2, 3, 3]
        #expect(gradcheck("layerNorm→gelu→matmul→crossEntropy", [x, g, b, w]) { p in
            crossEntropy(logits: matmul(gelu(layerNorm(p[0], gain: p[1], bias: p[2])), p[3]), targets: targets)
        } < tolerance)
    }

    @Test func residualBlockWithBias() {
        // x + Dense(gelu(LN(x))) then a mean: a variable used twice, bias broadcast over [B, T, C].
        let x = randomTensor([2, 3, 4], seed: 44), w = randomTensor([4, 4], seed: 45), b = randomTensor([4], seed: 46)
        #expect(gradcheck("residual x + gelu(LN(x))·W + b", [x, w, b]) { p in
            let one = DT(repeating: 1, shape: [4]), zero = DT(zeros: [4])
            return (p[0] + matmul(gelu(layerNorm(p[0], gain: one, bias: zero)), p[1]) + p[2]).mean(alongAxis: 1)
        } < tolerance)
    }

    @Test func mlpParameters() {
        // The layers themselves: gradient of an MLP<Double>'s loss with respect to every parameter.
        var rng = SeededRNG(seed: 47)
        let model = MLP<Double>(sizes: [3, 4, 2], activation: .tanh, rng: &rng)
        let x = randomTensor([5, 3], seed: 48), y = randomTensor([5, 2], seed: 49)
        let analytic = gradient(at: model) { m in meanSquaredError(m(x), y) }.parameterTensors
        let h = 1e-6
        var worst = 0.0
        for (k, p) in model.parameterTensors.enumerated() {
            var diff = 0.0, norm = 0.0
            for i in 0..<p.count {
                func loss(_ delta: Double) -> Double {
                    var m = model, index = 0
                    m.visitParameters { _, t in
                        if index == k { var s = t.scalars; s[i] += delta; t = DT(shape: t.shape, scalars: s) }
                        index += 1
                    }
                    return meanSquaredError(m(x), y).scalar
                }
                let numeric = (loss(h) - loss(-h)) / (2 * h)
                diff += (numeric - analytic[k].scalars[i]) * (numeric - analytic[k].scalars[i])
                norm += numeric * numeric
            }
            worst = max(worst, (diff / norm).squareRoot())
        }
        print("gradcheck MLP<Double> parameters: relative error \(worst)")
        #expect(worst < tolerance)
    }
}
