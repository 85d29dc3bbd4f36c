import Dynamics
import Experiments
import Notebook

typealias InputScaling = Paper000.InputScaling

/// The sizes of one scale of the chapter (see section 1 and `docs/decisions.md` for how they were chosen).
struct Settings {
    let data: Paper000.DataSpec
    let steps: Int
    let evaluations: Int
    let batchSize = 10
    let learningRate: Double
    /// Positions before this are not scored: a state that starts at zero (or attention with little past) has
    /// not settled there, and the delay-embedding reference needs (m − 1)τ steps of past.
    let warm: Int

    init(scale: Scale, learningRate: Double?, input: InputScaling, steps: Int? = nil, length: Int? = nil,
         evaluations: Int? = nil) {
        data = Paper000.DataSpec(input: input, length: length ?? scale.pick(quick: 200, standard: 200, full: 500),
                                 trainingTrajectories: scale.pick(quick: 100, standard: 300, full: 2_000),
                                 heldOutTrajectories: scale.pick(quick: 20, standard: 20))
        self.steps = steps ?? scale.pick(quick: 600, standard: 1_000, full: 5_000)
        self.evaluations = evaluations ?? scale.pick(quick: 3, standard: 5, full: 10)
        warm = 64
        self.learningRate = learningRate ?? 1e-2
    }

    var length: Int { data.length }
    var trainingTrajectories: Int { data.trainingTrajectories }
    var heldOutTrajectories: Int { data.heldOutTrajectories }

    /// Written into every saved run, so a saved model is reused only by a run with the same recipe.
    var fingerprint: String {
        "recipe v3: \(data.input.rawValue) x, length \(length), \(trainingTrajectories) trajectories, \(heldOutTrajectories) held out, \(steps) steps × \(batchSize), lr \(learningRate), \(evaluations) evaluations, warm \(warm)"
    }

    /// Steps at which a run is evaluated: 0 (the initialisation) and `evaluations` points up to the last step.
    var evaluationSteps: [Int] { [0] + (1...evaluations).map { $0 * steps / evaluations } }
}

/// The data of one (noise, seed) pair and the probe that scores hidden states on its held-out trajectories.
struct Dataset {
    let data: Paper000.Trajectories
    let probe: EmbeddingProbe
    let heldOutIndices: [Int]

    init(noise: Double, seed: UInt64, settings: Settings) {
        data = Paper000.Trajectories(settings.data, noise: noise, seed: seed)
        heldOutIndices = Array(0..<data.heldOut.count)
        probe = EmbeddingProbe(ensemble: data.heldOut, trajectories: heldOutIndices, warm: settings.warm, scale: data.metricScale)
    }

    var training: LorenzEnsemble { data.training }
    var heldOut: LorenzEnsemble { data.heldOut }
    var scale: Standardization { data.scale }
    var metricScale: Standardization { data.metricScale }
    var heldOutSeries: [[Double]] { data.heldOutSeries }
}
