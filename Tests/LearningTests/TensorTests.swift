import Foundation
import Learning
import LinearAlgebra
import Testing
import _Differentiation

@Suite struct TensorTests {
    @Test func symbolicZeroIsAnIdentity() {
        let x = Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3, 4])
        #expect(Tensor.zero + x == x && x + .zero == x && x - .zero == x)
        #expect((Tensor.zero - x).scalars == [-1, -2, -3, -4])
        #expect(Tensor<Float>.zero == Tensor(zeros: [3]))
        var y = x
        y.move(by: .zero)
        #expect(y == x)
    }

    @Test func broadcastingValues() {
        let m = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect((m + Tensor(shape: [3], scalars: [10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
        #expect((m * Tensor(shape: [2, 1], scalars: [1, -1])).scalars == [1, 2, 3, -4, -5, -6])
        #expect((m - Tensor(2)).scalars == [-1, 0, 1, 2, 3, 4])
        let outer = Tensor<Float>(shape: [2, 1], scalars: [1, 2]) * Tensor(shape: [1, 3], scalars: [1, 10, 100])
        #expect(outer.shape == [2, 3] && outer.scalars == [1, 10, 100, 2, 20, 200])
        #expect(m.sum(alongAxis: 0).scalars == [5, 7, 9] && m.sum(alongAxis: 1).scalars == [6, 15])
        #expect(broadcastShape([5, 1, 4], [3, 1]) == [5, 3, 4])
    }

    @Test func matmulAgreesWithMatrix() {
        var rng = SeededRNG(seed: 3)
        let a = Tensor<Double>(randomNormal: [2, 3, 4], rng: &rng), b = Tensor<Double>(randomNormal: [4, 5], rng: &rng)
        let c = matmul(a, b)
        #expect(c.shape == [2, 3, 5])
        let reference = LinearAlgebra.matmul(a.matrix, b.matrix)  // [6, 4] × [4, 5]
        #expect(zip(c.scalars, reference.data).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func floatTanhIsAccurate() {
        // Float's tanh is a rational approximation (FastTanh.swift); compare it with Double's libm tanh.
        let xs = (0...20000).map { Float(-10 + Double($0) * 0.001) } + [0, 1e-5, -3e-4, 5e-4, 50, -50]
        let y = tanh(Tensor(shape: [xs.count], scalars: xs))
        let errors = zip(xs, y.scalars).map { abs(Double($1) - Foundation.tanh(Double($0))) }
        let relative = zip(xs, errors).map { $1 / max(abs(Foundation.tanh(Double($0))), 1e-30) }
        print("Float tanh: max abs error \(errors.max()!), max relative error \(relative.max()!)")
        // Float's spacing just below 1 is 6e-8: the approximation is within a few units in the last place.
        #expect(errors.max()! < 4e-7)
        #expect(relative.max()! < 1e-6)
    }

    @Test func floatAndDoubleAgree() {
        // Training runs in Float what was gradchecked in Double: same code, results equal to Float precision.
        var rng = SeededRNG(seed: 4)
        let xd = Tensor<Double>(randomNormal: [4, 6], rng: &rng)
        let xf = Tensor<Float>(shape: xd.shape, scalars: xd.scalars.map { Float($0) })
        func f<S>(_ x: Tensor<S>) -> Tensor<S> {
            crossEntropy(logits: gelu(layerNorm(x, gain: Tensor(repeating: 1, shape: [6]), bias: Tensor(zeros: [6]))),
                         targets: [0, 5, 2, 3])
        }
        let gd = gradient(at: xd) { f($0) }, gf = gradient(at: xf) { f($0) }
        #expect(abs(Double(f(xf).scalar) - f(xd).scalar) < 1e-5)
        #expect(zip(gf.scalars, gd.scalars).allSatisfy { abs(Double($0) - $1) < 1e-5 })
    }

    @Test func softmaxRowsSumToOneAndSurviveLargeScores() {
        let x = Tensor<Float>(shape: [2, 3], scalars: [1000, 1001, 1002, -5, 0, 5])
        let p = softmax(x)
        #expect(p.isFinite)
        #expect(abs(p.sum(alongAxis: 1).scalars[0] - 1) < 1e-6 && abs(p.sum(alongAxis: 1).scalars[1] - 1) < 1e-6)
    }

    @Test func layersHaveTheExpectedShapesAndInit() {
        var rng = SeededRNG(seed: 6)
        let dense = Dense<Float>(inputSize: 16, outputSize: 4, rng: &rng)
        #expect(dense.weight.shape == [16, 4] && dense.bias.shape == [4])
        #expect(dense.weight.scalars.allSatisfy { abs($0) <= 0.25 })
        #expect(dense(Tensor(zeros: [2, 7, 16])).shape == [2, 7, 4])
        let embedding = Embedding<Float>(vocabularySize: 10, size: 3, rng: &rng)
        let e = embedding([1, 2, 3, 1, 0, 9], shape: [2, 3])
        #expect(e.shape == [2, 3, 3] && e[0, 0, 1] == e[1, 0, 1])
        let norm = LayerNorm<Float>(size: 3)
        let n = norm(e)
        #expect(abs(n.mean(alongAxis: -1).scalars.map { abs($0) }.max()!) < 1e-5)
        let mlp = MLP<Float>(inputSize: 3, hiddenSize: 8, outputSize: 2, activation: .relu, rng: &rng)
        #expect(mlp.parameterCount == 3 * 8 + 8 + 8 * 2 + 2)
        // Same seed, same model.
        var r1 = SeededRNG(seed: 9), r2 = SeededRNG(seed: 9)
        #expect(MLP<Float>(sizes: [2, 3, 1], rng: &r1).parameterTensors == MLP<Float>(sizes: [2, 3, 1], rng: &r2).parameterTensors)
    }

    @Test func embeddingGradientReachesOnlyUsedRows() {
        var rng = SeededRNG(seed: 7)
        let embedding = Embedding<Float>(vocabularySize: 4, size: 2, rng: &rng)
        let g = gradient(at: embedding) { e in e([1, 1, 3]).sum() }
        #expect(g.table.scalars == [0, 0, 2, 2, 0, 0, 1, 1])
    }
}
