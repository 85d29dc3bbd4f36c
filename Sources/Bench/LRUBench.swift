// Speed of paper 000's SSM (issue 10's target benchmark), to be compared with PyTorch on the same CPU:
//   lru_step_ms        one AdamW step (forward, backward, update) of LRUModel with H = N = 50, readout 50,
//                      batch 10 sequences of length 500, MSE loss on a next-step target
//   lru_tokens_per_s   B·T / step time: time steps processed per second in training
//   lru_forward_ms     the forward pass alone (what inference costs)
// Medians over repetitions, as in LearningBench.swift.

import _Differentiation
import Foundation
import Learning
import LinearAlgebra
import SequenceModels

/// Runs the benchmark; `quick` uses fewer repetitions (for smoke tests), not smaller problems.
public func runLRUBench(quick: Bool) -> [(name: String, value: String)] {
    let (batch, length) = (10, 500)
    var rng = SeededRNG(seed: 10)
    var model = LRUModel<Float>(width: 50, stateSize: 50, readoutHidden: 50, rng: &rng)
    // A noisy sine, predicted one step ahead, as a stand-in for chapter 3's Lorenz data.
    var xs = [Float](), ys = [Float]()
    for b in 0..<batch {
        let series = (0...length).map { Float(sin(0.05 * Double($0) + Double(b)) + 0.05 * rng.normal()) }
        xs += series.dropLast(); ys += series.dropFirst()
    }
    let x = Tensor<Float>(shape: [batch, length, 1], scalars: xs), y = Tensor<Float>(shape: [batch, length, 1], scalars: ys)
    var optimizer = AdamW(for: model, learningRate: 1e-3, weightDecay: 0)
    let warmup = quick ? 3 : 20, repetitions = quick ? 10 : 200

    var steps = [Double]()
    for i in 0..<(warmup + repetitions) {
        let seconds = elapsedSeconds {
            let (_, gradient) = valueWithGradient(at: model) { m in meanSquaredError(m(x), y) }
            optimizer.update(&model, along: gradient)
        }
        if i >= warmup { steps.append(seconds) }
    }
    var forwards = [Double]()
    for _ in 0..<(quick ? 5 : 50) { forwards.append(elapsedSeconds { _ = model(x) }) }
    let step = median(steps)
    return [
        ("lru_step_ms", String(format: "%.3f", step * 1e3)),
        ("lru_tokens_per_s", String(format: "%.0f", Double(batch * length) / step)),
        ("lru_forward_ms", String(format: "%.3f", median(forwards) * 1e3)),
    ]
}


