import Learning
import LinearAlgebra
import Testing
import _Differentiation

// The elementwise kernels split large tensors over KernelThreads. Splitting must not change a single bit:
// each test computes a result through the Tensor API (split into parts, on several threads when the machine
// has them) and through one call of the same kernel over the whole buffer, and compares them exactly.
// The sizes are well above KernelThreads.minimumScalarsPerThread so the split really happens.

private func floats(_ count: Int, seed: UInt64) -> [Float] {
    var rng = SeededRNG(seed: seed)
    return (0..<count).map { _ in Float(rng.normal()) }
}

private func tensor(_ shape: [Int], seed: UInt64) -> Tensor<Float> {
    Tensor(shape: shape, scalars: floats(shape.reduce(1, *), seed: seed))
}

/// `count` scalars written by `body` in one call.
private func whole(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) -> [Float] {
    var out = [Float](repeating: 0, count: count)
    out.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    return out
}

@Suite struct ThreadedKernels {
    @Test func chunksCoverEveryItemOnce() {
        for items in [0, 1, 7, 32_767, 32_768, 100_003, 1_000_000] {
            var seen = [Int](repeating: 0, count: items)
            seen.withUnsafeMutableBufferPointer { p in
                KernelThreads.chunks(items) { r in for i in r { p[i] += 1 } }
            }
            #expect(seen.allSatisfy { $0 == 1 }, "items \(items)")
            #expect(KernelThreads.chunkCount(items) <= max(1, KernelThreads.count))
        }
        #expect(KernelThreads.chunkCount(1000) == 1, "small work stays on the calling thread")
        #expect(KernelThreads.chunkCount(10, scalarsPerItem: 1_000_000) == min(10, KernelThreads.count))
    }

    @Test func largeBuffersAreKeptOnGlibc() {
        #if canImport(Glibc)
        #expect(LargeBuffers.keep())
        #endif
    }

    @Test func activationsMatchOneKernelCall() {
        let n = 100_003
        let x = tensor([n], seed: 1), dy = tensor([n], seed: 2)
        for f in [Activation.gelu, .tanh, .relu] {
            let (y, pullback) = valueWithPullback(at: x) { activation(f, $0) }
            let reference = whole(n) { out in x.withUnsafeBufferPointer { Float.activationForward(f, $0.baseAddress!, out, count: n) } }
            #expect(y.scalars == reference, "\(f) forward")
            let dx = pullback(dy)
            let dxReference = whole(n) { out in
                x.withUnsafeBufferPointer { px in reference.withUnsafeBufferPointer { py in dy.withUnsafeBufferPointer { pd in
                    Float.activationBackward(f, x: px.baseAddress!, y: py.baseAddress!, dy: pd.baseAddress!, dx: out, count: n)
                } } }
            }
            #expect(dx.scalars == dxReference, "\(f) backward")
        }
    }

    @Test func layerNormMatchesOneKernelCall() {
        let (rows, cols) = (3001, 50)
        let x = tensor([rows, cols], seed: 3), gain = tensor([cols], seed: 4), bias = tensor([cols], seed: 5)
        let dy = tensor([rows, cols], seed: 6)
        let (y, pullback) = valueWithPullback(at: x, gain, bias) { layerNorm($0, gain: $1, bias: $2) }
        var mean = [Float](repeating: 0, count: rows), rstd = mean
        let reference = whole(rows * cols) { out in
            x.withUnsafeBufferPointer { px in gain.withUnsafeBufferPointer { pg in bias.withUnsafeBufferPointer { pb in
                Float.layerNormForward(px.baseAddress!, gain: pg.baseAddress!, bias: pb.baseAddress!, out, mean: &mean,
                                       rstd: &rstd, rows: rows, cols: cols, epsilon: 1e-5)
            } } }
        }
        #expect(y.scalars == reference)
        let (dx, dGain, dBias) = pullback(dy)
        let dxReference = whole(rows * cols) { out in
            x.withUnsafeBufferPointer { px in gain.withUnsafeBufferPointer { pg in dy.withUnsafeBufferPointer { pd in
                Float.layerNormBackward(px.baseAddress!, gain: pg.baseAddress!, mean: mean, rstd: rstd, dy: pd.baseAddress!,
                                        dx: out, rows: rows, cols: cols)
            } } }
        }
        var dGainReference = [Float](repeating: 0, count: cols), dBiasReference = dGainReference
        x.withUnsafeBufferPointer { px in dy.withUnsafeBufferPointer { pd in
            Float.layerNormParameterGradients(px.baseAddress!, mean: mean, rstd: rstd, dy: pd.baseAddress!,
                                              dGain: &dGainReference, dBias: &dBiasReference, rows: rows, cols: cols)
        } }
        #expect(dx.scalars == dxReference)
        #expect(dGain.scalars == dGainReference && dBias.scalars == dBiasReference)
    }

    @Test func broadcastingAndSumsMatchOneKernelCall() {
        let x = tensor([10, 500, 50], seed: 7), bias = tensor([50], seed: 8), gate = tensor([10, 500, 1], seed: 9)
        for (b, op) in [(bias, BroadcastOp.add), (gate, .multiply)] {
            let y = op == .add ? x + b : x * b
            let layout = BroadcastLayout(output: x.shape, a: x.shape, b: b.shape)
            let reference = whole(x.count) { out in
                x.withUnsafeBufferPointer { px in b.withUnsafeBufferPointer { pb in
                    Float.broadcastKernel(op, px.baseAddress!, pb.baseAddress!, out, layout)
                } }
            }
            #expect(y.scalars == reference, "\(op) with \(b.shape)")
        }
        // Down to [C] (the result broadcast along the outer axis: one thread, in order) and to [B, T, 1]
        // (disjoint rows of the result: split).
        for shape in [[50], [10, 500, 1], [10, 1, 50]] {
            let summed = x.summed(toShape: shape)
            let layout = BroadcastLayout(output: x.shape, a: shape, b: shape)
            let reference = whole(shape.reduce(1, *)) { out in
                x.withUnsafeBufferPointer { Float.reduceKernel($0.baseAddress!, into: out, layout) }
            }
            #expect(summed.scalars == reference, "sum to \(shape)")
        }
    }

    @Test func affineEqualsProductPlusBias() {
        // Dense layers add their bias in place (`affine`); the numbers must be those of matmul(x, w) + b.
        let x = tensor([10, 500, 50], seed: 15), w = tensor([50, 40], seed: 16), b = tensor([40], seed: 17)
        let dy = tensor([10, 500, 40], seed: 18)
        let (fused, fusedPullback) = valueWithPullback(at: x, w, b) { affine($0, $1, $2) }
        let (plain, plainPullback) = valueWithPullback(at: x, w, b) { matmul($0, $1) + $2 }
        #expect(fused.scalars == plain.scalars)
        let (dx1, dw1, db1) = fusedPullback(dy), (dx2, dw2, db2) = plainPullback(dy)
        #expect(dx1.scalars == dx2.scalars && dw1.scalars == dw2.scalars && db1.scalars == db2.scalars)
    }

    @Test func softmaxAndAdamWMatchOneKernelCall() {
        let (rows, cols) = (2048, 96)
        let x = tensor([rows, cols], seed: 10)
        for log in [false, true] {
            let y = log ? logSoftmax(x) : softmax(x)
            let reference = whole(rows * cols) { out in
                x.withUnsafeBufferPointer { Float.softmaxRows($0.baseAddress!, out, rows: rows, cols: cols, log: log) }
            }
            #expect(y.scalars == reference, "log: \(log)")
        }
        // One AdamW step on a large parameter, against the kernel over the whole buffer.
        var layer = Dense<Float>(weight: tensor([600, 100], seed: 11), bias: tensor([100], seed: 12))
        let gradient = Dense<Float>.TangentVector(weight: tensor([600, 100], seed: 13), bias: tensor([100], seed: 14))
        var optimizer = AdamW(for: layer, learningRate: 1e-3, weightDecay: 0.01)
        var weight = layer.weight.scalars, m = [Float](repeating: 0, count: weight.count), v = m
        optimizer.update(&layer, along: gradient)
        let h = AdamWStep(learningRate: 1e-3, beta1: optimizer.beta1, beta2: optimizer.beta2, epsilon: optimizer.epsilon,
                          weightDecay: 0.01, step: 1)
        gradient.weight.withUnsafeBufferPointer { g in
            Float.adamWKernel(&weight, g.baseAddress!, &m, &v, count: weight.count, h)
        }
        #expect(layer.weight.scalars == weight)
    }
}

/// The pool behind KernelThreads (CKernels/pool.c): every chunk once, from nested calls and from several
/// threads at once (those that find the pool busy run their chunks themselves).
@Suite struct KernelThreadPool {
    @Test func everyChunkRunsOnce() {
        for n in [1, 2, 3, 7, 64] {
            let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
            counts.initialize(repeating: 0)
            KernelThreads.parallel(n) { c in counts[c] += 1 }
            #expect(counts.allSatisfy { $0 == 1 }, "n = \(n)")
            counts.deallocate()
        }
    }

    @Test func nestedCallsRunEveryChunk() {
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 4 * 5)
        counts.initialize(repeating: 0)
        KernelThreads.parallel(4) { outer in
            KernelThreads.parallel(5) { inner in counts[outer * 5 + inner] += 1 }
        }
        #expect(counts.allSatisfy { $0 == 1 })
        counts.deallocate()
    }

    @Test func concurrentCallersEachGetTheirOwnResult() async {
        let sums = await withTaskGroup(of: Int.self) { group in
            for caller in 0..<6 {
                group.addTask {
                    var total = 0
                    for _ in 0..<200 {
                        let parts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 3)
                        KernelThreads.parallel(3) { c in parts[c] = (caller + 1) * (c + 1) }
                        total += parts.reduce(0, +)
                        parts.deallocate()
                    }
                    return total
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(sums.sorted() == (0..<6).map { 200 * 6 * ($0 + 1) })
    }
}
