import Learning
import LinearAlgebra
import Numerics
import SequenceModels

/// The scalars every mixer of the catalogue runs in: Float and Double (attention and the LRU come from SequenceModels).
public typealias MixerScalar = AttentionScalar & RecurrenceScalar & Real

/// Every mixer this module maps, freshly initialised, in the order the chapter shows them: attention family
/// (A = I or a fixed A), then recurrent models with fixed and with selective A, then the delta rule.
///
/// Each mixer draws its parameters from its own stream of `seed`, so the same seed gives the same mixers in
/// Float and Double (up to rounding), and adding a mixer never changes another. `width` must split into
/// `heads` heads of even size (RoPE and RetNet rotate pairs).
public func mixerCatalogue<Scalar: MixerScalar>(width d: Int, heads: Int, stateSize n: Int,
                                                seed: UInt64) -> [any SequenceMixer<Scalar>] {
    precondition(d % heads == 0 && (d / heads) % 2 == 0, "mixerCatalogue: width \(d) must split into \(heads) heads of even size")
    func rng(_ i: UInt64) -> SeededRNG { SeededRNG(seed: seed, stream: 100 + i) }
    var r = (0..<13).map { rng(UInt64($0)) }
    return [
        SoftmaxAttention<Scalar>(width: d, heads: heads, rng: &r[0]),
        SoftmaxAttention<Scalar>(width: d, heads: heads, rotary: true, rng: &r[1]),
        ALiBiAttention<Scalar>(width: d, heads: heads, rng: &r[2]),
        LinearAttention<Scalar>(width: d, heads: heads, rng: &r[3]),
        RetNet<Scalar>(width: d, heads: heads, rng: &r[4]),
        LRUMixer<Scalar>(width: d, stateSize: n, rng: &r[5]),
        Mamba<Scalar>(width: d, stateSize: n, rng: &r[6]),
        Mamba2<Scalar>(width: d, heads: heads, stateSize: n, rng: &r[7]),
        GLA<Scalar>(width: d, heads: heads, rng: &r[8]),
        MLSTM<Scalar>(width: d, heads: heads, rng: &r[9]),
        RGLRU<Scalar>(width: d, rng: &r[10]),
        DeltaNet<Scalar>(width: d, heads: heads, gated: false, rng: &r[11]),
        DeltaNet<Scalar>(width: d, heads: heads, gated: true, rng: &r[12]),
    ]
}
