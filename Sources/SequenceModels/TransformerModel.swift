import Learning
import LinearAlgebra
import _Differentiation

/// Paper 000's transformer ("GPT" in its code, §2.1): ONE attention layer between an input encoder and an MLP
/// readout, for next-step prediction of a scalar series. Compare `LRUModel`: the same frame, attention instead of
/// the LRU.
///
///     e_t = W_in x_t + b (+ p_t)          Dense(1→d), plus learned or sinusoidal positions if enabled
///     h0  = LN₁(e)
///     r   = h0 + Attention(h0)            the residual adds to the *normalised* input, as in paper 000's code
///     z   = LN₂(r)
///     ŷ_t = MLP(z_t)                      d → m → 1, GELU
///
/// There is no MLP inside the block, no dropout, and the scores use the standard 1/√d_h. The hidden state the
/// paper's embedding metrics analyse is r (its `attn_out`): see `hiddenStates(_:)`.
public struct TransformerModel<Scalar: AttentionScalar>: Trainable {
    public var encoder: Dense<Scalar>
    public var positions: PositionEmbedding<Scalar>
    public var inputNorm: LayerNorm<Scalar>
    public var attention: CausalSelfAttention<Scalar>
    public var outputNorm: LayerNorm<Scalar>
    public var readout: MLP<Scalar>

    /// d = `width` (paper 000's d_model), H = `heads`, m = `readoutHidden`. `.rotary` positions are applied inside
    /// the attention; `.learned` and `.sinusoidal` are added to e. `maxLength` bounds T for the position tables
    /// (paper 000: 500). Draw order: encoder, positions, attention, readout.
    public init(width d: Int = 50, heads: Int = 5, readoutHidden m: Int = 50,
                positionalEncoding: PositionalEncoding = .learned, maxLength: Int = 500, myopic: Bool = false,
                rng: inout SeededRNG) {
        encoder = Dense(inputSize: 1, outputSize: d, rng: &rng)
        positions = PositionEmbedding(positionalEncoding, maxLength: maxLength, width: d, rng: &rng)
        inputNorm = LayerNorm(size: d)
        attention = CausalSelfAttention(width: d, heads: heads, rotary: positionalEncoding == .rotary, myopic: myopic,
                                        rng: &rng)
        outputNorm = LayerNorm(size: d)
        readout = MLP(inputSize: d, hiddenSize: m, outputSize: 1, activation: .gelu, rng: &rng)
    }

    /// Paper 002's myopic gradient for the attention layer (forward values are unchanged).
    public var myopic: Bool {
        get { attention.myopic }
        set { attention.myopic = newValue }
    }

    /// h0 = LN₁(W_in x + b + p): the attention's input.
    @differentiable(reverse)
    func attentionInput(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        inputNorm(positions(encoder(x)))
    }

    /// One prediction per time step: [B, T, 1] → [B, T, 1].
    @differentiable(reverse)
    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        let h0 = attentionInput(x)
        return readout(outputNorm(h0 + attention(h0)))
    }

    /// r = h0 + Attention(h0), [B, T, d]: the hidden state paper 000 analyses.
    public func hiddenStates(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        let h0 = attentionInput(x)
        return h0 + attention(h0)
    }

    /// The attention weights [B, H, T, T] for input x.
    public func attentionWeights(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        attention.attentionWeights(attentionInput(x))
    }

    /// The number of trained scalars for width d, readout width m and a learned table of `maxLength` rows:
    ///
    ///     2d (encoder) + [maxLength·d if learned] + 2d (LN₁) + 4d² + 4d (W_Q, W_K, W_V, W_O) + 2d (LN₂) + dm + 2m + 1
    ///
    /// With learned positions and maxLength 500 this is paper 000's logged 4d² + 510d + dm + 2m + 1. (Its code
    /// keeps the 500 × d table even without positions, so it logs that number for every run; we count only
    /// what is trained.)
    public static func parameterCount(width d: Int, readoutHidden m: Int, positionalEncoding: PositionalEncoding,
                                      maxLength: Int = 500) -> Int {
        4 * d * d + 10 * d + (positionalEncoding == .learned ? maxLength * d : 0) + d * m + 2 * m + 1
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visitChild("encoder", &encoder, visit)
        visitChild("positions", &positions, visit)
        visitChild("inputNorm", &inputNorm, visit)
        visitChild("attention", &attention, visit)
        visitChild("outputNorm", &outputNorm, visit)
        visitChild("readout", &readout, visit)
    }

    /// The gradient, one field per part (see Learning's `Dense.TangentVector` for why it is written out).
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var encoder: Dense<Scalar>.TangentVector
        public var positions: PositionEmbedding<Scalar>.TangentVector
        public var inputNorm: LayerNorm<Scalar>.TangentVector
        public var attention: CausalSelfAttention<Scalar>.TangentVector
        public var outputNorm: LayerNorm<Scalar>.TangentVector
        public var readout: MLP<Scalar>.TangentVector

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visitChild("encoder", &encoder, visit)
            visitChild("positions", &positions, visit)
            visitChild("inputNorm", &inputNorm, visit)
            visitChild("attention", &attention, visit)
            visitChild("outputNorm", &outputNorm, visit)
            visitChild("readout", &readout, visit)
        }
    }

    public mutating func move(by offset: TangentVector) {
        encoder.move(by: offset.encoder)
        positions.move(by: offset.positions)
        inputNorm.move(by: offset.inputNorm)
        attention.move(by: offset.attention)
        outputNorm.move(by: offset.outputNorm)
        readout.move(by: offset.readout)
    }
}
