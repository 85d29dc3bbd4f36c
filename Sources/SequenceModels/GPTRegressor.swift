import Learning
import LinearAlgebra
import _Differentiation

/// The GPT of `GPT.swift` for real-valued sequences (paper 002's synthetic experiment, §4): the token table is
/// replaced by a linear encoder and the vocabulary head by a linear read-out,
///
///     x⁰_t = W_in u_t + b_in + P[t]        u_t ∈ ℝ^F (paper 002: F = 2, the pair (x_n, z_n)); learned positions
///     xˡ   = Blockˡ(xˡ⁻¹),  l = 1…L          the same pre-LN blocks (`GPTBlock`), with the same myopic switch
///     ŷ_t  = W_out LN_f(xᴸ_t) + b_out        d → O (paper 002: O = 1)
///
/// Inputs are [B, T, F], outputs [B, T, O]. The residual streams x⁰ … xᴸ are what the probes read.
///
/// The learned positions start small, N(0, 0.02²) as in GPT-2 (paper 002's model is Hugging Face's GPT2Model),
/// not N(0, 1) as `GPT`'s do: a token embedding is a vector of size ~1 per channel, but the encoder's output
/// W_in u is only ~0.4 per channel, and positions of size 1 would drown the input. With them, a width-64 model
/// on D_p (p = 1, 1 000 steps) stayed at the predict-zero loss in both seeds we tried; with small positions, three
/// seeds out of three learned the task.
public struct GPTRegressor<Scalar: AttentionScalar>: Trainable {
    public var encoder: Dense<Scalar>
    public var positions: PositionEmbedding<Scalar>
    public var blocks: [GPTBlock<Scalar>]
    public var finalNorm: LayerNorm<Scalar>
    public var head: Dense<Scalar>

    /// F = `inputs`, O = `outputs`, d = `width`, L = `layers`, H = `heads`, sequences up to `maxLength`.
    /// Draw order: encoder, positions, blocks in order, head.
    public init(inputs: Int, outputs: Int = 1, width d: Int = 64, layers: Int = 2, heads: Int = 2, maxLength: Int = 64,
                myopic: Bool = false, rng: inout SeededRNG) {
        encoder = Dense(inputSize: inputs, outputSize: d, rng: &rng)
        positions = PositionEmbedding(.learned, maxLength: maxLength, width: d, rng: &rng)
        positions.table.scale(by: Scalar(GPTRegressor.positionScale))
        blocks = []
        for _ in 0..<layers { blocks.append(GPTBlock(width: d, heads: heads, myopic: myopic, rng: &rng)) }
        finalNorm = LayerNorm(size: d)
        head = Dense(inputSize: d, outputSize: outputs, rng: &rng)
    }

    /// The standard deviation of the initial positions.
    public static var positionScale: Double { 0.02 }

    /// Paper 002's myopic gradient in every layer (see `GPT.myopic`).
    public var myopic: Bool {
        get { blocks.allSatisfy { $0.attention.myopic } }
        set { for l in blocks.indices { blocks[l].attention.myopic = newValue } }
    }

    /// x⁰ = W_in u + b_in + P, [B, T, d].
    @differentiable(reverse)
    func embed(_ u: Tensor<Scalar>) -> Tensor<Scalar> {
        positions(encoder(u))
    }

    /// Predictions [B, T, O] for inputs [B, T, F].
    @differentiable(reverse)
    public func callAsFunction(_ u: Tensor<Scalar>) -> Tensor<Scalar> {
        var x = embed(u)
        for l in withoutDerivative(at: blocks.indices) { x = blocks[l](x) }
        return head(finalNorm(x))
    }

    /// The residual streams [x⁰, x¹, …, xᴸ], each [B, T, d].
    public func residualStreams(_ u: Tensor<Scalar>) -> [Tensor<Scalar>] {
        var streams = [embed(u)]
        for block in blocks { streams.append(block(streams.last!)) }
        return streams
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visitChild("encoder", &encoder, visit)
        visitChild("positions", &positions, visit)
        for l in blocks.indices { visitChild("blocks.\(l)", &blocks[l], visit) }
        visitChild("finalNorm", &finalNorm, visit)
        visitChild("head", &head, visit)
    }

    /// The gradient (see Learning's `Dense.TangentVector` for why it is written out).
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var encoder: Dense<Scalar>.TangentVector
        public var positions: PositionEmbedding<Scalar>.TangentVector
        public var blocks: Array<GPTBlock<Scalar>>.TangentVector
        public var finalNorm: LayerNorm<Scalar>.TangentVector
        public var head: Dense<Scalar>.TangentVector

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visitChild("encoder", &encoder, visit)
            visitChild("positions", &positions, visit)
            for l in blocks.base.indices { visitChild("blocks.\(l)", &blocks.base[l], visit) }
            visitChild("finalNorm", &finalNorm, visit)
            visitChild("head", &head, visit)
        }
    }

    public mutating func move(by offset: TangentVector) {
        encoder.move(by: offset.encoder)
        positions.move(by: offset.positions)
        blocks.move(by: offset.blocks)
        finalNorm.move(by: offset.finalNorm)
        head.move(by: offset.head)
    }
}
