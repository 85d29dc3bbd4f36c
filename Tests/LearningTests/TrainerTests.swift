import Foundation
import Learning
import LinearAlgebra
import Testing
import _Differentiation

@Suite struct TrainerTests {
    /// y = sin(2x) on 32 points of [-1.5, 1.5].
    func sineData() -> (x: Tensor<Float>, y: Tensor<Float>) {
        let xs = (0..<32).map { -1.5 + 3 * Double($0) / 31 }
        return (Tensor(shape: [32, 1], scalars: xs.map { Float($0) }),
                Tensor(shape: [32, 1], scalars: xs.map { Float(sin(2 * $0)) }))
    }

    @Test func tinyMLPFitsARegressionProblem() throws {
        let (x, y) = sineData()
        var rng = SeededRNG(seed: 5)
        var model = MLP<Float>(sizes: [1, 16, 16, 1], activation: .gelu, rng: &rng)
        var trainer = Trainer(optimizer: AdamW(for: model, learningRate: 1e-2, weightDecay: 0))
        let schedule = WarmupCosineSchedule(peak: 1e-2, floor: 1e-3, warmupSteps: 20, totalSteps: 300)
        trainer.learningRate = { schedule($0) }
        trainer.clipNorm = 5
        var evaluations = [Int](), progressCalls = 0
        trainer.evaluateEvery = 100
        trainer.evaluate = { step, _ in evaluations.append(step) }
        trainer.progress = { step, total, _ in progressCalls += 1; #expect(total == 300 && step == progressCalls) }
        let report = try trainer.fit(&model, steps: 300) { m, _ in meanSquaredError(m(x), y) }
        let first = report.losses.first!, last = meanSquaredError(model(x), y).scalar
        print("tiny MLP: loss \(first) → \(last), \(report.stepsPerSecond) steps/s (debug build)")
        #expect(Double(last) < first / 10)
        #expect(evaluations == [100, 200, 300])
        #expect(progressCalls == 300 && report.losses.count == 300)
        #expect(trainer.optimizer.learningRate == 1e-3)   // the schedule's floor at the last step
    }

    @Test func nanLossStopsAtTheRightStep() {
        var model = Vector(w: Tensor(shape: [2], scalars: [1, 2]))
        var trainer = Trainer(optimizer: SGD(for: model, learningRate: 0.01))
        do {
            _ = try trainer.fit(&model, steps: 10) { m, step in
                let poison: Float = step == 4 ? .nan : 1
                return (m.w * m.w).sum().scaled(by: poison)
            }
            Issue.record("no error thrown")
        } catch let error as TrainingError {
            guard case .nonFinite(let step, let quantity, let value) = error else { return }
            #expect(step == 4 && quantity == "loss" && value.isNaN)
            #expect(error.description.contains("step 4"))
            #expect(error.description.contains("lower the learning rate, enable clipping, or check the data scale"))
        } catch { Issue.record("unexpected error \(error)") }
    }

    @Test func infiniteGradientNormIsCaughtToo() {
        // Loss ≈ 6e28 is finite, but the gradient (3e38, 3e38) has a Float sum of squares that overflows.
        var model = Vector(w: Tensor(shape: [2], scalars: [1e-10, 1e-10]))
        var trainer = Trainer(optimizer: SGD(for: model, learningRate: 0))
        let c = Tensor<Float>(shape: [2], scalars: [3e38, 3e38])
        #expect(throws: TrainingError.nonFinite(step: 1, quantity: "gradient norm", value: .infinity)) {
            _ = try trainer.fit(&model, steps: 3) { m, _ in (m.w * c).sum() }
        }
    }
}
