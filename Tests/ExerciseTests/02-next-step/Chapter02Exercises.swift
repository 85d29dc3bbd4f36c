import Dynamics
import Exercises
import Foundation
import Learning
import LinearAlgebra
import Testing

/// Chapter 2's exercises (learning next-step prediction).
@Suite struct Chapter02Exercises {
    @Test func exercise2_1() throws {
        // Training series 0, 1, 2, 3, 4: the naive forecast is off by h at horizon h.
        let training: [Double] = [0, 1, 2, 3, 4]
        #expect(abs(try Ch02.mase(actual: [1, 2], predicted: [1.5, 1.5], training: training, horizon: 1) - 0.5) < 1e-12)
        #expect(abs(try Ch02.mase(actual: [1, 2], predicted: [1.5, 1.5], training: training, horizon: 2) - 0.25) < 1e-12)
        expectInvalidInput("lengths differ") { _ = try Ch02.mase(actual: [1], predicted: [1, 2], training: training, horizon: 1) }
        // BEGIN HIDDEN TESTS
        expectInvalidInput("horizon 0") { _ = try Ch02.mase(actual: [1], predicted: [1], training: training, horizon: 0) }
        expectInvalidInput("horizon too long") { _ = try Ch02.mase(actual: [1], predicted: [1], training: training, horizon: 5) }
        expectInvalidInput("constant training") { _ = try Ch02.mase(actual: [1], predicted: [2], training: [3, 3, 3], horizon: 1) }
        expectInvalidInput("empty") { _ = try Ch02.mase(actual: [], predicted: [], training: training, horizon: 1) }
        var rng = SeededRNG(seed: 11)
        let train = (0..<300).map { _ in rng.normal() }, actual = (0..<50).map { _ in rng.normal() }
        let predicted = actual.map { $0 + 0.3 * rng.normal() }
        for h in [1, 3, 10] {
            let reference = meanAbsoluteError(actual: actual, predicted: predicted) / naiveForecastMAE(train, horizon: h)
            #expect(abs(try Ch02.mase(actual: actual, predicted: predicted, training: train, horizon: h) - reference) < 1e-12)
        }
        // END HIDDEN TESTS
    }

    @Test func exercise2_2() throws {
        // A sinusoid obeys x(t+1) = 2cos(ω) x(t) − x(t−1) exactly, so the rollout of that AR(2) predictor from a
        // true history must continue the sinusoid.
        let omega = 0.1
        let wave = (0..<300).map { sin(omega * Double($0)) }
        let rolled = try Ch02.rollout(history: Array(wave[0..<100]), steps: 200, coordinates: 2, spacing: 1) { w in
            2 * cos(omega) * w[0] - w[1]
        }
        #expect(rolled.count == 200)
        #expect(maxDifference(rolled, Array(wave[100...])) < 1e-9)
        expectInvalidInput("history too short") {
            _ = try Ch02.rollout(history: [1, 2], steps: 3, coordinates: 3, spacing: 1) { $0[0] }
        }
        // BEGIN HIDDEN TESTS
        // Spacing > 1: predicting the oldest coordinate x(t − (D−1)s) repeats the history with period (D−1)s + 1.
        let history = (0..<9).map(Double.init)    // window (x(t), x(t−4), x(t−8)) of D = 3, s = 4 needs 9 values
        var windows: [[Double]] = []
        let repeated = try Ch02.rollout(history: history, steps: 12, coordinates: 3, spacing: 4) { w in
            windows.append(w)
            return w[2]
        }
        #expect(repeated == (0..<12).map { Double($0 % 9) })
        #expect(windows.first == [8, 4, 0])
        #expect(windows.count == 12, "predict must be called once per step")
        #expect(try Ch02.rollout(history: [1], steps: 0, coordinates: 1, spacing: 1) { $0[0] } == [])
        expectInvalidInput("spacing 0") { _ = try Ch02.rollout(history: history, steps: 1, coordinates: 2, spacing: 0) { $0[0] } }
        // END HIDDEN TESTS
    }

    @Test func exercise2_3() throws {
        // 3 + sin(ωt) obeys x(t+1) = 2cos(ω) x(t) − x(t−1) + 3(2 − 2cos ω): an exact AR(2) with an intercept.
        let omega = 0.2
        let series = (0..<200).map { 3 + sin(omega * Double($0)) }
        let model = try Ch02.fitAR(series, order: 2)
        #expect(model.coefficients.count == 2)
        #expect(abs(model.coefficients[0] - 2 * cos(omega)) < 1e-6, "a_0 = \(model.coefficients[0])")
        #expect(abs(model.coefficients[1] + 1) < 1e-6, "a_1 = \(model.coefficients[1])")
        #expect(abs(model.intercept - 3 * (2 - 2 * cos(omega))) < 1e-5, "b = \(model.intercept)")
        // BEGIN HIDDEN TESTS
        expectInvalidInput("order 0") { _ = try Ch02.fitAR(series, order: 0) }
        expectInvalidInput("too few equations") { _ = try Ch02.fitAR([1, 2, 3, 4], order: 3) }
        // On noisy Lorenz data the fit must predict as well as the library's least squares (ridge with a tiny λ).
        let x = observedLorenz(steps: 3_000, noise: 0.01, seed: 4).x
        let p = 6
        let fitted = try Ch02.fitAR(x, order: p)
        let times = Array((p - 1)..<(x.count - 1))
        let inputs = Matrix<Double>(rowArrays: times.map { t in (0..<p).map { x[t - $0] } })
        let targets = times.map { x[$0 + 1] }
        let reference = try ridge(inputs, Matrix(column: targets), lambda: 1e-9)
        let mine = times.map { t in zip(fitted.coefficients, (0..<p).map { x[t - $0] }).reduce(fitted.intercept) { $0 + $1.0 * $1.1 } }
        let mseMine = mse(actual: targets, predicted: mine), mseReference = mse(actual: targets, predicted: reference.predict(inputs).data)
        #expect(mseMine <= mseReference * 1.001 + 1e-12, "your one-step MSE \(mseMine), least squares \(mseReference)")
        // END HIDDEN TESTS
    }

    @Test func exercise2_4() throws {
        let prediction = try Ch02.narrowLayerPrediction()
        #expect(Prediction.allCases.contains(prediction))
        // BEGIN HIDDEN TESTS
        let wide = untrainedProbe(hidden: 64), narrow = untrainedProbe(hidden: 4)
        let measured: Prediction = narrow > wide + 0.05 ? .increases : (narrow < wide - 0.05 ? .decreases : .staysAboutTheSame)
        #expect(prediction == measured, "mean R² of z over 3 random networks: \(wide) with 64 units, \(narrow) with 4")
        // END HIDDEN TESTS
    }

    /// Chapter 2's probe of the untrained MLP: windows of D = 8 coordinates spaced 5 steps apart of the standardised
    /// observation; a linear probe from the last hidden layer to z, fitted on half the windows and scored on the
    /// other half. Averaged over three random networks.
    func untrainedProbe(hidden: Int) -> Double {
        let data = observedLorenz(steps: 6_000, noise: 0.01, seed: 1)
        let series = standardize(data.x).values
        let times = Array(35..<(series.count - 1))
        let inputs = Matrix<Double>(rowArrays: times.map { t in (0..<8).map { series[t - 5 * $0] } })
        let z = data.hidden.selectingColumns([1]).selectingRows(times)
        var scores: [Double] = []
        for seed: UInt64 in [1, 2, 3] {
            var rng = SeededRNG(seed: seed, stream: 3)
            let mlp = MLP<Double>(sizes: [8, hidden, hidden, 1], activation: .gelu, rng: &rng)
            let features = gelu(mlp.layers[1](gelu(mlp.layers[0](Tensor(inputs))))).matrix
            scores.append((try? decodeR2(features: features, targets: z, trainFraction: 0.5).perColumn[0]) ?? .nan)
        }
        return scores.reduce(0, +) / Double(scores.count)
    }
}
