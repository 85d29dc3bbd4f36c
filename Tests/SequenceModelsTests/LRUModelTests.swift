import Foundation
import Learning
import LinearAlgebra
import SequenceModels
import Testing
import _Differentiation

@Suite struct LRUModelTests {
    func model<S: RecurrenceScalar>(_: S.Type, h: Int = 6, n: Int = 5, m: Int = 7, seed: UInt64) -> LRUModel<S> {
        var rng = SeededRNG(seed: seed)
        return LRUModel<S>(width: h, stateSize: n, readoutHidden: m, rng: &rng)
    }

    @Test func shapesAndParameterCount() {
        let net = model(Float.self, seed: 1)
        let x = randomInput(Float.self, [3, 11, 1], seed: 2)
        #expect(net(x).shape == [3, 11, 1])
        #expect(net.hiddenStates(x).shape == [3, 11, 10])
        #expect(net.parameterCount == LRUModel<Float>.parameterCount(width: 6, stateSize: 5, readoutHidden: 7))
        // Paper 000's default size: H = N = 50, m = 50.
        var rng = SeededRNG(seed: 3)
        let paper = LRUModel<Float>(rng: &rng)
        #expect(paper.parameterCount == 6 * 50 + 2 * 50 + 4 * 50 * 50 + 50 * 50 + 50 * 50 + 2 * 50 + 1)
        #expect(paper.namedParameters.map(\.name).prefix(6) == ["encoder.weight", "encoder.bias", "inputNorm.gain",
                                                                 "inputNorm.bias", "lru.nu", "lru.theta"])
    }

    @Test func wholeModelGradients() {
        let net = model(Double.self, h: 4, n: 3, m: 5, seed: 4)
        let errors = gradcheck(net, randomTensor([2, 6, 1], seed: 5)) { m, x in m(x) }
        print("gradcheck LRUModel: worst relative error \(errors.map(\.error).max()!)")
        for (name, e) in errors { #expect(e < 1e-4, "\(name): \(e)") }
    }

    @Test func saveAndLoadRoundTrip() throws {
        let saved = model(Float.self, seed: 6)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-lru-\(UUID().uuidString).params")
        defer { try? FileManager.default.removeItem(at: url) }
        try saveParameters(saved, to: url)
        var loaded = model(Float.self, seed: 7)
        #expect(loaded.parameterTensors != saved.parameterTensors)
        try loadParameters(into: &loaded, from: url)
        #expect(loaded.parameterTensors == saved.parameterTensors)
        let x = randomInput(Float.self, [1, 8, 1], seed: 8)
        #expect(loaded(x) == saved(x))
    }

    @Test func trainingReducesTheLoss() throws {
        // Next-step prediction of a sine: a few dozen AdamW steps must help.
        var net = model(Float.self, h: 8, n: 8, m: 16, seed: 9)
        let series = (0..<41).map { Float(sin(0.3 * Double($0))) }
        let x = Tensor<Float>(shape: [1, 40, 1], scalars: Array(series.dropLast()))
        let y = Tensor<Float>(shape: [1, 40, 1], scalars: Array(series.dropFirst()))
        var trainer = Trainer(optimizer: AdamW(for: net, learningRate: 1e-2))
        let report = try trainer.fit(&net, steps: 60) { m, _ in meanSquaredError(m(x), y) }
        print("LRUModel sine: loss \(report.losses.first!) → \(report.losses.last!)")
        #expect(report.losses.last! < 0.2 * report.losses.first!)
    }
}
