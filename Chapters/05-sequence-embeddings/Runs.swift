import Foundation
import _Differentiation
import Experiments
import Learning
import LinearAlgebra
import SequenceModels

//: The three architectures the chapter compares, each a next-step predictor whose hidden state we can read.
enum ModelKind: String, CaseIterable {
    case lru = "lru"
    case transformerLearned = "transformer-learned"
    case transformerNone = "transformer-none"

    var label: String {
        switch self {
        case .lru: return "LRU"
        case .transformerLearned: return "transformer (learned positions)"
        case .transformerNone: return "transformer (no positions)"
        }
    }
}

/// A next-step model of this chapter: trainable, with a hidden state to analyse.
protocol NextStepModel: Trainable where Scalar == Float {
    @differentiable(reverse)
    func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float>
    func hiddenStates(_ x: Tensor<Float>) -> Tensor<Float>
}

extension LRUModel: NextStepModel where Scalar == Float {}
extension TransformerModel: NextStepModel where Scalar == Float {}

/// Paper 000's readout width m and head count; the transformer's position table covers its 500-step sequences.
let readoutHidden = 50
let heads = 5
let maxLength = 500

func makeLRU(width: Int, seed: UInt64) -> LRUModel<Float> {
    var rng = SeededRNG(seed: seed, stream: 3)
    return LRUModel(width: width, readoutHidden: readoutHidden, rng: &rng)
}

func makeTransformer(width: Int, positions: PositionalEncoding, seed: UInt64) -> TransformerModel<Float> {
    var rng = SeededRNG(seed: seed, stream: 3)
    return TransformerModel(width: width, heads: heads, readoutHidden: readoutHidden, positionalEncoding: positions,
                            maxLength: maxLength, rng: &rng)
}

/// One training run of the sweep.
struct RunSpec: Hashable {
    let kind: ModelKind
    let width: Int
    let noise: Double
    let seed: UInt64

    /// The file name saved models go by, e.g. `lru-d25-noise0.05-seed1`.
    var name: String { "\(kind.rawValue)-d\(width)-noise\(noiseLabel(noise))-seed\(seed)" }

    var parameterCount: Int {
        switch kind {
        case .lru: return LRUModel<Float>.parameterCount(width: width, stateSize: width, readoutHidden: readoutHidden)
        case .transformerLearned:
            return TransformerModel<Float>.parameterCount(width: width, readoutHidden: readoutHidden, positionalEncoding: .learned)
        case .transformerNone:
            return TransformerModel<Float>.parameterCount(width: width, readoutHidden: readoutHidden, positionalEncoding: .none)
        }
    }
}

/// 0.05 → "0.05", 0 → "0": the noise level as people write it.
func noiseLabel(_ noise: Double) -> String {
    noise == 0 ? "0" : String(format: "%g", noise)
}
