import _Differentiation
import Foundation
import Learning
import LinearAlgebra
import SequenceModels

// The training steps `make bench` times: one AdamW step (forward, backward, update) of each model the chapters
// train, on the shapes issues 10 and 18 name. pytorch/models.py builds the same models under the same names.
// The data are stand-ins (a noisy sine, random tokens): a step's cost does not depend on the numbers.

/// One model's training step, ready to be called repeatedly.
struct StepBenchmark {
    /// The key shared with pytorch/models.py.
    let name: String
    /// What is timed, for the report.
    let title: String
    /// Issue 18's target for ours ÷ PyTorch (nil: no target, reported for information).
    let target: Double?
    /// Timed steps per turn of the alternation (about half a second of work).
    let stepsPerTurn: Int
    /// Runs one step; the model and its optimiser state live in the closure.
    let step: () -> Void

    /// The step's floating-point operations (FLOPCounter: products, attention and scans), counted on one step.
    func countFLOPs() -> Double { FLOPCounter.count(step) }
}

/// A batch of noisy sines, x_t and x_{t+1}: [batch, length, 1] each.
private func sineBatch(batch: Int, length: Int, rng: inout SeededRNG) -> (Tensor<Float>, Tensor<Float>) {
    var xs = [Float](), ys = [Float]()
    for b in 0..<batch {
        let series = (0...length).map { Float(sin(0.05 * Double($0) + Double(b)) + 0.05 * rng.normal()) }
        xs += series.dropLast(); ys += series.dropFirst()
    }
    return (Tensor(shape: [batch, length, 1], scalars: xs), Tensor(shape: [batch, length, 1], scalars: ys))
}

/// A step function for `model` minimising `loss` with AdamW.
private func adamWStep<M: Trainable>(_ model: M, learningRate: Double, weightDecay: Double,
                                     _ loss: @escaping @differentiable(reverse) (M) -> Tensor<Float>) -> () -> Void
where M.Scalar == Float {
    var model = model
    var optimizer = AdamW(for: model, learningRate: learningRate, weightDecay: weightDecay)
    return {
        let gradient = gradient(at: model, of: loss)
        optimizer.update(&model, along: gradient)
    }
}

/// Chapter 2's next-step MLP: delay vectors of dimension 8, batch 256, 8 → 64 → 64 → 1 with GELU, MSE.
func mlpBenchmark() -> StepBenchmark {
    let batch = 256, dimension = 8
    var rng = SeededRNG(seed: 2)
    var xs = [Float](), ys = [Float]()
    for i in 0..<batch {
        let t0 = Double(i) * 0.37
        for j in 0..<dimension { xs.append(Float(sin(t0 + 0.1 * Double(j)) + 0.01 * rng.normal())) }
        ys.append(Float(sin(t0 + 0.1 * Double(dimension))))
    }
    let x = Tensor(shape: [batch, dimension], scalars: xs), y = Tensor(shape: [batch, 1], scalars: ys)
    let model = MLP<Float>(sizes: [dimension, 64, 64, 1], activation: .gelu, rng: &rng)
    return StepBenchmark(name: "mlp", title: "chapter 2's MLP (8→64→64→1, batch 256)", target: 0.3,
                         stepsPerTurn: 400,
                         step: adamWStep(model, learningRate: 1e-3, weightDecay: 0.01) { m in meanSquaredError(m(x), y) })
}

/// Paper 000's LRU model: H = N = 50, readout 50, batch 10 × 500 steps, MSE on the next value.
func lruBenchmark() -> StepBenchmark {
    var rng = SeededRNG(seed: 10)
    let model = LRUModel<Float>(width: 50, stateSize: 50, readoutHidden: 50, rng: &rng)
    let (x, y) = sineBatch(batch: 10, length: 500, rng: &rng)
    return StepBenchmark(name: "lru", title: "paper 000's LRU model (H = N = 50, batch 10 × 500)", target: 0.2,
                         stepsPerTurn: 40,
                         step: adamWStep(model, learningRate: 1e-3, weightDecay: 0) { m in meanSquaredError(m(x), y) })
}

/// Paper 000's one-layer transformer: d = 50, 5 heads, learned positions, readout 50, batch 10 × 500, MSE.
func transformerBenchmark() -> StepBenchmark {
    var rng = SeededRNG(seed: 11)
    let model = TransformerModel<Float>(width: 50, heads: 5, readoutHidden: 50, positionalEncoding: .learned,
                                        maxLength: 500, rng: &rng)
    let (x, y) = sineBatch(batch: 10, length: 500, rng: &rng)
    return StepBenchmark(name: "transformer",
                         title: "paper 000's transformer (d = 50, 5 heads, learned positions, batch 10 × 500)",
                         target: 0.4, stepsPerTurn: 15,
                         step: adamWStep(model, learningRate: 1e-3, weightDecay: 0) { m in meanSquaredError(m(x), y) })
}

/// A character GPT: 2 layers, width 128, 4 heads, vocabulary 96, batch 32 × context 64, cross-entropy (issue 10's
/// shape). `gpt64` is the widest model chapter 7 trains at its default scale: width 64, the fortunes corpus's 104
/// characters; at that size the elementwise passes and attention weigh more against the matrix products.
func gptBenchmark() -> StepBenchmark {
    gptBenchmark(name: "gpt", title: "a character GPT (2 layers, width 128, 4 heads, batch 32 × 64)", vocabulary: 96,
                 width: 128, target: 0.8)
}

func gpt64Benchmark() -> StepBenchmark {
    gptBenchmark(name: "gpt64", title: "chapter 7's widest character GPT (2 layers, width 64, 4 heads, batch 32 × 64)",
                 vocabulary: 104, width: 64, target: nil)
}

private func gptBenchmark(name: String, title: String, vocabulary: Int, width: Int, target: Double?) -> StepBenchmark {
    let (sequences, context) = (32, 64)
    var rng = SeededRNG(seed: 12)
    let model = GPT<Float>(vocabularySize: vocabulary, width: width, layers: 2, heads: 4, maxLength: context, rng: &rng)
    let ids = (0..<(sequences * context)).map { _ in Int(rng.uniform(0, Double(vocabulary))) }
    let targets = (0..<(sequences * context)).map { _ in Int(rng.uniform(0, Double(vocabulary))) }
    return StepBenchmark(name: name, title: title, target: target, stepsPerTurn: width >= 128 ? 10 : 20,
                         step: adamWStep(model, learningRate: 3e-4, weightDecay: 0.01) { m in
                             crossEntropy(logits: m(ids, shape: [sequences, context]), targets: targets)
                         })
}

/// Chapter 7's model for paper 002's synthetic task D_p: a GPTRegressor of width 32 (2 layers, 2 heads) reading
/// (x_n, z_n), batch 32 × 64, Huber loss. Chapter 7 trains eighteen of these at its default scale.
func dpBenchmark() -> StepBenchmark {
    let (sequences, length) = (32, 64)
    var rng = SeededRNG(seed: 13)
    let model = GPTRegressor<Float>(inputs: 2, outputs: 1, width: 32, layers: 2, heads: 2, maxLength: length, rng: &rng)
    let u = Tensor<Float>(shape: [sequences, length, 2], scalars: (0..<(sequences * length * 2)).map { _ in Float(rng.normal()) })
    let y = Tensor<Float>(shape: [sequences, length, 1], scalars: (0..<(sequences * length)).map { _ in Float(rng.normal()) })
    return StepBenchmark(name: "dp", title: "chapter 7's D_p regressor (2 layers, width 32, 2 heads, batch 32 × 64)",
                         target: nil, stepsPerTurn: 40,
                         step: adamWStep(model, learningRate: 1e-2, weightDecay: 0.01) { m in huberLoss(m(u), y) })
}
