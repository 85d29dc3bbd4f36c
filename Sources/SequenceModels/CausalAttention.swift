import Dispatch
import Foundation
import Learning
import LinearAlgebra
import _Differentiation

// The attention core as ONE differentiable primitive with a hand-written pullback: scores, causal mask, softmax
// and the weighted sum of values, for every sequence b and head h at once.
//
// Notation (Vaswani et al. 2017). Queries, keys and values arrive as [B, T, d] tensors whose channels hold the H
// heads side by side: head h is channels h·d_h ..< (h+1)·d_h, d_h = d/H. For one (b, h), with Q, K, V the T × d_h
// matrices of that head (rows d apart in memory, which BLAS reads directly through its leading dimension: no
// head is ever copied out),
//
//     S = Q Kᵀ                        scores, T × T
//     A = softmax_row(S/√d_h + M)     M_ij = −∞ for j > i: position i only looks at positions j ≤ i (causal)
//     O = A V                         output, T × d_h, written back into head h's channels
//
// Backward, given dO (the standard softmax-attention pullback):
//
//     dV = Aᵀ dO      dA = dO Vᵀ      dS = A ⊙ (dA − rowsum(dA ⊙ A)) / √d_h      dQ = dS K      dK = dSᵀ Q
//
// Causality is used, not just respected: the rows are processed in blocks of 32 query positions, and the block
// of rows i0..<i1 only computes the columns 0..<i1 it can see. That does about half the work of the full T × T
// products. Within a block the entries above the diagonal are exact zeros, so the products over the block are
// ordinary gemms. The forward pass keeps A for the pullback, block by block (each block's rows i0..<i1 hold
// columns 0..<i1 only, about T²/2 scalars per head instead of T²).
//
// That "blocked path" is what Double runs (gradient checks, the reference in tests). Float runs a fused kernel in
// C that computes the same function without storing A: FusedAttention.swift.
//
// The myopic variant (paper 002, see CausalSelfAttention.swift for why) takes two more inputs, the "past" keys
// and values k_p, v_p, and computes
//
//     S_ij = q_i · k_p,j  (j < i),    S_ii = q_i · k_i,    o_i = Σ_{j<i} A_ij v_p,j + A_ii v_i
//
// i.e. the scores and values of *other* positions come from k_p, v_p and only the diagonal from the live k, v.
// It is computed as the plain attention of (q, k_p, v_p) plus diagonal corrections q_i·(k_i − k_p,i) on the
// scores and A_ii (v_i − v_p,i) on the output, which are exactly zero when the numbers agree: the forward pass
// of a myopic layer is bit for bit the vanilla one. Its pullback splits dK and dV into the diagonal part (to the
// live k, v) and everything else (to k_p, v_p).

/// The sizes of one attention call.
struct AttentionGeometry {
    let batch: Int, length: Int, width: Int, heads: Int, headSize: Int

    /// FLOPCounter: each of attention's two products (QKᵀ and AV) is Σ_i (i + 1)·d_h multiply–adds per head;
    /// the backward pass does twice the forward pass's products (dQ, dK from dS; dA, dV from dO).
    func countFLOPs(passes: Int) { FLOPCounter.add(passes * 2 * batch * length * (length + 1) * width) }
    /// 1/√d_h
    let scale: Double
    /// Query rows processed together: a 32 × T block of scores stays in cache between its gemm and its softmax.
    /// (32 also keeps each block's gemms below the size at which OpenBLAS hands work to its own threads, which
    /// would compete with `forEachPair`'s; measured slightly faster than 64 at T = 500.)
    static let rowBlock = 32
    /// The row blocks of one head: rows first..<first+rows see columns 0..<first+rows, and the block's weights
    /// sit at `offset` in the head's packed weights, row-major with leading dimension first + rows.
    let blocks: [(first: Int, rows: Int, offset: Int)]
    /// Scalars of one head's packed weights.
    let packedSize: Int

    init(_ shape: [Int], heads: Int) {
        precondition(shape.count == 3, "attention: inputs must be [B, T, d], got \(shape)")
        precondition(heads > 0 && shape[2] % heads == 0, "attention: width \(shape[2]) is not divisible by \(heads) heads")
        (batch, length, width, self.heads) = (shape[0], shape[1], shape[2], heads)
        headSize = width / heads
        scale = 1 / Double(headSize).squareRoot()
        var blocks = [(first: Int, rows: Int, offset: Int)](), size = 0
        for first in stride(from: 0, to: length, by: Self.rowBlock) {
            let rows = Swift.min(Self.rowBlock, length - first)
            blocks.append((first, rows, size))
            size += rows * (first + rows)
        }
        self.blocks = blocks
        packedSize = size
    }

    /// Where head h of sequence b starts in a [B, T, d] tensor; its rows are `width` apart.
    func offset(_ pair: Int) -> Int { (pair / heads) * length * width + (pair % heads) * headSize }

    /// Runs `body` for every (b, h) pair, split over `KernelThreads`. Each pair reads and writes only its own
    /// head's columns and its own T × T matrix, so the pairs are independent.
    func forEachPair(_ body: (Int) -> Void) {
        KernelThreads.chunks(batch * heads, scalarsPerItem: length * length) { r in for p in r { body(p) } }
    }
}

/// How many threads the attention core uses for its (b, h) pairs: `KernelThreads.count` (default: one per core),
/// under its older name. Set it to 1 to time the single-threaded kernel. At T = 500 two workers make the core
/// 1.9× faster on this machine's two cores.
public var attentionWorkers: Int {
    get { KernelThreads.count }
    set { KernelThreads.count = newValue }
}

/// The four (or, myopic, six) tensors of one call, as raw pointers.
struct AttentionOperands<S: AttentionScalar> {
    var q: UnsafePointer<S>, k: UnsafePointer<S>, v: UnsafePointer<S>
    var kPast: UnsafePointer<S>, vPast: UnsafePointer<S>
    var myopic: Bool
}

extension AttentionGeometry {
    /// O and A. `weights` gets B·H packed heads of `packedSize` scalars.
    func forward<S: AttentionScalar>(_ x: AttentionOperands<S>, output: UnsafeMutablePointer<S>,
                                     weights: UnsafeMutablePointer<S>) {
        let (d, dh, scale) = (width, headSize, S(scale))
        let blocks = self.blocks
        forEachPair { pair in
            let o = offset(pair), a = weights + pair * packedSize
            for (i0, rows, blockOffset) in blocks {
                let columns = i0 + rows, s = a + blockOffset, t = columns  // t: the block's leading dimension
                // S[block, 0..<columns] = Q[block] · K_pᵀ[0..<columns]
                S.gemm(transA: false, transB: true, m: rows, n: columns, k: dh, alpha: 1, a: x.q + o + i0 * d, lda: d,
                       b: x.kPast + o, ldb: d, beta: 0, c: s, ldc: t)
                if x.myopic {
                    for r in 0..<rows {
                        let i = o + (i0 + r) * d
                        s[r * t + i0 + r] += S.dotOfDifference(x.q + i, x.k + i, x.kPast + i, count: dh)
                    }
                }
                S.causalSoftmaxRows(s, ld: t, firstRow: i0, rows: rows, columns: columns, scale: scale)
                // O[block] = A[block, 0..<columns] · V_p[0..<columns]
                S.gemm(transA: false, transB: false, m: rows, n: dh, k: columns, alpha: 1, a: s, lda: t,
                       b: x.vPast + o, ldb: d, beta: 0, c: output + o + i0 * d, ldc: d)
                if x.myopic {
                    for r in 0..<rows {
                        let i = o + (i0 + r) * d
                        S.axpyOfDifference(s[r * t + i0 + r], x.v + i, x.vPast + i, output + i, count: dh)
                    }
                }
            }
        }
    }

    /// dQ, dK_p, dV_p (all positions) and, when myopic, the diagonal parts dK, dV, which are then taken out of
    /// dK_p and dV_p. The caller zeroes dK_p and dV_p (they are accumulated over row blocks).
    func backward<S: AttentionScalar>(_ x: AttentionOperands<S>, weights: UnsafePointer<S>, dO: UnsafePointer<S>,
                                      dQ: UnsafeMutablePointer<S>, dKPast: UnsafeMutablePointer<S>,
                                      dVPast: UnsafeMutablePointer<S>, dK: UnsafeMutablePointer<S>?,
                                      dV: UnsafeMutablePointer<S>?) {
        let (d, dh, scale) = (width, headSize, S(scale))
        let blocks = self.blocks
        forEachPair { pair in
            let o = offset(pair), a = weights + pair * packedSize
            let scratch = UnsafeMutablePointer<S>.allocate(capacity: Swift.min(length, Self.rowBlock) * length)
            defer { scratch.deallocate() }
            for (i0, rows, blockOffset) in blocks {
                let columns = i0 + rows, ab = a + blockOffset, ds = scratch, t = columns  // t: leading dimension
                // dA = dO[block] · V_pᵀ, into the scratch block (laid out as the block of A)
                S.gemm(transA: false, transB: true, m: rows, n: columns, k: dh, alpha: 1, a: dO + o + i0 * d, lda: d,
                       b: x.vPast + o, ldb: d, beta: 0, c: ds, ldc: t)
                if x.myopic {  // the diagonal weight multiplied the live v_i
                    for r in 0..<rows {
                        let i = o + (i0 + r) * d
                        ds[r * t + i0 + r] += S.dotOfDifference(dO + i, x.v + i, x.vPast + i, count: dh)
                    }
                }
                // dV_p[0..<columns] += A[block]ᵀ · dO[block]
                S.gemm(transA: true, transB: false, m: columns, n: dh, k: rows, alpha: 1, a: ab, lda: t,
                       b: dO + o + i0 * d, ldb: d, beta: 1, c: dVPast + o, ldc: d)
                // dS (with the 1/√d_h folded in), in place of dA
                S.causalSoftmaxBackwardRows(ab, ds, ld: t, firstRow: i0, rows: rows, columns: columns, scale: scale)
                // dQ[block] = dS · K_p[0..<columns]
                S.gemm(transA: false, transB: false, m: rows, n: dh, k: columns, alpha: 1, a: ds, lda: t,
                       b: x.kPast + o, ldb: d, beta: 0, c: dQ + o + i0 * d, ldc: d)
                // dK_p[0..<columns] += dSᵀ · Q[block]
                S.gemm(transA: true, transB: false, m: columns, n: dh, k: rows, alpha: 1, a: ds, lda: t,
                       b: x.q + o + i0 * d, ldb: d, beta: 1, c: dKPast + o, ldc: d)
                guard x.myopic, let dK, let dV else { continue }
                for r in 0..<rows {
                    let i = o + (i0 + r) * d, dsii = ds[r * t + i0 + r], aii = ab[r * t + i0 + r]
                    S.axpyOfDifference(dsii, x.k + i, x.kPast + i, dQ + i, count: dh)  // the diagonal used live k_i
                    // The diagonal terms belong to the live k_i and v_i; everything else stays with k_p, v_p.
                    S.scaleKernel(x.q + i, by: dsii, dK + i, count: dh)
                    S.axpyKernel(-1, dK + i, dKPast + i, count: dh)
                    S.scaleKernel(dO + i, by: aii, dV + i, count: dh)
                    S.axpyKernel(-1, dV + i, dVPast + i, count: dh)
                }
            }
        }
    }
}

/// Runs the forward pass of attention on Tensors; returns O [B, T, d] and what the pullback needs: the row
/// statistics of the fused kernel (Float, FusedAttention.swift) or the packed weights A of the blocked path.
func attentionForward<S: AttentionScalar>(_ q: Tensor<S>, _ k: Tensor<S>, _ v: Tensor<S>, _ kPast: Tensor<S>,
                                          _ vPast: Tensor<S>, heads: Int, myopic: Bool,
                                          fused: Bool = AttentionGeometry.fused(S.self))
    -> (output: Tensor<S>, saved: [S], geometry: AttentionGeometry) {
    let g = AttentionGeometry(q.shape, heads: heads)
    for (name, x) in [("k", k), ("v", v), ("k_p", kPast), ("v_p", vPast)] {
        precondition(x.shape == q.shape, "attention: \(name) is \(x.shape), q is \(q.shape)")
    }
    g.countFLOPs(passes: 1)
    var saved = [S]()
    let output = uninitialised(q.count) { out in
        saved = uninitialised(fused ? g.statsSize : g.batch * g.heads * g.packedSize) { a in
            withOperands(q, k, v, kPast, vPast, myopic: myopic) { x in
                if fused { g.fusedForward(x, output: out, stats: a) } else { g.forward(x, output: out, weights: a) }
            }
        }
    }
    return (Tensor(shape: q.shape, scalars: output), saved, g)
}

func withOperands<S: AttentionScalar, R>(_ q: Tensor<S>, _ k: Tensor<S>, _ v: Tensor<S>, _ kPast: Tensor<S>,
                                         _ vPast: Tensor<S>, myopic: Bool, _ body: (AttentionOperands<S>) -> R) -> R {
    q.withUnsafeBufferPointer { pq in k.withUnsafeBufferPointer { pk in v.withUnsafeBufferPointer { pv in
        kPast.withUnsafeBufferPointer { pkp in vPast.withUnsafeBufferPointer { pvp in
            body(AttentionOperands(q: pq.baseAddress!, k: pk.baseAddress!, v: pv.baseAddress!,
                                   kPast: pkp.baseAddress!, vPast: pvp.baseAddress!, myopic: myopic))
        } }
    } } }
}

/// softmax(q kᵀ/√d_h + causal mask) v for every sequence and head: [B, T, d] × 3 → [B, T, d], d = heads · d_h.
@differentiable(reverse, wrt: (q, k, v))
public func causalAttention<S: AttentionScalar>(_ q: Tensor<S>, _ k: Tensor<S>, _ v: Tensor<S>, heads: Int) -> Tensor<S> {
    attentionForward(q, k, v, k, v, heads: heads, myopic: false).output
}

@derivative(of: causalAttention, wrt: (q, k, v))
public func _vjpCausalAttention<S: AttentionScalar>(_ q: Tensor<S>, _ k: Tensor<S>, _ v: Tensor<S>, heads: Int)
    -> (value: Tensor<S>, pullback: (Tensor<S>) -> (Tensor<S>, Tensor<S>, Tensor<S>)) {
    let (output, saved, g) = attentionForward(q, k, v, k, v, heads: heads, myopic: false)
    return (output, { dO in
        if dO.isSymbolicZero { return (.zero, .zero, .zero) }
        g.countFLOPs(passes: 2)
        var dK = Tensor<S>(zeros: q.shape), dV = Tensor<S>(zeros: q.shape)
        let dQ = uninitialised(q.count) { pdq in
            withOperands(q, k, v, k, v, myopic: false) { x in
                saved.withUnsafeBufferPointer { a in dO.withUnsafeBufferPointer { pdo in
                    dK.withUnsafeMutableBufferPointer { pdk in dV.withUnsafeMutableBufferPointer { pdv in
                        let (a, pdo, pdk, pdv) = (a.baseAddress!, pdo.baseAddress!, pdk.baseAddress!, pdv.baseAddress!)
                        if AttentionGeometry.fused(S.self) {  // the diagonal and the past go to the same k, v
                            g.fusedBackward(x, stats: a, dO: pdo, dQ: pdq, dK: pdk, dV: pdv, dKPast: pdk, dVPast: pdv)
                        } else {
                            g.backward(x, weights: a, dO: pdo, dQ: pdq, dKPast: pdk, dVPast: pdv, dK: nil, dV: nil)
                        }
                    } }
                } }
            }
        }
        return (Tensor(shape: q.shape, scalars: dQ), dK, dV)
    })
}

/// Myopic attention (paper 002 §2.2): the same output as `causalAttention(q, k, v, heads:)` when k_p = k and
/// v_p = v, but other positions' keys and values are read from `pastKeys`/`pastValues` and only position i's own
/// key and value (the diagonal) from k, v. Gradients are split accordingly.
@differentiable(reverse, wrt: (q, k, v, pastKeys, pastValues))
public func causalAttention<S: AttentionScalar>(_ q: Tensor<S>, _ k: Tensor<S>, _ v: Tensor<S>,
                                                pastKeys: Tensor<S>, pastValues: Tensor<S>, heads: Int) -> Tensor<S> {
    attentionForward(q, k, v, pastKeys, pastValues, heads: heads, myopic: true).output
}

@derivative(of: causalAttention(_:_:_:pastKeys:pastValues:heads:), wrt: (q, k, v, pastKeys, pastValues))
public func _vjpMyopicCausalAttention<S: AttentionScalar>(_ q: Tensor<S>, _ k: Tensor<S>, _ v: Tensor<S>,
                                                          pastKeys: Tensor<S>, pastValues: Tensor<S>, heads: Int)
    -> (value: Tensor<S>, pullback: (Tensor<S>) -> (Tensor<S>, Tensor<S>, Tensor<S>, Tensor<S>, Tensor<S>)) {
    let (output, saved, g) = attentionForward(q, k, v, pastKeys, pastValues, heads: heads, myopic: true)
    return (output, { dO in
        if dO.isSymbolicZero { return (.zero, .zero, .zero, .zero, .zero) }
        g.countFLOPs(passes: 2)
        var dKPast = Tensor<S>(zeros: q.shape), dVPast = Tensor<S>(zeros: q.shape)
        var dK = Tensor<S>(zeros: q.shape), dV = Tensor<S>(zeros: q.shape)
        let dQ = uninitialised(q.count) { pdq in
            withOperands(q, k, v, pastKeys, pastValues, myopic: true) { x in
                saved.withUnsafeBufferPointer { a in dO.withUnsafeBufferPointer { pdo in
                    dKPast.withUnsafeMutableBufferPointer { pdkp in dVPast.withUnsafeMutableBufferPointer { pdvp in
                        dK.withUnsafeMutableBufferPointer { pdk in dV.withUnsafeMutableBufferPointer { pdv in
                            let (a, pdo, pdkp, pdvp) = (a.baseAddress!, pdo.baseAddress!, pdkp.baseAddress!,
                                                        pdvp.baseAddress!)
                            let (pdk, pdv) = (pdk.baseAddress!, pdv.baseAddress!)
                            if AttentionGeometry.fused(S.self) {
                                g.fusedBackward(x, stats: a, dO: pdo, dQ: pdq, dK: pdk, dV: pdv, dKPast: pdkp,
                                                dVPast: pdvp)
                            } else {
                                g.backward(x, weights: a, dO: pdo, dQ: pdq, dKPast: pdkp, dVPast: pdvp, dK: pdk, dV: pdv)
                            }
                        } }
                    } }
                } }
            }
        }
        return (Tensor(shape: q.shape, scalars: dQ), dK, dV, dKPast, dVPast)
    })
}

/// The attention weights A for analysis: [B, H, T, T], row i a probability distribution over keys j ≤ i (zeros
/// above the diagonal). Not differentiable.
public func causalAttentionWeights<S: AttentionScalar>(_ q: Tensor<S>, _ k: Tensor<S>, heads: Int) -> Tensor<S> {
    let (_, raw, g) = attentionForward(q, k, k, k, k, heads: heads, myopic: false, fused: false)
    let t = g.length
    var a = Tensor<S>(zeros: [g.batch, g.heads, t, t])
    a.withUnsafeMutableBufferPointer { pa in
        raw.withUnsafeBufferPointer { pr in
            for pair in 0..<(g.batch * g.heads) {
                for (first, rows, offset) in g.blocks {
                    for r in 0..<rows {  // row i = first + r keeps columns 0...i
                        let i = first + r
                        S.scaleKernel(pr.baseAddress! + pair * g.packedSize + offset + r * (first + rows), by: 1,
                                      pa.baseAddress! + (pair * t + i) * t, count: i + 1)
                    }
                }
            }
        }
    }
    return a
}
