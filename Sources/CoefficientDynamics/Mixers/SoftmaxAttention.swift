import Learning
import LinearAlgebra
import Numerics
import SequenceModels

/// Softmax attention in coefficient form: chapter 4's `CausalSelfAttention`, unchanged.
///
///     A_i = I,   b_j = 1/√d_h,   φ = exp,   η_i = Σ_j α̃_ij        (per head, q and k that head's slices)
///
/// With A = I nothing happens to a token's state after its impulse: h_ij = k_j/√d_h for every i, and
/// α_ij = exp(q_i·k_j/√d_h) / Σ_j′ exp(q_i·k_j′/√d_h) is attention's weight. The state never moves, so nothing in
/// α knows *when* token j came (principle 3): position has to come from the input (chapter 4's learned or
/// sinusoidal tables) or from A (RoPE, next file). The output projection W_O acts after the mixing (`combine`).
public struct SoftmaxAttention<Scalar: AttentionScalar & Real>: SequenceMixer {
    public var layer: CausalSelfAttention<Scalar>

    public init(layer: CausalSelfAttention<Scalar>) { self.layer = layer }

    /// A fresh layer (chapter 4's initialisation); `rotary` gives softmax + RoPE.
    public init(width: Int, heads: Int, rotary: Bool = false, rng: inout SeededRNG) {
        layer = CausalSelfAttention(width: width, heads: heads, rotary: rotary, rng: &rng)
    }

    public var name: String { layer.rotary ? "softmax + RoPE" : "softmax attention" }
    public var form: MixerForm {
        MixerForm(evolution: layer.rotary ? "R(−θ) (rotation)" : "I", impulse: "1/√d_h", readout: "exp", normaliser: "Σ")
    }
    public var inputWidth: Int { layer.width }
    public var mixedWidth: Int { layer.width }
    var headSize: Int { layer.width / layer.heads }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        sequenceMatrix(layer(sequenceTensor(x)))
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let h = sequenceTensor(x)
        // q, k, v *before* any rotation: RoPE lives in A, not in the keys.
        let q = sequenceMatrix(layer.query(h)), k = sequenceMatrix(layer.key(h)), v = sequenceMatrix(layer.value(h))
        let d = headSize
        let a: Evolution<Scalar> = layer.rotary ? .rotary(headSize: d) : .identity
        return (0..<layer.heads).map { head in
            let system = CoefficientSystem(queries: headSlice(q, head: head, size: d), keys: headSlice(k, head: head, size: d),
                                           impulse: 1 / Scalar(d).squareRoot(), evolution: a,
                                           readout: .exponential, normalisation: .sum)
            return CoefficientHead(system: system, values: headSlice(v, head: head, size: d),
                                   outputColumns: Array((head * d)..<((head + 1) * d)))
        }
    }

    public func combine(_ mixed: Matrix<Scalar>) -> Matrix<Scalar> {
        sequenceMatrix(layer.output(sequenceTensor(mixed)))
    }

    /// Chapter 4's attention weights for x, head by head (L × L each): what `coefficients()` must reproduce.
    public func attentionWeights(_ x: Matrix<Scalar>) -> [Matrix<Scalar>] {
        let w = layer.attentionWeights(sequenceTensor(x))   // [1, H, L, L]
        let l = x.rows
        return (0..<layer.heads).map { head in
            Matrix(rows: l, cols: l, data: Array(w.scalars[(head * l * l)..<((head + 1) * l * l)]))
        }
    }
}
