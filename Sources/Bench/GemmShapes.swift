import Foundation
import LinearAlgebra
import Notebook

// `make bench ARGS="--only shapes"`: the matrix products the training steps spend their time in, each timed with
// our kernels (SmallGemm, LongInnerGemm) and with OpenBLAS, in GFLOP/s. This is what decides whether a kernel
// stays: decision 35 keeps a fast path only where it is faster here.

struct GemmShape {
    let name: String
    let transA: Bool, transB: Bool
    let m: Int, n: Int, k: Int
}

let gemmShapes: [GemmShape] = [
    GemmShape(name: "LRU  X = U W_inᵀ", transA: false, transB: true, m: 5000, n: 100, k: 50),
    GemmShape(name: "LRU  Y = S W_outᵀ", transA: false, transB: true, m: 5000, n: 50, k: 100),
    GemmShape(name: "LRU  dense 50 → 50", transA: false, transB: true, m: 5000, n: 50, k: 50),
    GemmShape(name: "LRU  dU = dX W_in", transA: false, transB: false, m: 5000, n: 50, k: 100),
    GemmShape(name: "LRU  dW_in = dXᵀ U", transA: true, transB: false, m: 100, n: 50, k: 5000),
    GemmShape(name: "LRU  dW = dYᵀ X (50 × 50)", transA: true, transB: false, m: 50, n: 50, k: 5000),
    GemmShape(name: "GPT  MLP up 128 → 512", transA: false, transB: true, m: 2048, n: 512, k: 128),
    GemmShape(name: "GPT  MLP down 512 → 128", transA: false, transB: true, m: 2048, n: 128, k: 512),
    GemmShape(name: "GPT  dW up (512 × 128)", transA: true, transB: false, m: 512, n: 128, k: 2048),
    GemmShape(name: "GPT  logits 128 → 96", transA: false, transB: true, m: 2048, n: 96, k: 128),
]

func gemmShapeTable(quick: Bool) -> Table {
    var table = Table(["product", "m × n × k", "ours GFLOP/s", "OpenBLAS GFLOP/s", "ours ÷ OpenBLAS time"])
    for shape in gemmShapes {
        var rng = SeededRNG(seed: 3)
        let a = (0..<(shape.m * shape.k)).map { _ in Float(rng.uniform(-1, 1)) }
        let b = (0..<(shape.k * shape.n)).map { _ in Float(rng.uniform(-1, 1)) }
        var c = [Float](repeating: 0, count: shape.m * shape.n)
        func time(_ ours: Bool) -> Double {
            let (small, long) = (SmallGemm.enabled, LongInnerGemm.enabled)
            defer { SmallGemm.enabled = small; LongInnerGemm.enabled = long }
            SmallGemm.enabled = ours
            LongInnerGemm.enabled = ours
            let runs = quick ? 20 : 200
            let seconds = (0..<(runs + 3)).map { _ in
                elapsedSeconds {
                    c.withUnsafeMutableBufferPointer { pc in
                        Float.gemm(transA: shape.transA, transB: shape.transB, m: shape.m, n: shape.n, k: shape.k,
                                   alpha: 1, a: a, lda: shape.transA ? shape.m : shape.k, b: b,
                                   ldb: shape.transB ? shape.k : shape.n, beta: 0, c: pc.baseAddress!, ldc: shape.n)
                    }
                }
            }.dropFirst(3)
            return seconds.min()!
        }
        let flops = 2 * Double(shape.m * shape.n * shape.k)
        let ours = time(true), theirs = time(false)
        table.rows.append([shape.name, "\(shape.m) × \(shape.n) × \(shape.k)", Format.number(flops / ours * 1e-9, digits: 3),
                           Format.number(flops / theirs * 1e-9, digits: 3), Format.number(ours / theirs, digits: 2)])
    }
    return table
}
