import Dynamics
import LinearAlgebra

/// Everything paper 000 asks of a representation, scored on one fixed set of held-out trajectories.
public struct EmbeddingScores: Sendable {
    /// R² of the unobserved y and z from a linear (ridge) read-out.
    public var linearR2: [Double]
    /// R² of y and z from a small MLP read-out (nil where it was not computed: it is the slowest score).
    public var mlpR2: [Double]?
    /// Fraction of the 20 nearest neighbours in the true state that stay neighbours in the representation.
    public var overlap: Double
    /// Future spread and noise amplification (Uzal et al. 2011).
    public var amplification: NoiseAmplification

    public init(linearR2: [Double], mlpR2: [Double]?, overlap: Double, amplification: NoiseAmplification) {
        self.linearR2 = linearR2
        self.mlpR2 = mlpR2
        self.overlap = overlap
        self.amplification = amplification
    }

    public static let failed = EmbeddingScores(linearR2: [.nan, .nan], mlpR2: nil, overlap: .nan,
                                               amplification: NoiseAmplification(futureSpread: .nan, sigma2: .nan, L: .nan))
}

/// The held-out side of the embedding metrics: which rows are scored against which truth.
///
/// Rows are the positions `warm…L−2` of each held-out trajectory, stacked trajectory by trajectory (the order
/// `pooledRows(_:warm:)` gives model states in). Decoders fit on the first half of the trajectories and are
/// scored on the second half: a split by trajectory, so no test point has a near-copy in the training rows
/// (paper 000 split points at random, which flatters every decoder). The neighbour metrics use every
/// `stride`-th row whose next `horizon` observations exist, with temporal neighbours (same trajectory, within
/// `theilerWindow` steps) excluded.
public struct EmbeddingProbe: Sendable {
    public let warm: Int
    public let hidden: Matrix<Double>
    let neighbourRows: [Int]
    let state: Matrix<Double>
    let futures: Matrix<Double>
    let origins: [RowOrigin]
    public let theilerWindow: Int

    public init(ensemble: LorenzEnsemble, trajectories: [Int], warm: Int, scale: Standardization,
                horizon: Int = 10, stride: Int = 2, theilerWindow: Int = 10) {
        precondition(trajectories.count >= 2, "EmbeddingProbe: need trajectories to fit and to test decoders")
        self.warm = warm
        self.theilerWindow = theilerWindow
        hidden = ensemble.hidden(trajectories, warm: warm)
        let full = ensemble.fullState(trajectories, warm: warm)
        let positions = ensemble.length - 1 - warm
        var rows = [Int](), origins = [RowOrigin](), futures = [Double]()
        for (g, i) in trajectories.enumerated() {
            let x = scale.apply(ensemble.observed[i])
            for p in Swift.stride(from: 0, to: positions, by: stride) where warm + p + horizon < ensemble.length {
                rows.append(g * positions + p)
                origins.append(RowOrigin(group: g, time: warm + p))
                futures += x[(warm + p + 1)...(warm + p + horizon)]
            }
        }
        neighbourRows = rows
        self.origins = origins
        state = full.selectingRows(rows)
        self.futures = Matrix(rows: rows.count, cols: horizon, data: futures)
    }

    /// Scores `features` (one row per held-out position, as `hidden`); the MLP decoder only if `nonlinear`.
    public func score(_ features: Matrix<Double>, nonlinear: Bool, seed: UInt64 = 0) throws -> EmbeddingScores {
        guard features.rows == hidden.rows else {
            throw ExperimentError("embedding scores: \(features.rows) feature rows for \(hidden.rows) held-out positions")
        }
        guard features.data.allSatisfy(\.isFinite) else { throw ExperimentError("embedding scores: non-finite features") }
        let linear = try decodeR2(features: features, targets: hidden, trainFraction: 0.5, lambda: 1e-6).perColumn
        let mlp = nonlinear ? mlpDecodeR2(features: features, targets: hidden, trainFraction: 0.5, seed: seed) : nil
        let subset = features.selectingRows(neighbourRows)
        let overlap = neighbourOverlap(truth: state, representation: subset, k: 20, origins: origins,
                                       theilerWindow: theilerWindow)
        let amplification = noiseAmplification(subset, futures: futures, k: 3, origins: origins,
                                               theilerWindow: theilerWindow)
        return EmbeddingScores(linearR2: linear, mlpR2: mlp, overlap: overlap, amplification: amplification)
    }
}
