import Foundation
import Learning
import LinearAlgebra
import _Differentiation

// Attention by itself is blind to order: permuting the past positions permutes the terms of Σ_j A_ij v_j and
// changes nothing else. (The causal mask does leak some order, since position i averages over exactly i + 1
// values.) A delay embedding needs to know *which* lag each value came from, so position must be put in:
//
//   learned      e_t += p_t, a trained table p ∈ ℝ^{maxLength × d} (paper 000's nn.Embedding(500, d))
//   sinusoidal   e_t += p_t, fixed: p_{t,2m} = sin(t·ω_m), p_{t,2m+1} = cos(t·ω_m), ω_m = 10000^{−2m/d}
//                (Vaswani et al. 2017); nothing to train, defined for any t
//   rotary       no addition; inside attention, each head's q_t and k_t are rotated pair by pair by the angles
//                t·θ_m, θ_m = 10000^{−2m/d_h} (RoPE, Su et al. 2021). Then q_i·k_j depends on the positions only
//                through i − j: a score that is a function of the *lag*, which is exactly a delay coordinate.

/// Which positional encoding a model uses.
public enum PositionalEncoding: String, Sendable, CaseIterable {
    case none, learned, sinusoidal, rotary
}

/// The fixed sinusoidal table [length, d]: p_{t,2m} = sin(t ω_m), p_{t,2m+1} = cos(t ω_m), ω_m = 10000^{−2m/d}.
public func sinusoidalPositions<S: TensorScalar>(length: Int, width d: Int) -> Tensor<S> {
    var p = [S]()
    p.reserveCapacity(length * d)
    for t in 0..<length {
        for c in 0..<d {
            let omega = Foundation.pow(10_000, -Double(c - c % 2) / Double(d))
            p.append(S(c % 2 == 0 ? Foundation.sin(Double(t) * omega) : Foundation.cos(Double(t) * omega)))
        }
    }
    return Tensor(shape: [length, d], scalars: p)
}

/// Absolute positions added to the input: x_t + p_t for x of shape [B, T, d].
///
/// The table is a parameter only for `.learned` ([maxLength, d], drawn N(0, 1) like PyTorch's nn.Embedding);
/// for the other encodings it is empty ([0, d]) so it trains and counts nothing. The sinusoidal table is kept
/// as a constant (`fixedTable`), not a parameter.
public struct PositionEmbedding<Scalar: TensorScalar>: Trainable {
    public var table: Tensor<Scalar>
    @noDerivative public var fixedTable: Tensor<Scalar>
    @noDerivative public var encoding: PositionalEncoding

    public init(_ encoding: PositionalEncoding, maxLength: Int, width d: Int, rng: inout SeededRNG) {
        self.encoding = encoding
        table = encoding == .learned ? Tensor(randomNormal: [maxLength, d], rng: &rng) : Tensor(zeros: [0, d])
        fixedTable = encoding == .sinusoidal ? sinusoidalPositions(length: maxLength, width: d) : Tensor(zeros: [0, d])
    }

    @differentiable(reverse)
    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        let length = withoutDerivative(at: x.shape[1])
        switch encoding {
        case .learned:
            precondition(length <= table.shape[0], "positions: sequence of \(length) steps, table has \(table.shape[0])")
            return x + table.sliced(alongAxis: 0, 0..<length)
        case .sinusoidal:
            precondition(length <= fixedTable.shape[0], "positions: sequence of \(length) steps, table has \(fixedTable.shape[0])")
            return x + withoutDerivative(at: fixedTable.sliced(alongAxis: 0, 0..<length))
        case .none, .rotary:
            return x
        }
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visit("table", &table)
    }

    /// The gradient (see Learning's `Dense.TangentVector` for why it is written out).
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var table: Tensor<Scalar>

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visit("table", &table)
        }
    }

    public mutating func move(by offset: TangentVector) {
        table.move(by: offset.table)
    }
}

/// RoPE: rotates each head's channel pairs (2m, 2m+1) of x [B, T, heads·d_h] by the angle t·θ_m,
/// θ_m = 10000^{−2m/d_h}. Applied to queries and keys, it makes q_i·k_j a function of i − j. d_h must be even.
/// The pullback is the rotation by −t·θ_m (a rotation's inverse is its transpose).
@differentiable(reverse, wrt: x)
public func rotaryEmbedding<S: AttentionScalar>(_ x: Tensor<S>, heads: Int) -> Tensor<S> {
    _vjpRotaryEmbedding(x, heads: heads).value
}

@derivative(of: rotaryEmbedding, wrt: x)
public func _vjpRotaryEmbedding<S: AttentionScalar>(_ x: Tensor<S>, heads: Int)
    -> (value: Tensor<S>, pullback: (Tensor<S>) -> Tensor<S>) {
    let g = AttentionGeometry(x.shape, heads: heads)
    precondition(g.headSize % 2 == 0, "rotaryEmbedding: head size \(g.headSize) must be even")
    let pairs = g.headSize / 2
    var cosines = [S](), sines = [S]()
    cosines.reserveCapacity(g.length * pairs); sines.reserveCapacity(g.length * pairs)
    for t in 0..<g.length {
        for m in 0..<pairs {
            let angle = Double(t) * Foundation.pow(10_000, -Double(2 * m) / Double(g.headSize))
            cosines.append(S(Foundation.cos(angle))); sines.append(S(Foundation.sin(angle)))
        }
    }
    func rotate(_ z: Tensor<S>, inverse: Bool) -> Tensor<S> {
        Tensor(shape: z.shape, scalars: uninitialised(z.count) { out in
            z.withUnsafeBufferPointer { pz in cosines.withUnsafeBufferPointer { c in sines.withUnsafeBufferPointer { s in
                S.rotaryKernel(pz.baseAddress!, out, cosines: c.baseAddress!, sines: s.baseAddress!, sequences: g.batch,
                               length: g.length, heads: heads, headSize: g.headSize, inverse: inverse)
            } } }
        })
    }
    return (rotate(x, inverse: false), { v in v.isSymbolicZero ? .zero : rotate(v, inverse: true) })
}
