import Dynamics
import Experiments
import Notebook

/// The sizes of one scale of the chapter. Default scale: 300 training trajectories of 500 steps, 300 AdamW steps
/// of 10 trajectories each, 10 held-out trajectories (paper 000 evaluates on 10 × 499 points too). Paper 000
/// trained for 200,000 steps on a GPU; `--full` trains ten times longer than the default.
struct Settings {
    let length: Int
    let trainingTrajectories: Int
    let heldOutTrajectories: Int
    let steps: Int
    let evaluations: Int
    let batchSize = 10
    let learningRate: Double
    /// Positions before this are not scored: a state that starts at zero (or attention with little past) has
    /// not settled there, and the delay-embedding reference needs (m − 1)τ steps of past.
    let warm: Int

    init(scale: Scale, learningRate: Double) {
        length = scale.pick(quick: 200, standard: 500)
        trainingTrajectories = scale.pick(quick: 60, standard: 300, full: 2_000)
        heldOutTrajectories = 10
        steps = scale.pick(quick: 150, standard: 300, full: 3_000)
        evaluations = scale.pick(quick: 3, standard: 3, full: 10)
        warm = scale.pick(quick: 60, standard: 64)
        self.learningRate = learningRate
    }

    /// Written into every saved run, so a saved model is reused only by a run with the same recipe.
    var fingerprint: String {
        "recipe v1: length \(length), \(trainingTrajectories) trajectories, \(steps) steps × \(batchSize), lr \(learningRate), \(evaluations) evaluations, warm \(warm)"
    }

    /// Steps at which a run is evaluated: 0 (the initialisation) and `evaluations` points up to the last step.
    var evaluationSteps: [Int] { [0] + (1...evaluations).map { $0 * steps / evaluations } }
}

/// The data of one (noise, seed) pair, shared by every model trained on it.
struct Dataset {
    let training: LorenzEnsemble
    let heldOut: LorenzEnsemble
    let scale: Standardization
    let probe: EmbeddingProbe
    let heldOutIndices: [Int]

    init(noise: Double, seed: UInt64, settings: Settings) {
        // The states depend only on the seed, so every noise level sees the same trajectories: noise comparisons
        // are paired.
        training = LorenzEnsemble(count: settings.trainingTrajectories, length: settings.length, noise: noise, seed: seed, stream: 0)
        heldOut = LorenzEnsemble(count: settings.heldOutTrajectories, length: settings.length, noise: noise, seed: seed, stream: 1)
        scale = training.standardization
        heldOutIndices = Array(0..<heldOut.count)
        probe = EmbeddingProbe(ensemble: heldOut, trajectories: heldOutIndices, warm: settings.warm, scale: scale)
    }

    /// The held-out observations in the models' units, one array per trajectory.
    var heldOutSeries: [[Double]] { heldOut.observed.map { scale.apply($0) } }
}
