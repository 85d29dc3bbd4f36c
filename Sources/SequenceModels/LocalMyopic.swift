import Learning
import LinearAlgebra
import _Differentiation

// Paper 002's *local myopia bonus* (§2.2, the `orig_model` option of its code): how much a trained model's loss
// would drop if every position re-optimised its own, present computation while the computations of the past
// stayed frozen at the trained model,
//
//     bonus(θ) = L(θ) − Σ_i min_φ ℓ_i(θ_{<i}, φ).
//
// We estimate it the way the paper does: a fresh model φ is trained in which, at every layer l, the past
// positions j < i offer the *frozen model's* attention input h^l_j = LN₁(x^{l−1}_j) (a constant), read through
// φ's own W_K, W_V, while the position's own entry (the diagonal) is φ's live computation. (Paper 002's code can
// also take the frozen model's keys and values themselves; like its default, we let φ's projections read the
// frozen states, which is what the myopic switch counts as the present's computation too.) Started at φ = θ, such
// a model computes exactly θ's logits and gets exactly θ's myopic gradient: the tests check both. A positive bonus means the
// frozen model gave up loss at the present to prepare for the future (pre-caching); a bonus near zero means it
// gave up nothing (breadcrumbs). The same attention primitive serves as for the myopic switch: only the past keys
// and values come from somewhere else.

extension CausalSelfAttention {
    /// Attention whose past keys and values come from `past` ([B, T, d], a constant: the frozen model's attention
    /// input at this layer) and whose diagonal comes from `h`, the live input. `selfOnly` and `myopic` do not apply.
    @differentiable(reverse, wrt: (self, h))
    public func callAsFunction(_ h: Tensor<Scalar>, past: Tensor<Scalar>) -> Tensor<Scalar> {
        let q = positioned(query(h)), k = positioned(key(h)), v = value(h)
        let frozen = withoutDerivative(at: past)
        return output(causalAttention(q, k, v, pastKeys: positioned(key(frozen)), pastValues: value(frozen), heads: heads))
    }
}

extension GPTBlock {
    /// The block with its attention's past taken from `past`, the frozen model's attention input LN₁(x) at this
    /// block (see `CausalSelfAttention.callAsFunction(_:past:)`).
    @differentiable(reverse, wrt: (self, x))
    public func callAsFunction(_ x: Tensor<Scalar>, past: Tensor<Scalar>) -> Tensor<Scalar> {
        let r = x + attention(norm1(x), past: past)
        return r + mlp(norm2(r))
    }
}

extension GPT {
    /// Logits [B, T, V] with every layer's past taken from `frozen`, another model's attention inputs on the same
    /// ids (its `attentionInputs(_:shape:)`). The local-myopic model.
    @differentiable(reverse, wrt: self)
    public func callAsFunction(_ ids: [Int], shape: [Int], frozenPast frozen: [Tensor<Scalar>]) -> Tensor<Scalar> {
        precondition(frozen.count == blocks.count, "GPT: \(frozen.count) frozen streams for \(blocks.count) blocks")
        var x = embed(ids, shape: shape)
        for l in withoutDerivative(at: blocks.indices) { x = blocks[l](x, past: withoutDerivative(at: frozen[l])) }
        return head(finalNorm(x))
    }

    /// What another model's `callAsFunction(_:shape:frozenPast:)` reads: this model's attention input
    /// h^l = LN₁(x^{l−1}) at every layer l, each [B, T, d].
    public func attentionInputs(_ ids: [Int], shape: [Int]) -> [Tensor<Scalar>] {
        var x = embed(ids, shape: shape), inputs = [Tensor<Scalar>]()
        for block in blocks {
            inputs.append(block.norm1(x))
            x = block(x)
        }
        return inputs
    }
}
