import Testing
import Dynamics
import Experiments
import Learning
import LinearAlgebra

/// Chapter 5's data and scores: paper 000's ensemble, the forecast MASE and the two decoders.
@Suite struct EmbeddingExperimentTests {
    @Test func ensembleHasPaperShapeAndPairedNoise() {
        let clean = LorenzEnsemble(count: 6, length: 120, noise: 0, seed: 3, stream: 0)
        let noisy = LorenzEnsemble(count: 6, length: 120, noise: 0.5, seed: 3, stream: 0)
        #expect(clean.count == 6 && clean.length == 120)
        #expect(clean.states == noisy.states, "noise levels of one seed share their trajectories")
        let residual = zip(clean.observed.flatMap { $0 }, noisy.observed.flatMap { $0 }).map { $1 - $0 }
        #expect(abs(standardDeviation(residual) - 0.5) < 0.05)
        let other = LorenzEnsemble(count: 6, length: 120, noise: 0, seed: 3, stream: 1)
        #expect(other.states != clean.states, "training and held-out streams are independent")
        let scale = clean.standardization
        let input = clean.inputs([2], scale: scale), target = clean.targets([2], scale: scale)
        #expect(input.shape == [1, 119, 1])
        #expect(input.scalars[1] == target.scalars[0])
        #expect(clean.hidden([2], warm: 10)[0, 1] == clean.states[2][10, 2])
    }

    @Test func persistenceScoresOneAndAPerfectForecastZero() {
        let ensemble = LorenzEnsemble(count: 3, length: 100, noise: 0.1, seed: 1, stream: 0)
        let scale = ensemble.standardization
        let series = ensemble.observed.map { scale.apply($0) }
        let input = ensemble.window([0, 1, 2], offset: 0, count: 80, scale: scale)
        // The identity "model" repeats its input: h iterations of it are the h-step persistence forecast.
        let identity = iteratedForecasts({ $0 }, input: input, maxHorizon: 7)
        #expect(abs(forecastMASE(identity[6], series: series, horizon: 7, warm: 5) - 1) < 1e-6, "Float inputs round the series")
        let perfect = ensemble.window([0, 1, 2], offset: 7, count: 80, scale: scale)
        #expect(forecastMASE(perfect, series: series, horizon: 7, warm: 5) < 1e-6)
    }

    @Test func mlpDecoderReadsWhatRidgeCannot() throws {
        // z = x² is invisible to a linear read-out on symmetric data and easy for a small MLP.
        var rng = SeededRNG(seed: 9)
        let x = (0..<800).map { _ in rng.uniform(-2, 2) }
        let features = Matrix(column: x)
        let targets = Matrix(rowArrays: x.map { [$0, $0 * $0] })
        let mlp = mlpDecodeR2(features: features, targets: targets)
        let linear = try decodeR2(features: features, targets: targets, trainFraction: 0.5).perColumn
        #expect(mlp[0] > 0.95 && mlp[1] > 0.9, "MLP R² \(mlp)")
        #expect(linear[1] < 0.1, "ridge R² of x² \(linear[1])")
    }

    @Test func probeScoresTheTrueStateAsAnEmbedding() throws {
        let ensemble = LorenzEnsemble(count: 4, length: 300, noise: 0.05, seed: 2, stream: 1)
        let probe = EmbeddingProbe(ensemble: ensemble, trajectories: [0, 1, 2, 3], warm: 20, scale: ensemble.standardization)
        let truth = ensemble.fullState([0, 1, 2, 3], warm: 20)
        let perfect = try probe.score(truth, nonlinear: false)
        #expect(perfect.linearR2.allSatisfy { $0 > 0.999 })
        #expect(perfect.overlap > 0.99)
        var rng = SeededRNG(seed: 5)
        let noise = Matrix(rows: truth.rows, cols: 3, data: (0..<(truth.rows * 3)).map { _ in rng.normal() })
        let junk = try probe.score(noise, nonlinear: false)
        #expect(junk.overlap < 0.1)
        #expect(junk.amplification.futureSpread > 3 * perfect.amplification.futureSpread)
        #expect(throws: ExperimentError.self) { try probe.score(truth.selectingRows(0..<10), nonlinear: false) }
    }
}
