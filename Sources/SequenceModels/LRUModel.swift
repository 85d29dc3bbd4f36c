import Learning
import LinearAlgebra
import _Differentiation

/// Paper 000's state-space model: one LRU layer between an input encoder and an MLP readout, for next-step
/// prediction of a scalar series.
///
///     x [B, T, 1] → Dense(1→H) → LayerNorm → LRU (N states) → LayerNorm → MLP(H→m→1, GELU) → ŷ [B, T, 1]
///
/// There is no residual connection around the LRU other than its own D. The hidden state the paper's metrics
/// analyse is the LRU's complex state s_t, split into [Re s_t, Im s_t]: see `hiddenStates(_:)`.
public struct LRUModel<Scalar: RecurrenceScalar>: Trainable {
    public var encoder: Dense<Scalar>
    public var inputNorm: LayerNorm<Scalar>
    public var lru: LRU<Scalar>
    public var outputNorm: LayerNorm<Scalar>
    public var readout: MLP<Scalar>

    /// H = `width` (paper 000's d_model), N = `stateSize` (defaults to H, as in the paper's sweep), m = `readoutHidden`.
    /// The LRU gets the ring initialisation with the given radii and maximal phase. Draw order: encoder, LRU, readout.
    public init(width h: Int = 50, stateSize n: Int? = nil, readoutHidden m: Int = 50,
                rMin: Double = 0.8, rMax: Double = 0.99, thetaMax: Double = 2 * .pi, rng: inout SeededRNG) {
        encoder = Dense(inputSize: 1, outputSize: h, rng: &rng)
        inputNorm = LayerNorm(size: h)
        lru = LRU(inputSize: h, stateSize: n ?? h, rMin: rMin, rMax: rMax, thetaMax: thetaMax, rng: &rng)
        outputNorm = LayerNorm(size: h)
        readout = MLP(inputSize: h, hiddenSize: m, outputSize: 1, activation: .gelu, rng: &rng)
    }

    /// The same model with an LRU built elsewhere (an S4D initialisation, say).
    public init(encoder: Dense<Scalar>, lru: LRU<Scalar>, readout: MLP<Scalar>) {
        self.encoder = encoder
        inputNorm = LayerNorm(size: lru.inputSize)
        self.lru = lru
        outputNorm = LayerNorm(size: lru.inputSize)
        self.readout = readout
    }

    /// One prediction per time step: [B, T, 1] → [B, T, 1].
    @differentiable(reverse)
    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        readout(outputNorm(lru(inputNorm(encoder(x)))))
    }

    /// The LRU's states for analysis: [B, T, 2N] = [Re s_t, Im s_t].
    public func hiddenStates(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        lru.states(inputNorm(encoder(x)))
    }

    /// The number of trained scalars for width H, N states and readout width m:
    ///
    ///     2H (encoder) + 2H (norm) + [2N + 4NH + H²] (LRU: ν, θ, Re/Im B, Re/Im C, D) + 2H (norm) + Hm + 2m + 1 (MLP)
    ///     = 6H + 2N + 4NH + H² + Hm + 2m + 1.
    ///
    /// Paper 000 logs 6H + 3N + 2NH + H² + Hm + 2m + 1: PyTorch counts a complex entry of B and C once (we store
    /// two reals), and its γ is a separate parameter (+N; ours is a function of ν).
    public static func parameterCount(width h: Int, stateSize n: Int, readoutHidden m: Int) -> Int {
        6 * h + 2 * n + 4 * n * h + h * h + h * m + 2 * m + 1
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visitChild("encoder", &encoder, visit)
        visitChild("inputNorm", &inputNorm, visit)
        visitChild("lru", &lru, visit)
        visitChild("outputNorm", &outputNorm, visit)
        visitChild("readout", &readout, visit)
    }

    /// The gradient, one field per part (see Learning's `Dense.TangentVector` for why it is written out).
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var encoder: Dense<Scalar>.TangentVector
        public var inputNorm: LayerNorm<Scalar>.TangentVector
        public var lru: LRU<Scalar>.TangentVector
        public var outputNorm: LayerNorm<Scalar>.TangentVector
        public var readout: MLP<Scalar>.TangentVector

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visitChild("encoder", &encoder, visit)
            visitChild("inputNorm", &inputNorm, visit)
            visitChild("lru", &lru, visit)
            visitChild("outputNorm", &outputNorm, visit)
            visitChild("readout", &readout, visit)
        }
    }

    public mutating func move(by offset: TangentVector) {
        encoder.move(by: offset.encoder)
        inputNorm.move(by: offset.inputNorm)
        lru.move(by: offset.lru)
        outputNorm.move(by: offset.outputNorm)
        readout.move(by: offset.readout)
    }
}
