import Learning
import LinearAlgebra
import _Differentiation

/// One pre-LN transformer block (GPT-2): x ← x + Attention(LN₁(x)); x ← x + MLP(LN₂(x)), MLP d → 4d → d (GELU).
///
/// "Pre-LN": each sublayer reads a normalised copy of the residual stream x and *adds* its result to x, so x
/// itself is never normalised and gradients reach early layers through the additions unchanged.
public struct GPTBlock<Scalar: AttentionScalar>: Trainable {
    public var norm1: LayerNorm<Scalar>
    public var attention: CausalSelfAttention<Scalar>
    public var norm2: LayerNorm<Scalar>
    public var mlp: MLP<Scalar>

    public init(width d: Int, heads: Int, myopic: Bool = false, selfOnly: Bool = false, rng: inout SeededRNG) {
        norm1 = LayerNorm(size: d)
        attention = CausalSelfAttention(width: d, heads: heads, myopic: myopic, selfOnly: selfOnly, rng: &rng)
        norm2 = LayerNorm(size: d)
        mlp = MLP(inputSize: d, hiddenSize: 4 * d, outputSize: d, activation: .gelu, rng: &rng)
    }

    @differentiable(reverse)
    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        let r = x + attention(norm1(x))
        return r + mlp(norm2(r))
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visitChild("norm1", &norm1, visit)
        visitChild("attention", &attention, visit)
        visitChild("norm2", &norm2, visit)
        visitChild("mlp", &mlp, visit)
    }

    /// The gradient (see Learning's `Dense.TangentVector` for why it is written out).
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var norm1: LayerNorm<Scalar>.TangentVector
        public var attention: CausalSelfAttention<Scalar>.TangentVector
        public var norm2: LayerNorm<Scalar>.TangentVector
        public var mlp: MLP<Scalar>.TangentVector

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visitChild("norm1", &norm1, visit)
            visitChild("attention", &attention, visit)
            visitChild("norm2", &norm2, visit)
            visitChild("mlp", &mlp, visit)
        }
    }

    public mutating func move(by offset: TangentVector) {
        norm1.move(by: offset.norm1)
        attention.move(by: offset.attention)
        norm2.move(by: offset.norm2)
        mlp.move(by: offset.mlp)
    }
}

/// A small GPT for token sequences (chapter 7, paper 002's experiments):
///
///     x⁰_t = E[id_t] + P[t]                token embedding (V × d) plus learned positions (maxLength × d)
///     xˡ   = Blockˡ(xˡ⁻¹),  l = 1…L          pre-LN blocks (`GPTBlock`)
///     logits_t = W_head LN_f(xᴸ_t) + b      d → V
///
/// Token ids come as a flat `[Int]` with a shape [B, T], as for Learning's `Embedding`; the logits are [B, T, V],
/// ready for `crossEntropy(logits:targets:)`. The residual streams x⁰ … xᴸ are what probes read
/// (`residualStreams`). Embeddings are N(0, 1) (PyTorch's nn.Embedding default), linear layers PyTorch's
/// default uniform ±1/√fan-in.
public struct GPT<Scalar: AttentionScalar>: Trainable {
    public var tokens: Embedding<Scalar>
    public var positions: PositionEmbedding<Scalar>
    public var blocks: [GPTBlock<Scalar>]
    public var finalNorm: LayerNorm<Scalar>
    public var head: Dense<Scalar>

    /// V = `vocabularySize`, d = `width`, L = `layers`, H = `heads`, context up to `maxLength` tokens.
    /// Draw order: token embedding, positions, blocks in order, head.
    public init(vocabularySize v: Int, width d: Int = 128, layers: Int = 2, heads: Int = 4, maxLength: Int = 64,
                myopic: Bool = false, selfOnly: Bool = false, rng: inout SeededRNG) {
        tokens = Embedding(vocabularySize: v, size: d, rng: &rng)
        positions = PositionEmbedding(.learned, maxLength: maxLength, width: d, rng: &rng)
        blocks = []
        for _ in 0..<layers {
            blocks.append(GPTBlock(width: d, heads: heads, myopic: myopic, selfOnly: selfOnly, rng: &rng))
        }
        finalNorm = LayerNorm(size: d)
        head = Dense(inputSize: d, outputSize: v, rng: &rng)
    }

    /// Myopic training (paper 002): true when every layer's attention is myopic; setting it sets every layer.
    /// Individual layers can be switched through `blocks[l].attention.myopic`.
    public var myopic: Bool {
        get { blocks.allSatisfy { $0.attention.myopic } }
        set { for l in blocks.indices { blocks[l].attention.myopic = newValue } }
    }

    /// Self-only attention in every layer (see `CausalSelfAttention`): the "transformer bigram" baseline, which
    /// predicts from the current token (and its position) alone. Same parameters, same draws.
    public var selfOnly: Bool {
        get { blocks.allSatisfy { $0.attention.selfOnly } }
        set { for l in blocks.indices { blocks[l].attention.selfOnly = newValue } }
    }

    /// x⁰ = E[ids] + P, [B, T, d].
    @differentiable(reverse, wrt: self)
    func embed(_ ids: [Int], shape: [Int]) -> Tensor<Scalar> {
        precondition(shape.count == 2 && shape[0] * shape[1] == ids.count, "GPT: ids shape \(shape) for \(ids.count) ids")
        return positions(tokens(ids, shape: shape))
    }

    /// Logits [B, T, V] for token ids of shape [B, T].
    @differentiable(reverse, wrt: self)
    public func callAsFunction(_ ids: [Int], shape: [Int]) -> Tensor<Scalar> {
        var x = embed(ids, shape: shape)
        for l in withoutDerivative(at: blocks.indices) { x = blocks[l](x) }
        return head(finalNorm(x))
    }

    /// The residual streams [x⁰, x¹, …, xᴸ], each [B, T, d]: x⁰ the embeddings, xˡ the output of block l.
    public func residualStreams(_ ids: [Int], shape: [Int]) -> [Tensor<Scalar>] {
        var streams = [embed(ids, shape: shape)]
        for block in blocks { streams.append(block(streams.last!)) }
        return streams
    }

    /// Trained scalars: Vd + maxLength·d + L(12d² + 13d) + 2d + dV + V.
    /// Per block: 2d + (4d² + 4d) + 2d + (4d² + 4d + 4d² + d) = 12d² + 13d.
    public static func parameterCount(vocabularySize v: Int, width d: Int, layers: Int, maxLength: Int) -> Int {
        v * d + maxLength * d + layers * (12 * d * d + 13 * d) + 2 * d + d * v + v
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visitChild("tokens", &tokens, visit)
        visitChild("positions", &positions, visit)
        for l in blocks.indices { visitChild("blocks.\(l)", &blocks[l], visit) }
        visitChild("finalNorm", &finalNorm, visit)
        visitChild("head", &head, visit)
    }

    /// The gradient (see Learning's `Dense.TangentVector` for why it is written out).
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var tokens: Embedding<Scalar>.TangentVector
        public var positions: PositionEmbedding<Scalar>.TangentVector
        public var blocks: Array<GPTBlock<Scalar>>.TangentVector
        public var finalNorm: LayerNorm<Scalar>.TangentVector
        public var head: Dense<Scalar>.TangentVector

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visitChild("tokens", &tokens, visit)
            visitChild("positions", &positions, visit)
            // An array's gradient is empty when no gradient reached it (see Learning's MLP).
            for l in blocks.base.indices { visitChild("blocks.\(l)", &blocks.base[l], visit) }
            visitChild("finalNorm", &finalNorm, visit)
            visitChild("head", &head, visit)
        }
    }

    public mutating func move(by offset: TangentVector) {
        tokens.move(by: offset.tokens)
        positions.move(by: offset.positions)
        blocks.move(by: offset.blocks)
        finalNorm.move(by: offset.finalNorm)
        head.move(by: offset.head)
    }
}
