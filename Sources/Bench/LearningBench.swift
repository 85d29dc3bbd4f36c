import _Differentiation
import Foundation
import Learning
import LinearAlgebra

// Speed of the learning core, to be compared with PyTorch on the same CPU (pytorch/mlp_bench.py):
//   sgemm_512_gflops   a 512×512×512 single-precision matrix product: the machine's practical ceiling
//   mlp_step_ms        one AdamW step (forward, backward, update) of chapter 2's next-step MLP:
//                      delay vectors of dimension 8, batch 256, MLP 8→64→64→1 with GELU, MSE loss.
// Both report the median over repetitions, which ignores the occasional slow run caused by the OS.

/// Runs the benchmarks; `quick` uses fewer repetitions (for smoke tests), not smaller problems.
public func runLearningBench(quick: Bool) -> [(name: String, value: String)] {
    let gflops = sgemmGflops(n: 512, repetitions: quick ? 5 : 30)
    let stepMs = mlpStepMilliseconds(warmup: quick ? 3 : 20, repetitions: quick ? 20 : 300)
    return [
        ("sgemm_512_gflops", String(format: "%.1f", gflops)),
        ("mlp_step_ms", String(format: "%.3f", stepMs)),
        ("mlp_steps_per_s", String(format: "%.0f", 1000 / stepMs)),
    ]
}



private func sgemmGflops(n: Int, repetitions: Int) -> Double {
    var rng = SeededRNG(seed: 1)
    let a = (0..<(n * n)).map { _ in Float(rng.uniform(-1, 1)) }
    let b = (0..<(n * n)).map { _ in Float(rng.uniform(-1, 1)) }
    var c = [Float](repeating: 0, count: n * n)
    let seconds = (0..<(repetitions + 1)).map { _ in
        elapsedSeconds {
            c.withUnsafeMutableBufferPointer { pc in
                Float.gemm(transA: false, transB: false, m: n, n: n, k: n, alpha: 1, a: a, lda: n, b: b, ldb: n,
                           beta: 0, c: pc.baseAddress!, ldc: n)
            }
        }
    }.dropFirst()  // the first call pays for OpenBLAS's start-up
    return 2 * Double(n * n * n) / median(Array(seconds)) * 1e-9
}

private func mlpStepMilliseconds(warmup: Int, repetitions: Int) -> Double {
    let batch = 256, dimension = 8
    var rng = SeededRNG(seed: 2)
    // A delay-vector regression stand-in: predict the next value of a noisy sine from the last 8.
    var xs = [Float](), ys = [Float]()
    for i in 0..<batch {
        let t0 = Double(i) * 0.37
        for j in 0..<dimension { xs.append(Float(sin(t0 + 0.1 * Double(j)) + 0.01 * rng.normal())) }
        ys.append(Float(sin(t0 + 0.1 * Double(dimension))))
    }
    let x = Tensor(shape: [batch, dimension], scalars: xs), y = Tensor(shape: [batch, 1], scalars: ys)
    var model = MLP<Float>(sizes: [dimension, 64, 64, 1], activation: .gelu, rng: &rng)
    var optimizer = AdamW(for: model, learningRate: 1e-3, weightDecay: 0.01)

    func step() {
        let g = gradient(at: model) { m in meanSquaredError(m(x), y) }
        optimizer.update(&model, along: g)
    }
    for _ in 0..<warmup { step() }
    let samples = (0..<repetitions).map { _ in elapsedSeconds(step) }
    return median(samples) * 1e3
}
