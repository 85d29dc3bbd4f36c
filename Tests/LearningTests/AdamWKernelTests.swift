import Learning
import LinearAlgebra
import Testing

// Float's AdamW update runs in C (Sources/CKernels/elementwise_body.h); every compiled copy must give exactly
// the bits of the Swift loop it replaced (`portableAdamWKernel`).

@Suite(.serialized) struct AdamWKernel {
    @Test func everyCopyMatchesTheSwiftLoopBitForBit() {
        let count = 1037  // not a multiple of 16: the tail runs too
        var rng = SeededRNG(seed: 41)
        func random(_ spread: Double, _ low: Double = -1) -> [Float] {
            (0..<count).map { _ in Float(Double.random(in: low...1, using: &rng) * spread) }
        }
        let p0 = random(2), g = random(0.1), m0 = random(0.01), v0 = random(0.001, 0)
        let step = AdamWStep(learningRate: 3e-3, beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1, step: 17)
        var (p, m, v) = (p0, m0, v0)
        Float.portableAdamWKernel(&p, g, &m, &v, count: count, step)
        VectorExtension.forEachAvailable { level in
            var (pc, mc, vc) = (p0, m0, v0)
            Float.adamWKernel(&pc, g, &mc, &vc, count: count, step)
            #expect(pc == p && mc == m && vc == v, "level \(level)")
        }
    }
}
