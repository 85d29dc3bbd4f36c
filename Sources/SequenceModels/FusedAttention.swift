import CKernels
import Compute
import Foundation
import Learning
import LinearAlgebra

// Float attention runs a fused kernel written in C (Sources/CKernels/attention_body.h, compiled for SSE2, AVX2
// and AVX-512 and picked at run time). The blocked path of CausalAttention.swift computes each 32-row block of
// scores with a gemm, calls the softmax on it, multiplies by V with another gemm, and keeps the weights A for the
// pullback (T²/2 scalars per head: 25 MB per step for paper 000's transformer). With heads 10 wide those gemms
// are mostly overhead: a 32 × T × 10 product reads and writes far more than it computes. The fused kernel
// instead takes eight query rows at a time and keeps their rows of scores in an 8 × T buffer that stays in L1:
//
//     s_ij = q_i·k_j / √d_h (j ≤ i)  →  m_i = max_j s_ij,  ℓ_i = Σ_j exp(s_ij − m_i)  →  o_i = Σ_j exp(s_ij − m_i)/ℓ_i v_j
//
// and keeps only (m_i, 1/ℓ_i) per row. The pullback recomputes the block's weights from them with the same
// operations, so it sees exactly the forward weights. (FlashAttention, Dao et al. 2022, makes the same trade on
// GPUs: recompute A rather than store it.) At T = 500, d_h = 10 the step of paper 000's transformer fell from
// ~25 to ~21 ms on this machine's two cores; chapter 7's GPT (T = 64, d_h = 32) is unchanged.
//
// Double keeps the blocked path: gradient checks run in Double, and `FusedAttentionTests` compare the fused Float
// kernel with it, values and every gradient. Set `fusedAttention = false` (or T2T_FUSED_ATTENTION=0) to run Float
// on the blocked path too, e.g. to time both.

/// Whether Float attention uses the fused kernel: `ComputeConfiguration.current.fusedAttention` (on unless the
/// environment sets T2T_FUSED_ATTENTION=0). Both paths compute the same function; they round differently.
public var fusedAttention: Bool {
    get { ComputeConfiguration.current.fusedAttention }
    set { ComputeConfiguration.current.fusedAttention = newValue }
}

extension AttentionGeometry {
    /// Whether scalar type S has the fused kernel (Float only).
    static func fused<S>(_: S.Type) -> Bool { S.self == Float.self && fusedAttention }

    /// Scalars of saved row statistics: (m_i, 1/ℓ_i) for every row of every (b, h) pair.
    var statsSize: Int { batch * heads * 2 * length }

    /// The fused forward pass: O into `output`, the row statistics into `stats` (`statsSize` scalars).
    func fusedForward<S: AttentionScalar>(_ x: AttentionOperands<S>, output: UnsafeMutablePointer<S>,
                                          stats: UnsafeMutablePointer<S>) {
        precondition(Self.fused(S.self))
        KernelThreads.chunks(batch * heads, scalarsPerItem: length * length) { r in
            t2t_attention_forward(f(x.q), f(x.k), f(x.v), f(x.kPast), f(x.vPast), f(output), f(stats), batch, length,
                                  width, heads, Float(scale), x.myopic ? 1 : 0, r.lowerBound, r.upperBound)
        }
    }

    /// The fused pullback: dQ is overwritten; the gradients are added into dK_p, dV_p and, myopic only, the
    /// diagonal terms moved to dK, dV (ordinary attention passes the same buffers for both). Callers zero them.
    func fusedBackward<S: AttentionScalar>(_ x: AttentionOperands<S>, stats: UnsafePointer<S>, dO: UnsafePointer<S>,
                                           dQ: UnsafeMutablePointer<S>, dK: UnsafeMutablePointer<S>,
                                           dV: UnsafeMutablePointer<S>, dKPast: UnsafeMutablePointer<S>,
                                           dVPast: UnsafeMutablePointer<S>) {
        precondition(Self.fused(S.self))
        KernelThreads.chunks(batch * heads, scalarsPerItem: length * length) { r in
            t2t_attention_backward(f(x.q), f(x.k), f(x.v), f(x.kPast), f(x.vPast), f(stats), f(dO), f(dQ), f(dK),
                                   f(dV), f(dKPast), f(dVPast), batch, length, width, heads, Float(scale),
                                   x.myopic ? 1 : 0, r.lowerBound, r.upperBound)
        }
    }
}

/// The same memory seen as Float (only called when S is Float).
@inline(__always) private func f<S>(_ p: UnsafePointer<S>) -> UnsafePointer<Float> {
    UnsafeRawPointer(p).assumingMemoryBound(to: Float.self)
}

@inline(__always) private func f<S>(_ p: UnsafeMutablePointer<S>) -> UnsafeMutablePointer<Float> {
    UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
}
