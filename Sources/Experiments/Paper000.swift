import Dynamics
import Learning
import LinearAlgebra
import SequenceModels

/// Paper 000's experiment, specified once: the three architectures, their constructors, one training run's
/// name, and the data a run is trained and scored on. Chapter 5 trains these runs; chapter 6 reads the models
/// chapter 5 saved, rebuilt with the same constructors and evaluated on the same held-out trajectories.
public enum Paper000 {
    /// Paper 000's readout width m (the MLP after the sequence layer) and its head count.
    public static let readoutHidden = 50
    public static let heads = 5

    /// The three architectures the chapters compare, each a next-step predictor whose hidden state we can read.
    public enum Model: String, CaseIterable, Sendable {
        case lru = "lru"
        case transformerLearned = "transformer-learned"
        case transformerNone = "transformer-none"

        public var label: String {
            switch self {
            case .lru: return "LRU"
            case .transformerLearned: return "transformer (learned positions)"
            case .transformerNone: return "transformer (no positions)"
            }
        }

        public var isTransformer: Bool { self != .lru }
    }

    /// One training run: architecture, width d, observation noise σ (raw units of x) and seed.
    public struct Run: Hashable, Sendable {
        public let model: Model
        public let width: Int
        public let noise: Double
        public let seed: UInt64

        public init(model: Model, width: Int, noise: Double, seed: UInt64) {
            self.model = model
            self.width = width
            self.noise = noise
            self.seed = seed
        }

        /// The file name its saved model goes by, e.g. `lru-d25-noise0.05-seed1`.
        public var name: String { "\(model.rawValue)-d\(width)-noise\(Paper000.noiseLabel(noise))-seed\(seed)" }

        /// Trained parameters (the transformer's position table covers `length` positions).
        public func parameterCount(length: Int) -> Int {
            switch model {
            case .lru: return LRUModel<Float>.parameterCount(width: width, stateSize: width, readoutHidden: readoutHidden)
            case .transformerLearned:
                return TransformerModel<Float>.parameterCount(width: width, readoutHidden: readoutHidden,
                                                              positionalEncoding: .learned, maxLength: length)
            case .transformerNone:
                return TransformerModel<Float>.parameterCount(width: width, readoutHidden: readoutHidden, positionalEncoding: .none)
            }
        }
    }

    /// 0.05 → "0.05", 0 → "0": the noise level as people write it.
    public static func noiseLabel(_ noise: Double) -> String {
        noise == 0 ? "0" : String(format: "%g", noise)
    }

    /// The LRU model: encoder → LayerNorm → diagonal complex recurrence with N = d states → LayerNorm → MLP.
    /// Drawn from stream 3 of the seed, as chapters 3 and 4 draw theirs.
    public static func makeLRU(width: Int, seed: UInt64) -> LRUModel<Float> {
        var rng = SeededRNG(seed: seed, stream: 3)
        return LRUModel(width: width, readoutHidden: readoutHidden, rng: &rng)
    }

    /// The one-layer transformer, with a learned position table of `length` rows or no positions.
    public static func makeTransformer(width: Int, positions: PositionalEncoding, length: Int, seed: UInt64) -> TransformerModel<Float> {
        var rng = SeededRNG(seed: seed, stream: 3)
        return TransformerModel(width: width, heads: heads, readoutHidden: readoutHidden, positionalEncoding: positions,
                                maxLength: length, rng: &rng)
    }
}

extension Paper000 {
    /// What the models read. Paper 000 feeds x in the system's own units (std ≈ 7.9); dividing by the standard
    /// deviation first changes what a learned position table and the encoder's bias weigh against the signal.
    public enum InputScaling: String, CaseIterable, Sendable {
        case raw, standardised
    }

    /// The data one run sees: what it is trained on, and the held-out trajectories it is scored on.
    public struct DataSpec: Hashable, Sendable {
        public let input: InputScaling
        public let length: Int
        public let trainingTrajectories: Int
        public let heldOutTrajectories: Int

        public init(input: InputScaling, length: Int, trainingTrajectories: Int, heldOutTrajectories: Int = 10) {
            self.input = input
            self.length = length
            self.trainingTrajectories = trainingTrajectories
            self.heldOutTrajectories = heldOutTrajectories
        }
    }

    /// The trajectories of one (noise, seed) pair, shared by every model trained on it.
    public struct Trajectories: Sendable {
        public let spec: DataSpec
        public let training: LorenzEnsemble
        public let heldOut: LorenzEnsemble
        /// The units the models read and predict in: x itself (`raw`) or x divided by its standard deviation.
        public let scale: Standardization
        /// The units every score is reported in (standardised x), whatever the models read.
        public let metricScale: Standardization

        public init(_ spec: DataSpec, noise: Double, seed: UInt64) {
            self.spec = spec
            // The states depend only on the seed, so every noise level sees the same trajectories: noise
            // comparisons are paired.
            training = LorenzEnsemble(count: spec.trainingTrajectories, length: spec.length, noise: noise, seed: seed, stream: 0)
            heldOut = LorenzEnsemble(count: spec.heldOutTrajectories, length: spec.length, noise: noise, seed: seed, stream: 1)
            metricScale = training.standardization
            scale = spec.input == .raw ? Standardization(mean: 0, std: 1) : metricScale
        }

        /// The held-out observations in the models' units, one array per trajectory.
        public var heldOutSeries: [[Double]] { heldOut.observed.map { scale.apply($0) } }

        /// The teacher-forced input of held-out trajectories `indices`, in the models' units.
        public func heldOutInputs(_ indices: [Int]) -> Tensor<Float> { heldOut.inputs(indices, scale: scale) }
    }
}
