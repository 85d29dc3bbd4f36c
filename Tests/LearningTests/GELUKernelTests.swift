import Learning
import LinearAlgebra
import Testing

// Float's GELU runs in C (Sources/CKernels/elementwise_body.h), compiled for SSE2, AVX2 and AVX-512. Every copy
// must give exactly the bits of the Swift loops it replaced (`portableActivationForward`/`Backward`).

@Suite(.serialized) struct GELUKernel {
    /// Edge cases (0, −0, the 0.0004 cut of `rationalTanh`, the ±7.9 clamp, large values) and random values, an
    /// odd count so that every copy also runs its scalar tail.
    static let inputs: [Float] = {
        var xs: [Float] = [0, -0.0, 1e-5, -1e-5, 0.0003999, 0.0004, 0.0004001, -0.0004, 1, -1, 3, -3, 7.9, -7.9, 8, -8,
                           20, -20, 1e-30, .leastNormalMagnitude, 100, -100]
        var rng = SeededRNG(seed: 31)
        for _ in 0..<1001 { xs.append(Float(Double.random(in: -6...6, using: &rng))) }
        return xs
    }()

    @Test func forwardAndBackwardMatchTheSwiftLoopsBitForBit() {
        let x = Self.inputs, n = x.count
        var rng = SeededRNG(seed: 32)
        let dy = (0..<n).map { _ in Float(Double.random(in: -2...2, using: &rng)) }
        var y0 = [Float](repeating: 0, count: n), dx0 = y0
        Float.portableActivationForward(.gelu, x, &y0, count: n)
        Float.portableActivationBackward(.gelu, x: x, y: y0, dy: dy, dx: &dx0, count: n)
        VectorExtension.forEachAvailable { level in
            var y = [Float](repeating: 0, count: n), dx = y
            Float.activationForward(.gelu, x, &y, count: n)
            Float.activationBackward(.gelu, x: x, y: y, dy: dy, dx: &dx, count: n)
            let forwardMismatches = (0..<n).filter { y[$0].bitPattern != y0[$0].bitPattern }
            let backwardMismatches = (0..<n).filter { dx[$0].bitPattern != dx0[$0].bitPattern }
            #expect(forwardMismatches.isEmpty, "level \(level): forward differs at x = \(forwardMismatches.prefix(5).map { x[$0] })")
            #expect(backwardMismatches.isEmpty, "level \(level): backward differs at x = \(backwardMismatches.prefix(5).map { x[$0] })")
        }
    }
}
