// Speed of the attention models, to be compared with PyTorch on the same CPU (pytorch/attention_bench.py):
//   transformer_step_ms   one AdamW step (forward, backward, update) of paper 000's TransformerModel: d = 50,
//                         5 heads, learned positions, readout m = 50, batch 10 sequences of length 500, MSE
//   gpt_step_ms           one AdamW step of a 2-layer GPT: width 128, 4 heads, vocabulary 96, batch 32 × context 64,
//                         cross-entropy on next-token targets
// Medians over repetitions, as in LearningBench.swift.

import _Differentiation
import Foundation
import Learning
import LinearAlgebra
import SequenceModels

/// Runs the benchmark; `quick` uses fewer repetitions (for smoke tests), not smaller problems.
public func runAttentionBench(quick: Bool) -> [(name: String, value: String)] {
    let warmup = quick ? 2 : 10, repetitions = quick ? 8 : 50

    /// The median seconds of one AdamW step of `model` on `loss`.
    func medianStep<M: Trainable>(_ model: M, learningRate: Double,
                                  _ loss: @escaping @differentiable(reverse) (M) -> Tensor<Float>) -> Double
    where M.Scalar == Float {
        var model = model
        var optimizer = AdamW(for: model, learningRate: learningRate, weightDecay: 0)
        var steps = [Double]()
        for i in 0..<(warmup + repetitions) {
            let seconds = elapsedSeconds {
                let (_, gradient) = valueWithGradient(at: model, of: loss)
                optimizer.update(&model, along: gradient)
            }
            if i >= warmup { steps.append(seconds) }
        }
        return median(steps)
    }

    // (a) Paper 000's transformer on a noisy sine, predicted one step ahead.
    let (batch, length) = (10, 500)
    var rng = SeededRNG(seed: 11)
    let transformer = TransformerModel<Float>(width: 50, heads: 5, readoutHidden: 50, positionalEncoding: .learned,
                                              maxLength: 500, rng: &rng)
    var xs = [Float](), ys = [Float]()
    for b in 0..<batch {
        let series = (0...length).map { Float(sin(0.05 * Double($0) + Double(b)) + 0.05 * rng.normal()) }
        xs += series.dropLast(); ys += series.dropFirst()
    }
    let x = Tensor<Float>(shape: [batch, length, 1], scalars: xs), y = Tensor<Float>(shape: [batch, length, 1], scalars: ys)
    let transformerStep = medianStep(transformer, learningRate: 1e-3) { m in meanSquaredError(m(x), y) }

    // (b) A 2-layer GPT on random tokens (the speed does not depend on what the tokens are).
    let (vocabulary, sequences, context) = (96, 32, 64)
    let gpt = GPT<Float>(vocabularySize: vocabulary, width: 128, layers: 2, heads: 4, maxLength: context, rng: &rng)
    let ids = (0..<(sequences * context)).map { _ in Int(rng.uniform(0, Double(vocabulary))) }
    let targets = (0..<(sequences * context)).map { _ in Int(rng.uniform(0, Double(vocabulary))) }
    let gptStep = medianStep(gpt, learningRate: 3e-4) { m in
        crossEntropy(logits: m(ids, shape: [sequences, context]), targets: targets)
    }

    return [
        ("transformer_step_ms", String(format: "%.3f", transformerStep * 1e3)),
        ("gpt_step_ms", String(format: "%.3f", gptStep * 1e3)),
    ]
}
