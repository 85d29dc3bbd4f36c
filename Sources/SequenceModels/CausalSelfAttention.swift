import Learning
import LinearAlgebra
import _Differentiation

/// Multi-head causal self-attention on a sequence h of shape [B, T, d]:
///
///     q_t = W_Q h_t + b_Q,   k_t = W_K h_t + b_K,   v_t = W_V h_t + b_V      (then RoPE on q, k if `rotary`)
///     o_t = concat over heads of Σ_{j ≤ t} A_tj v_j,   A = softmax(q kᵀ/√d_h + causal mask) per head
///     y_t = W_O o_t + b_O
///
/// with H = `heads` heads of size d_h = d/H, each attending with its own slice of q, k, v. The core (scores, mask,
/// softmax, weighted sum) is one fused primitive with its own pullback: CausalAttention.swift.
///
/// Why this is a delay embedding too: o_t is a data-dependent weighted sum of (projected) past inputs v_j, where
/// an LRU's state is a *fixed* exponentially weighted sum. Each head can learn to pick out a lag t − j (with
/// positions telling it which j is which), so H heads can assemble a delay vector [x_t, x_{t−τ₁}, …] directly.
///
/// ## The myopic switch (paper 002, Wu et al. 2024, §2.2)
///
/// Write ℓ_i for the loss at position i. In an ordinary ("vanilla") transformer, ℓ_i sends gradient into every
/// past position j < i through the keys and values k_j, v_j it attends to, so the computation at position j is
/// trained to help *future* positions too ("pre-caching"). A `myopic` layer removes exactly those terms:
///
///     k_j, v_j  computed from h              (live)      used on the diagonal j = i
///     k_p,j, v_p,j  from withoutDerivative(h)  (past)      used for the other positions j < i
///     S_ij = q_i·k_p,j (j < i),  S_ii = q_i·k_i,   o_i = Σ_{j<i} A_ij v_p,j + A_ii v_i
///
/// Forward values are unchanged (k_p = k, v_p = v as numbers), but the loss at i no longer reaches the input
/// h_j of any past position j < i through this layer. The weights W_K, W_V still learn from the past terms,
/// because k_p = W_K·h_p still depends on W_K: "the K/V projections applied to the past count as part of
/// position i's computation". The diagonal term (position i attending to itself) stays fully live.
///
/// ## Self-only attention (a baseline for paper 002)
///
/// With `selfOnly`, every position attends to itself alone: A = I, so o_i = v_i and y_i = W_O(W_V h_i + b_V) + b_O.
/// The layer then mixes nothing over time, and a GPT built of such layers predicts the next token from the
/// current one only: paper 002's "transformer bigram". Queries and keys are unused (they get no gradient).
public struct CausalSelfAttention<Scalar: AttentionScalar>: Trainable {
    /// W_Q, W_K, W_V, W_O as d × d Dense layers (weights stored [in, out], as every Dense here).
    public var query: Dense<Scalar>
    public var key: Dense<Scalar>
    public var value: Dense<Scalar>
    public var output: Dense<Scalar>
    /// H, the number of heads.
    @noDerivative public var heads: Int
    /// Apply rotary position embeddings to q and k.
    @noDerivative public var rotary: Bool
    /// Paper 002's myopic gradient (see the type's documentation). Changes only the backward pass.
    @noDerivative public var myopic: Bool
    /// Attend to the own position only (see the type's documentation); overrides `myopic`.
    @noDerivative public var selfOnly: Bool

    /// d = `width`, H = `heads` (d must be divisible by H; with `rotary`, d/H must be even). The four projections
    /// get PyTorch's Linear initialisation, uniform in ±1/√d. Draw order: query, key, value, output.
    public init(width d: Int, heads: Int, rotary: Bool = false, myopic: Bool = false, selfOnly: Bool = false,
                rng: inout SeededRNG) {
        precondition(heads > 0 && d % heads == 0, "CausalSelfAttention: width \(d) not divisible by \(heads) heads")
        precondition(!rotary || (d / heads) % 2 == 0, "CausalSelfAttention: rotary needs an even head size, got \(d / heads)")
        query = Dense(inputSize: d, outputSize: d, rng: &rng)
        key = Dense(inputSize: d, outputSize: d, rng: &rng)
        value = Dense(inputSize: d, outputSize: d, rng: &rng)
        output = Dense(inputSize: d, outputSize: d, rng: &rng)
        self.heads = heads
        self.rotary = rotary
        self.myopic = myopic
        self.selfOnly = selfOnly
    }

    /// d, the model width.
    public var width: Int { query.weight.shape[0] }

    /// RoPE when enabled, else the identity.
    @differentiable(reverse)
    func positioned(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        rotary ? rotaryEmbedding(x, heads: heads) : x
    }

    /// [B, T, d] → [B, T, d].
    @differentiable(reverse)
    public func callAsFunction(_ h: Tensor<Scalar>) -> Tensor<Scalar> {
        if selfOnly { return output(value(h)) }  // A = I: each position's own value
        let q = positioned(query(h)), k = positioned(key(h)), v = value(h)
        if !myopic {
            return output(causalAttention(q, k, v, heads: heads))
        }
        // Myopic: the past positions see h only as a constant. Same weights, so W_K and W_V still get gradient.
        let hPast = withoutDerivative(at: h)
        let kPast = positioned(key(hPast)), vPast = value(hPast)
        return output(causalAttention(q, k, v, pastKeys: kPast, pastValues: vPast, heads: heads))
    }

    /// The attention weights for analysis: [B, H, T, T], row t of head h is the distribution over keys j ≤ t.
    public func attentionWeights(_ h: Tensor<Scalar>) -> Tensor<Scalar> {
        if selfOnly { return selfOnlyWeights(h.shape) }
        return causalAttentionWeights(positioned(query(h)), positioned(key(h)), heads: heads)
    }

    /// [B, H, T, T] identity matrices: the weights of self-only attention.
    func selfOnlyWeights(_ shape: [Int]) -> Tensor<Scalar> {
        let (b, t) = (shape[0], shape[1])
        var a = [Scalar](repeating: 0, count: b * heads * t * t)
        for m in 0..<(b * heads) { for i in 0..<t { a[(m * t + i) * t + i] = 1 } }
        return Tensor(shape: [b, heads, t, t], scalars: a)
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visitChild("query", &query, visit)
        visitChild("key", &key, visit)
        visitChild("value", &value, visit)
        visitChild("output", &output, visit)
    }

    /// The gradient (see Learning's `Dense.TangentVector` for why it is written out).
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var query: Dense<Scalar>.TangentVector
        public var key: Dense<Scalar>.TangentVector
        public var value: Dense<Scalar>.TangentVector
        public var output: Dense<Scalar>.TangentVector

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visitChild("query", &query, visit)
            visitChild("key", &key, visit)
            visitChild("value", &value, visit)
            visitChild("output", &output, visit)
        }
    }

    public mutating func move(by offset: TangentVector) {
        query.move(by: offset.query)
        key.move(by: offset.key)
        value.move(by: offset.value)
        output.move(by: offset.output)
    }
}
