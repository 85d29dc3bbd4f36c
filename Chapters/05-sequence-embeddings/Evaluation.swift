import Dynamics
import Experiments
import Learning
import LinearAlgebra

/// What one evaluation of a model measures (one row of a run's curve).
struct Evaluation {
    var step: Int
    /// Held-out next-step MSE in standardised units (whatever the model reads).
    var loss: Double
    /// MASE of the h-step iterated forecasts, h = 1, 7, 14 (h = 1 is the one-step MASE).
    var mase: [Double]
    var scores: EmbeddingScores

    static let horizons = [1, 7, 14]

    static let columns = ["step", "loss", "mase1", "mase7", "mase14", "linear_y", "linear_z", "mlp_y", "mlp_z",
                          "overlap", "future_spread", "sigma2", "L"]

    var row: [Double] {
        [Double(step), loss] + mase + scores.linearR2 + (scores.mlpR2 ?? [.nan, .nan])
            + [scores.overlap, scores.amplification.futureSpread, scores.amplification.sigma2, scores.amplification.L]
    }

    init(step: Int, loss: Double, mase: [Double], scores: EmbeddingScores) {
        self.step = step
        self.loss = loss
        self.mase = mase
        self.scores = scores
    }

    init(row v: [Double]) {
        step = Int(v[0])
        loss = v[1]
        mase = Array(v[2...4])
        let mlp = Array(v[7...8])
        scores = EmbeddingScores(linearR2: Array(v[5...6]), mlpR2: mlp.allSatisfy(\.isNaN) ? nil : mlp, overlap: v[9],
                                 amplification: NoiseAmplification(futureSpread: v[10], sigma2: v[11], L: v[12]))
    }

    /// Mean decode R² of y and z (linear, and the MLP's where measured).
    var linearR2: Double { scores.linearR2.reduce(0, +) / 2 }
    var mlpR2: Double { (scores.mlpR2 ?? [.nan, .nan]).reduce(0, +) / 2 }
}

/// Evaluates `model` on the held-out trajectories: forecasts and every embedding score.
func evaluate<M: NextStepModel>(_ model: M, step: Int, data: Dataset, nonlinear: Bool, seed: UInt64) -> Evaluation {
    let input = data.heldOut.inputs(data.heldOutIndices, scale: data.scale)
    let target = data.heldOut.targets(data.heldOutIndices, scale: data.scale)
    let forecasts = iteratedForecasts({ model($0) }, input: input, maxHorizon: Evaluation.horizons.max()!)
    let series = data.heldOutSeries
    let mase = Evaluation.horizons.map { h in forecastMASE(forecasts[h - 1], series: series, horizon: h, warm: data.probe.warm) }
    // In standardised units whatever the models read, so that raw and standardised runs compare.
    let unit = data.metricScale.std / data.scale.std
    let loss = Double(meanSquaredError(forecasts[0], target).scalar) / (unit * unit)
    let states = pooledRows(model.hiddenStates(input), warm: data.probe.warm)
    let scores = (try? data.probe.score(states, nonlinear: nonlinear, seed: seed)) ?? .failed
    return Evaluation(step: step, loss: loss, mase: mase, scores: scores)
}
