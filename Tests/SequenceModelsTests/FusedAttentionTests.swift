import Learning
import LinearAlgebra
import SequenceModels
import Testing
import _Differentiation

// Float attention runs the fused C kernel; Double runs the blocked path (gemms per 32-row block, weights kept).
// These tests hold the fast path to the simple one: values and every gradient of the Float kernel agree with the
// Double path to Float rounding, and the kernel's SSE2, AVX2 and AVX-512 copies agree bit for bit.

private func float(_ x: DT) -> Tensor<Float> { Tensor(shape: x.shape, scalars: x.scalars.map { Float($0) }) }
private func double(_ x: Tensor<Float>) -> [Double] { x.scalars.map { Double($0) } }

/// Output and all input gradients (for a random output cotangent) of ordinary or myopic attention.
private func attentionAndGradients<S: AttentionScalar>(_ x: [Tensor<S>], _ dO: Tensor<S>, heads: Int, myopic: Bool)
    -> [Tensor<S>] {
    if myopic {
        let (y, pb) = valueWithPullback(at: x[0], x[1], x[2]) { q, k, v in
            causalAttention(q, k, v, pastKeys: x[3], pastValues: x[4], heads: heads)
        }
        let (dq, dk, dv) = pb(dO)
        // The past inputs' gradients, taken separately (the pullback above holds them constant).
        let (_, pbPast) = valueWithPullback(at: x[3], x[4]) { kp, vp in
            causalAttention(x[0], x[1], x[2], pastKeys: kp, pastValues: vp, heads: heads)
        }
        let (dkp, dvp) = pbPast(dO)
        return [y, dq, dk, dv, dkp, dvp]
    }
    let (y, pb) = valueWithPullback(at: x[0], x[1], x[2]) { q, k, v in causalAttention(q, k, v, heads: heads) }
    let (dq, dk, dv) = pb(dO)
    return [y, dq, dk, dv]
}

@Suite(.serialized) struct FusedAttention {
    // (B, T, d, H): one row; T not a multiple of 16; paper 000's heads of 10 with T crossing 32-row blocks;
    // chapter 7's heads of 32; an odd head size.
    static let shapes = [(1, 1, 4, 1), (2, 17, 8, 2), (2, 70, 20, 2), (1, 40, 64, 2), (2, 33, 9, 3)]

    @Test(arguments: shapes, [false, true])
    func agreesWithTheBlockedDoublePath(shape: (Int, Int, Int, Int), myopic: Bool) {
        let (b, t, d, heads) = shape
        let inputs = (0..<5).map { randomTensor([b, t, d], seed: 40 + UInt64($0), low: -2, high: 2) }
        let dO = randomTensor([b, t, d], seed: 50)
        let reference = attentionAndGradients(inputs, dO, heads: heads, myopic: myopic)
        let fast = attentionAndGradients(inputs.map(float), float(dO), heads: heads, myopic: myopic)
        for (name, (r, f)) in zip(["O", "dQ", "dK", "dV", "dK_p", "dV_p"], zip(reference, fast)) {
            let error = relativeError(double(f), r.scalars)
            #expect(error < 2e-5, "\(name) B=\(b) T=\(t) d=\(d) H=\(heads) myopic=\(myopic): \(error)")
        }
    }

    /// Every copy agrees with the blocked Double path within Float accuracy; the AVX2 and AVX-512 copies, which
    /// both use fused multiply–adds and sum every lane in the same order, give the same bits (the SSE2 copy rounds
    /// products and sums separately, decision 35).
    @Test(arguments: [(2, 45, 20, 2), (2, 70, 32, 2)])
    func everyVectorExtensionAgrees(shape: (Int, Int, Int, Int)) {
        let (b, t, d, heads) = shape
        let inputs = (0..<5).map { randomTensor([b, t, d], seed: 60 + UInt64($0), low: -3, high: 3) }
        let dO = randomTensor([b, t, d], seed: 70)
        let reference = attentionAndGradients(inputs, dO, heads: heads, myopic: true)
        var results = [Int32: [[Float]]]()
        VectorExtension.forEachAvailable { level in
            let fast = attentionAndGradients(inputs.map(float), float(dO), heads: heads, myopic: true)
            results[level] = fast.map(\.scalars)
            for (name, (r, f)) in zip(["O", "dQ", "dK", "dV", "dK_p", "dV_p"], zip(reference, fast)) {
                let error = relativeError(double(f), r.scalars)
                #expect(error < 2e-5, "\(name) level \(level): \(error)")
            }
        }
        print("fused attention: compared \(results.count) vector extensions")
        if let avx2 = results[3], let avx512 = results[4] { #expect(avx2 == avx512) }
    }

    @Test func myopicForwardEqualsOrdinaryForwardBitForBit() {
        let x = (0..<3).map { float(randomTensor([2, 37, 20], seed: 80 + UInt64($0))) }
        let ordinary = causalAttention(x[0], x[1], x[2], heads: 2)
        let myopic = causalAttention(x[0], x[1], x[2], pastKeys: x[1], pastValues: x[2], heads: 2)
        #expect(ordinary.scalars == myopic.scalars)
    }
}
