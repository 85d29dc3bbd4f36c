import _Differentiation
import LinearAlgebra

// Matrix products on tensors: every FLOP of a dense layer or an attention score goes through BLAS gemm here.
//
// Shapes (op(X) is X or Xᵀ, chosen by `transposed:`; transposes are handed to BLAS, never copied):
//   [M, K]    × [K, N]    → [M, N]
//   [B, M, K] × [K, N]    → [B, M, N]   one weight shared by the batch (a dense layer on a sequence)
//   [B, M, K] × [B, K, N] → [B, M, N]   one product per batch element (attention scores)
//   [M, K]    × [B, K, N] → [B, M, N]
// A shared [K, N] weight under a non-transposed [B, M, K] input is folded into one [B·M, K] × [K, N] gemm,
// which is much faster than B small ones.

/// C_i ← op(A_i)·op(B_i) + β·C_i for i in 0..<batch. A stride of 0 means "the same matrix for every i";
/// a C with stride 0 therefore *accumulates* the sum over the batch, which is exactly the gradient of a shared
/// weight.
func batchedGemm<S: TensorScalar>(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                  a: UnsafePointer<S>, strideA: Int, lda: Int,
                                  b: UnsafePointer<S>, strideB: Int, ldb: Int,
                                  c: UnsafeMutablePointer<S>, strideC: Int, ldc: Int,
                                  batch: Int, beta: S) {
    for i in 0..<batch {
        let betaI: S = (strideC == 0 && i > 0) ? 1 : beta
        S.gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 1,
               a: a + i * strideA, lda: lda, b: b + i * strideB, ldb: ldb,
               beta: betaI, c: c + i * strideC, ldc: ldc)
    }
}

/// The sizes of one matmul call, worked out once for the forward pass and reused by the pullback.
struct MatMulPlan {
    var batch: Int, m: Int, n: Int, k: Int
    var strideA: Int, strideB: Int
    var lda: Int, ldb: Int
    var outShape: [Int]

    init(_ a: [Int], _ ta: Bool, _ b: [Int], _ tb: Bool) {
        precondition((2...3).contains(a.count) && (2...3).contains(b.count),
                     "matmul: operands must be rank 2 or 3, got \(a) and \(b)")
        let (ar, ac) = (a[a.count - 2], a[a.count - 1]), (br, bc) = (b[b.count - 2], b[b.count - 1])
        m = ta ? ac : ar; k = ta ? ar : ac
        let kb = tb ? bc : br
        n = tb ? br : bc
        precondition(k == kb, "matmul: inner dimensions differ: \(a)\(ta ? "ᵀ" : "") × \(b)\(tb ? "ᵀ" : "")")
        let batchA = a.count == 3 ? a[0] : nil, batchB = b.count == 3 ? b[0] : nil
        if let x = batchA, let y = batchB { precondition(x == y, "matmul: batch sizes differ: \(a) × \(b)") }
        lda = ac; ldb = bc
        strideA = batchA == nil ? 0 : ar * ac
        strideB = batchB == nil ? 0 : br * bc
        batch = batchA ?? batchB ?? 1
        let (rowsOut, colsOut) = (m, n)
        outShape = (batchA ?? batchB).map { [$0, rowsOut, colsOut] } ?? [rowsOut, colsOut]
        if batchA != nil && batchB == nil && !ta {
            // Fold the batch into the rows of A: [B, M, K] is already a row-major [B·M, K] matrix.
            m *= batch; batch = 1; strideA = 0
        }
    }
}

/// op(a) · op(b), batched over a leading axis when either operand has rank 3 (see the table above).
@differentiable(reverse, wrt: (a, b))
public func matmul<S>(_ a: Tensor<S>, transposed ta: Bool = false, _ b: Tensor<S>, transposed tb: Bool = false) -> Tensor<S> {
    let p = MatMulPlan(a.shape, ta, b.shape, tb)
    // With k == 0 a BLAS may return without writing C, so C starts as zeros; otherwise gemm with β = 0 writes
    // every entry and zeroing first would be a wasted pass over the output.
    if p.k == 0 || p.outShape.contains(0) { return Tensor<S>(zeros: p.outShape) }
    return Tensor.make(p.outShape) { pc in
        a.withBase { pa in b.withBase { pb in
            batchedGemm(transA: ta, transB: tb, m: p.m, n: p.n, k: p.k, a: pa, strideA: p.strideA, lda: p.lda,
                        b: pb, strideB: p.strideB, ldb: p.ldb, c: pc, strideC: p.m * p.n, ldc: p.n,
                        batch: p.batch, beta: 0)
        } }
    }
}

/// x·W + b over the last axis of x: a dense layer's forward pass. The bias is added in place into the product,
/// saving the separate output tensor (and a pass over memory) that `matmul(x, w) + b` would make; the numbers
/// are the same bit for bit, because each entry is still the finished product plus its bias.
@differentiable(reverse, wrt: (x, w, b))
public func affine<S>(_ x: Tensor<S>, _ w: Tensor<S>, _ b: Tensor<S>) -> Tensor<S> {
    _vjpAffine(x, w, b).value
}

@derivative(of: affine, wrt: (x, w, b))
public func _vjpAffine<S>(_ x: Tensor<S>, _ w: Tensor<S>, _ b: Tensor<S>)
    -> (value: Tensor<S>, pullback: (Tensor<S>) -> (Tensor<S>, Tensor<S>, Tensor<S>)) {
    let (product, productPullback) = valueWithPullback(at: x, w) { matmul($0, $1) }
    precondition(b.shape == [product.shape.last ?? 0], "affine: bias \(b.shape) for output \(product.shape)")
    var y = product
    let layout = BroadcastLayout(output: y.shape, a: y.shape, b: b.shape)
    y.scalars.withUnsafeMutableBufferPointer { py in
        b.withBase { pb in
            guard let out = py.baseAddress, !layout.shape.contains(0) else { return }
            Tensor<S>.broadcastKernel(.add, out, pb, out, layout)
        }
    }
    let biasShape = b.shape
    return (y, { v in
        if v.isSymbolicZero { return (.zero, .zero, .zero) }
        let (dx, dw) = productPullback(v)
        return (dx, dw, v.summed(toShape: biasShape))
    })
}

@derivative(of: matmul, wrt: (a, b))
public func _vjpMatmul<S>(_ a: Tensor<S>, transposed ta: Bool = false, _ b: Tensor<S>, transposed tb: Bool = false)
    -> (value: Tensor<S>, pullback: (Tensor<S>) -> (Tensor<S>, Tensor<S>)) {
    let p = MatMulPlan(a.shape, ta, b.shape, tb)
    let c = matmul(a, transposed: ta, b, transposed: tb)
    return (c, { v in
        if v.isSymbolicZero { return (.zero, .zero) }
        // Zeros only where a gemm may not write: with an empty product (m·n = 0 leaves k-sized gradients zero).
        if v.count == 0 || p.k == 0 { return (Tensor<S>(zeros: a.shape), Tensor<S>(zeros: b.shape)) }
        var da = Tensor<S>(uninitialised: a.shape), db = Tensor<S>(uninitialised: b.shape)
        let strideC = p.m * p.n
        // A shared operand (stride 0) gets a gradient with stride 0: batchedGemm then sums it over the batch.
        v.withBase { pv in a.withBase { pa in b.withBase { pb in
            da.scalars.withUnsafeMutableBufferPointer { pda in
                if pda.isEmpty { return }
                if !ta {  // dA = dC · op(B)ᵀ                     (m × k)
                    batchedGemm(transA: false, transB: !tb, m: p.m, n: p.k, k: p.n, a: pv, strideA: strideC, lda: p.n,
                                b: pb, strideB: p.strideB, ldb: p.ldb, c: pda.baseAddress!, strideC: p.strideA,
                                ldc: p.lda, batch: p.batch, beta: 0)
                } else {  // dA stored as [K, M] = op(B) · dCᵀ    (k × m)
                    batchedGemm(transA: tb, transB: true, m: p.k, n: p.m, k: p.n, a: pb, strideA: p.strideB, lda: p.ldb,
                                b: pv, strideB: strideC, ldb: p.n, c: pda.baseAddress!, strideC: p.strideA,
                                ldc: p.lda, batch: p.batch, beta: 0)
                }
            }
            db.scalars.withUnsafeMutableBufferPointer { pdb in
                if pdb.isEmpty { return }
                if !tb {  // dB = op(A)ᵀ · dC                     (k × n)
                    batchedGemm(transA: !ta, transB: false, m: p.k, n: p.n, k: p.m, a: pa, strideA: p.strideA, lda: p.lda,
                                b: pv, strideB: strideC, ldb: p.n, c: pdb.baseAddress!, strideC: p.strideB,
                                ldc: p.ldb, batch: p.batch, beta: 0)
                } else {  // dB stored as [N, K] = dCᵀ · op(A)    (n × k)
                    batchedGemm(transA: true, transB: ta, m: p.n, n: p.k, k: p.m, a: pv, strideA: strideC, lda: p.n,
                                b: pa, strideB: p.strideA, ldb: p.lda, c: pdb.baseAddress!, strideC: p.strideB,
                                ldc: p.ldb, batch: p.batch, beta: 0)
                }
            }
        } } }
        return (da, db)
    })
}
