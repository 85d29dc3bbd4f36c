#ifndef T2T_CKERNELS_H
#define T2T_CKERNELS_H
// Float kernels written in C so that they can be compiled several times for different x86 vector extensions
// (SSE2, AVX2, AVX-512) and picked at run time: Swift compiles the whole package for one baseline CPU, and on
// x86-64 that baseline is SSE2, four lanes wide. See variants.h for how, and docs/decisions.md (32) for why.
//
// The elementwise kernels (softmax, GELU, layer norm, AdamW) compute the same bits in every variant: the vectors are
// 16 lanes wide in all of them (an SSE2 machine runs four 4-lane instructions where AVX-512 runs one), sums over
// lanes are reduced in one fixed order, and no multiply–add is fused (FP_CONTRACT OFF). The matrix products and
// attention use fused multiply–adds, which SSE2 lacks: there the SSE2 level takes other paths (OpenBLAS, or FMA
// in software), so results differ between machines in the last bits. The tests hold every variant to a plain
// reference within Float accuracy (docs/decisions.md, 32 and 35).

/// The vector extension the kernels use: 4 (AVX-512), 3 (AVX2) or 1 (baseline). Decided once from the CPU, or
/// from the environment variable T2T_SIMD (exactly 1, 3 or 4; lower only). Swift's ComputeConfiguration owns the
/// choice and sets it with t2t_set_simd_level.
int t2t_simd_level(void);

/// Forces a level (clamped to what the CPU supports) and returns the level now in use; 0 restores detection.
int t2t_set_simd_level(int level);

/// The best level this CPU supports, whatever is forced.
int t2t_detected_simd_level(void);

/// Forces a level for the calling thread only (and the pool workers that help it in t2t_parallel_for); 0 returns
/// it to the process's level. Returns the level now in use on this thread.
int t2t_set_thread_simd_level(int level);
/// The calling thread's own forced level, 0 if none.
int t2t_thread_simd_level(void);

// ---- Fused causal attention (attention.c) -------------------------------------------------------------------
// q, k, v and the "past" kp, vp are [B, T, width] row-major, width = heads · head_size; head h of sequence b is
// the column block h·head_size ..< (h+1)·head_size of rows b·T ..< (b+1)·T. The kernels handle the (b, h) pairs
// pair_begin ..< pair_end (pair = b·heads + h), so callers can split pairs over threads.
//
// Ordinary attention (myopic = 0, kp = k, vp = v): s_ij = scale · q_i·k_j for j ≤ i, a = softmax(s),
// o_i = Σ_j a_ij v_j. Myopic attention (myopic = 1; SequenceModels' CausalAttention.swift explains it) reads
// every key and value from kp, vp except the diagonal one, which is corrected to the live k_i, v_i by adding
// scale · q_i·(k_i − kp_i) to s_ii and a_ii (v_i − vp_i) to o_i: both exactly 0 when the numbers agree, so
// the two forward passes give the same bits. `stats` keeps two floats per row and pair (the row maximum m_i and
// 1/Σ_j exp(s_ij − m_i)), all the backward pass needs to recompute a.

void t2t_attention_forward(const float *q, const float *k, const float *v, const float *kp, const float *vp,
                           float *out, float *stats, long batch, long length, long width, long heads, float scale,
                           int myopic, long pair_begin, long pair_end);

/// Gradients: dq is overwritten; all terms are *added* into dkp, dvp (which callers zero first). Myopic only:
/// the diagonal terms are then moved from dkp, dvp to dk, dv (also zeroed by the caller). For ordinary
/// attention dk, dv are not used (pass dkp, dvp).
void t2t_attention_backward(const float *q, const float *k, const float *v, const float *kp, const float *vp,
                            const float *stats, const float *dout, float *dq, float *dk, float *dv, float *dkp,
                            float *dvp, long batch, long length, long width, long heads, float scale, int myopic,
                            long pair_begin, long pair_end);

// ---- Causal softmax of attention scores (softmax.c) ----------------------------------------------------------
// The two loops of SequenceModels' attention core that touch every one of the T²/2 scores (AttentionScalar.swift
// documents the layout): a block of `rows` rows starting at query position first_row, rows `ld` floats apart,
// `columns` valid columns. They compute bit for bit what Float's Swift kernels (`referenceCausalSoftmaxRows`,
// `referenceCausalSoftmaxBackwardRows`) compute, at 16 lanes instead of 4.

/// In place: s_ij ← softmax_j(scale · s_ij) over j ≤ i, and 0 for i < j < columns.
void t2t_causal_softmax_rows(float *s, long ld, long first_row, long rows, long columns, float scale);

/// In place: dA_ij ← scale · A_ij (dA_ij − Σ_k dA_ik A_ik) over j ≤ i, and 0 for i < j < columns.
void t2t_causal_softmax_backward_rows(const float *a, float *da, long ld, long first_row, long rows, long columns,
                                      float scale);

// ---- Elementwise (elementwise.c) -------------------------------------------------------------------------------
// GELU with the tanh approximation, ½x(1 + tanh(√(2/π)(x + 0.044715x³))), and its derivative times dy: bit for bit
// Learning's Swift kernels for Float (Activations.swift, FastTanh.swift), at the width of the machine.

void t2t_gelu_forward(const float *x, float *y, long count);
void t2t_gelu_backward(const float *x, const float *dy, float *dx, long count);

// Layer norm over rows of `cols` scalars: bit for bit Learning's Swift kernels for Float (LayerNormalization.swift),
// which document the arithmetic. `scratch` holds 32 · cols floats (two transposed groups of 16 rows).
void t2t_layer_norm_forward(const float *x, const float *gain, const float *bias, float *y, float *mean, float *rstd,
                            long rows, long cols, float epsilon, float *scratch);
void t2t_layer_norm_backward(const float *x, const float *gain, const float *mean, const float *rstd, const float *dy,
                             float *dx, long rows, long cols, float *scratch);
/// dgain += Σ_rows dy ⊙ x̂ and dbias += Σ_rows dy, rows in order.
void t2t_layer_norm_parameter_gradients(const float *x, const float *mean, const float *rstd, const float *dy,
                                        float *dgain, float *dbias, long rows, long cols);

/// One AdamW step over `count` parameters, bit for bit Learning's Swift loop for Float (AdamW.swift).
void t2t_adamw(float *p, const float *g, float *m, float *v, long count, float decay, float b1, float b2, float eps,
               float step_size, float root_c2);

// ---- Matrix products with a small inner dimension (gemm.c) -------------------------------------------------------
// C = A·op(B), A row-major (rows × k, leading dimension lda), op(B) k × n (B row-major, transposed if trans_b).
// Every entry is one chain of fused multiply–adds over k in order, computed by one thread. Meant for k ≤ 1024 and
// machines with hardware FMA (t2t_simd_level() ≥ 3); LinearAlgebra's Float gemm decides.

/// Floats needed to pack op(B).
long t2t_sgemm_packed_size(long k, long n);
void t2t_sgemm_pack(const float *b, long ldb, int trans_b, long k, long n, float *packed);
/// Rows row_begin ..< row_end of C = A·op(B) or, if `accumulate`, C + A·op(B) (callers split rows over threads;
/// each entry is computed by one thread).
void t2t_sgemm_rows(const float *a, long lda, const float *packed, long k, long n, float *c, long ldc,
                    long row_begin, long row_end, int accumulate);

/// How many blocks k is cut into: blocks of 512 rows, the last one shorter (a fixed cut, whatever the threads).
long t2t_sgemm_tn_blocks(long k);
/// For each block q = block_begin ..< block_end of k (rows 512·q ..< min(512·(q + 1), k)): the block's part of
/// C = Aᵀ·B, one chain of fused multiply–adds from zero per entry, into out + (q − block_begin)·m·n (dense
/// m × n). A is k × m (lda), B k × n (ldb). Blocks are independent, so callers split them over threads.
void t2t_sgemm_tn_block_sums(const float *a, long lda, const float *b, long ldb, long k, long m, long n,
                             long block_begin, long block_end, float *out);
/// C = ((0 + block 0) + block 1) + …, the blocks' sums added in order.
void t2t_sgemm_tn_add_blocks(const float *sums, long blocks, long m, long n, float *c, long ldc);

/// One chunk of a parallel loop: fn(ctx, chunk).
typedef void (*t2t_chunk_fn)(void *ctx, long chunk);
/// Runs fn(ctx, c) for c = 0 ..< chunks on the calling thread and up to t2t_pool_threads − 1 pool workers
/// (pool.c), each taking the next chunk when it is free, and returns when all are done. Nested calls, and calls
/// while another thread uses the pool, run serially.
void t2t_parallel_for(long chunks, t2t_chunk_fn fn, void *ctx);
/// Threads t2t_parallel_for uses, the caller included (KernelThreads.count sets it).
extern long t2t_pool_threads;

#endif
