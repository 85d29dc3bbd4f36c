import Learning
import LinearAlgebra
import Testing

// Float's layer norm runs in C (Sources/CKernels/elementwise_body.h), vectorised over 16 rows at a time so that
// every sum keeps its order. Every compiled copy must give exactly the bits of the Swift loops it replaced.

@Suite(.serialized) struct LayerNormKernel {
    /// (rows, cols): paper 000's width 50, chapter 7's 128, an odd width; row counts that leave a partial group.
    @Test(arguments: [(37, 50), (16, 128), (5, 7), (1, 3)])
    func allThreeKernelsMatchTheSwiftLoopsBitForBit(shape: (Int, Int)) {
        let (rows, cols) = shape
        var rng = SeededRNG(seed: UInt64(rows * 1000 + cols))
        func random(_ n: Int, _ spread: Double, _ offset: Double = 0) -> [Float] {
            (0..<n).map { _ in Float(offset + Double.random(in: -spread...spread, using: &rng)) }
        }
        let x = random(rows * cols, 3, 0.7), gain = random(cols, 1, 1), bias = random(cols, 0.5), dy = random(rows * cols, 1)
        var y0 = [Float](repeating: 0, count: rows * cols), m0 = [Float](repeating: 0, count: rows), s0 = m0
        Float.portableLayerNormForward(x, gain: gain, bias: bias, &y0, mean: &m0, rstd: &s0, rows: rows, cols: cols,
                                       epsilon: 1e-5)
        var dx0 = y0, dg0 = [Float](repeating: 0.25, count: cols), db0 = dg0
        Float.portableLayerNormBackward(x, gain: gain, mean: m0, rstd: s0, dy: dy, dx: &dx0, rows: rows, cols: cols)
        Float.portableLayerNormParameterGradients(x, mean: m0, rstd: s0, dy: dy, dGain: &dg0, dBias: &db0, rows: rows,
                                                  cols: cols)
        VectorExtension.forEachAvailable { level in
            var y = [Float](repeating: 0, count: rows * cols), m = [Float](repeating: 0, count: rows), s = m
            Float.layerNormForward(x, gain: gain, bias: bias, &y, mean: &m, rstd: &s, rows: rows, cols: cols,
                                   epsilon: 1e-5)
            var dx = y, dg = [Float](repeating: 0.25, count: cols), db = dg
            Float.layerNormBackward(x, gain: gain, mean: m, rstd: s, dy: dy, dx: &dx, rows: rows, cols: cols)
            Float.layerNormParameterGradients(x, mean: m, rstd: s, dy: dy, dGain: &dg, dBias: &db, rows: rows, cols: cols)
            #expect(y == y0 && m == m0 && s == s0, "level \(level): forward")
            #expect(dx == dx0, "level \(level): input gradient")
            #expect(dg == dg0 && db == db0, "level \(level): parameter gradients")
        }
    }
}
