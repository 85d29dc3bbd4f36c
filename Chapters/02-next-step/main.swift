//: # Chapter 2 · Learning next-step prediction
//:
//: Chapter 1 rebuilt the Lorenz state from delays of x by hand. Now we let a model *learn* to use those
//: delays. The task is the one every later chapter trains on: given the past of the noisy observation x,
//: predict its next value x(t+1). Nothing in this objective mentions y or z. The question that runs through
//: the course is whether, in learning to predict, a model builds an internal representation of the hidden
//: state anyway. This chapter asks it of the two simplest predictors: a linear autoregressive model and a
//: small multilayer perceptron (MLP), both reading a delay vector.
//:
//: New here: differentiable tensors, layers, the AdamW optimiser with a warm-up + cosine learning-rate
//: schedule, teacher forcing, rollouts, and the mean absolute scaled error (MASE).

import _Differentiation
import Dynamics
import Learning
import LinearAlgebra
import Notebook

let options = Chapter2.parseOrExit()
let scale = options.common.scale
let seed = options.common.seed

Notebook.run(chapter: "02-next-step", title: "Chapter 2 · Learning next-step prediction", options: options.common) { nb in

    //: ## 1. The data and the task
    //:
    //: The data are chapter 1's: Lorenz-63 at dt = 0.01 after a burn-in, observed through x alone with
    //: Gaussian noise of 1% of its standard deviation. We split the series in time: the first 70% trains the
    //: models, the last 30% is held out for every number we report (never a random split: neighbouring
    //: samples are almost identical, and a random split would let a model "predict" a test point from its
    //: twin in the training set).
    //:
    //: Networks train best on inputs of order one, so we **standardise** x with the mean and standard
    //: deviation of the training part: all errors below are in units of std(x) ≈ 7.9.
    //:
    //: Both models read the window w(t) = (x(t), x(t−s), …, x(t−(D−1)s)) with D = 8 coordinates spaced s = 5
    //: steps apart: a chapter-1 delay vector with a short spacing, so it also carries the local slope, and a
    //: span of 35 steps, two AMI delays, enough to unfold the attractor.
    let dt = 0.01
    let steps = scale.pick(quick: 8_000, standard: 40_000, full: 120_000)
    var dataRNG = SeededRNG(seed: seed, stream: 1)
    let start = randomInitialConditions(box: [-15..<15, -20..<20, 5..<40], count: 1, rng: &dataRNG)[0]
    let trajectory = integrate(Lorenz63(), from: start, dt: dt, steps: steps, burnIn: 2_000)
    let x = observe(trajectory, coordinate: 0)
    var noiseRNG = SeededRNG(seed: seed, stream: 2)
    let observed = addNoise(x, std: 0.01 * standardDeviation(x), rng: &noiseRNG)
    let split = Int(0.7 * Double(steps))
    let standardisation = Standardization(fitting: Array(observed[..<split]))
    let series = standardisation.apply(observed)

    let windows = Windows(coordinates: 8, spacing: 5)
    let trainTimes = windows.firstTime..<(split - 1)
    let testTimes = (split + windows.firstTime)..<(steps - 1)
    let train = windows.dataset(series, times: trainTimes)
    let test = windows.dataset(series, times: testTimes)
    let hiddenTest = trajectory.selectingColumns([1, 2]).selectingRows(testTimes.map { $0 })
    nb.section("1. The data and the task")
    nb.say("\(train.inputs.rows) training windows and \(test.inputs.rows) held-out windows of D = \(windows.coordinates) "
           + "coordinates spaced s = \(windows.spacing) steps; x standardised to mean 0, std 1 on the training part.")

    //: ## 2. A linear autoregressive model
    //:
    //: The simplest predictor is linear: x̂(t+1) = aᵀ w(t) + b, an autoregressive (AR) model. Its best
    //: coefficients minimise the squared error over the training set, a least-squares problem we solve in
    //: closed form (ridge regression with a tiny penalty, as in chapter 1). No iterations, no learning rate.
    //: It is a strong baseline one step ahead — over 0.01 time units the flow is nearly linear — but it
    //: cannot represent the *nonlinear* terms of the Lorenz equations, and that will show when we run it
    //: forward on its own predictions.
    let ar = try ridge(train.inputs, train.targets, lambda: 1e-6)
    let arPredict: (Matrix<Double>) -> [Double] = { ar.predict($0).data }
    let arTestMSE = mse(actual: test.targets.data, predicted: arPredict(test.inputs))
    nb.section("2. A linear autoregressive model")
    nb.result("linear AR, held-out one-step MSE", arTestMSE)
    nb.say("Coefficients on x(t), x(t−s), …: " + ar.weights.data.map { Format.number($0, digits: 3) }.joined(separator: ", "))

    //: ## 3. An MLP trained by gradient descent
    //:
    //: The MLP computes x̂(t+1) = W₃ g(W₂ g(W₁ w(t) + b₁) + b₂) + b₃, with g the GELU nonlinearity and two
    //: hidden layers of 64 units. There is no closed form now: we minimise the mean squared error (MSE) by
    //: gradient descent, with gradients from Swift's automatic differentiation (each primitive — matrix
    //: product, GELU, the loss — has a hand-written backward pass over BLAS; see `Sources/Learning`).
    //:
    //: Training is **teacher forced**: each input window holds the *true* past, never the model's own
    //: predictions, so every training example is independent and the loss is a plain regression loss.
    //: The optimiser is AdamW (Loshchilov & Hutter 2019): Adam's per-parameter step sizes from running
    //: averages of the gradient and its square, plus weight decay applied directly to the weights. The
    //: learning rate rises linearly for 100 steps (warm-up: Adam's early averages are unreliable) and then
    //: follows a cosine down to 5% of its peak; gradients are clipped to global norm 1.
    let trainingSteps = scale.pick(quick: 1_000, standard: 6_000, full: 20_000)
    let batchSize = 256
    var modelRNG = SeededRNG(seed: seed, stream: 3)
    var mlp = MLP<Float>(sizes: [windows.coordinates, options.hidden, options.hidden, 1], activation: .gelu, rng: &modelRNG)
    let trainInputs = Tensor<Float>(floats(train.inputs)), trainTargets = Tensor<Float>(floats(train.targets))
    let testInputs = Tensor<Float>(floats(test.inputs))
    var batchRNG = SeededRNG(seed: seed, stream: 4)
    let batches: [[Int]] = (0..<trainingSteps).map { _ in
        (0..<batchSize).map { _ in Int(batchRNG.next() % UInt64(train.inputs.rows)) }
    }

    /// The last hidden layer's activations: the representation the linear read-out W₃ sees.
    func hiddenState(_ model: MLP<Float>, _ inputs: Tensor<Float>) -> Matrix<Double> {
        let h = gelu(model.layers[1](gelu(model.layers[0](inputs))))
        return doubles(h.matrix)
    }
    func mlpPredict(_ model: MLP<Float>) -> (Matrix<Double>) -> [Double] {
        { inputs in model(Tensor<Float>(floats(inputs))).scalars.map(Double.init) }
    }

    // Linear decoding of y and z on the held-out windows: fit on its first half, score on the second.
    let delayDecoding = try decodeR2(features: test.inputs, targets: hiddenTest, trainFraction: 0.5).perColumn
    var learningFile = nb.data("learning", header: ["step", "train_loss", "val_loss", "ar_val_loss"])
    var decodingFile = nb.data("decoding", header: ["step", "r2_y_hidden", "r2_z_hidden", "r2_y_delay", "r2_z_delay"])
    var recentLoss = Double.nan
    func evaluate(_ step: Int, _ model: MLP<Float>) {
        let validation = mse(actual: test.targets.data, predicted: mlpPredict(model)(test.inputs))
        learningFile.row([Double(step), recentLoss, validation, arTestMSE])
        let r2 = (try? decodeR2(features: hiddenState(model, testInputs), targets: hiddenTest, trainFraction: 0.5).perColumn) ?? [.nan, .nan]
        decodingFile.row([Double(step), r2[0], r2[1], delayDecoding[0], delayDecoding[1]])
    }
    evaluate(0, mlp)   // step 0: the untrained network

    let bar = nb.progress("training the MLP", total: trainingSteps)
    var trainer = Trainer.adamWWarmupCosine(for: mlp, learningRate: options.training.learningRate, steps: trainingSteps,
                                            evaluations: 20, evaluate: evaluate) { step, loss in
        recentLoss = recentLoss.isNaN ? loss : 0.9 * recentLoss + 0.1 * loss   // smoothed for the curve
        bar.update(step, "loss \(Format.number(loss, digits: 3))")
    }
    let report: TrainingReport
    do {
        report = try trainer.fit(&mlp, steps: trainingSteps) { model, step in
            let rows = withoutDerivative(at: batches[step - 1])
            return meanSquaredError(model(gather(rows: rows, of: trainInputs)), gather(rows: rows, of: trainTargets))
        }
    } catch let error as TrainingError {
        bar.finish()
        throw NotebookError.diverged(error, learningRate: options.training.learningRate, default: 3e-3)
    }
    bar.finish()
    let mlpTestMSE = mse(actual: test.targets.data, predicted: mlpPredict(mlp)(test.inputs))
    nb.section("3. An MLP trained by gradient descent")
    nb.result("MLP parameters", mlp.parameterCount)
    nb.result("MLP, held-out one-step MSE after \(trainingSteps) steps", mlpTestMSE)
    nb.result("linear AR, held-out one-step MSE", arTestMSE)
    nb.timing("MLP training: \(Format.number(report.stepsPerSecond, digits: 3)) steps/s")
    try nb.save(learningFile)

    //: ## 4. Teacher forcing is not forecasting
    //:
    //: One step ahead both models look excellent: at dt = 0.01 the next value is nearly the current one.
    //: The honest test is a **rollout**: start from a true window, predict one step, append the prediction,
    //: predict again from a window that now contains it, and so on. Errors feed back, and a model that only
    //: learned the local linear trend drifts off the attractor.
    //:
    //: We score rollouts with the **mean absolute scaled error** (Hyndman & Koehler 2006),
    //:
    //:     MASE(h) = mean |x̂(t+h) − x(t+h)|  /  mean over the training series of |x(t+h) − x(t)|,
    //:
    //: the error relative to the naive forecast "x stays where it is" at the same horizon h: Hyndman and
    //: Koehler's scale, taken per horizon. MASE < 1 beats the naive forecast; it is scale-free, so horizons and
    //: models are comparable. Two more columns make it readable. **Simplex** is chapter 1's simplex projection
    //: (d = 4, τ = 17 as chosen there), which needs no training at all and forecasts h steps ahead *directly*
    //: (it looks up what followed its neighbours h steps later), where the AR model and the MLP *iterate*
    //: their one-step forecast h times. **Climatology** forecasts the training mean whatever happens: it knows
    //: nothing, yet scores below 1 at long horizons, because there the naive forecast compares two nearly
    //: independent values of x, which differ by about √2 times as much as one value differs from the mean. A
    //: rollout that has decayed to the mean (the AR model's, below) scores the same while forecasting nothing;
    //: below the climatology line is where a long-horizon forecast starts to mean something.
    //:
    //: Read the table honestly: simplex projection stays ahead of the MLP at the longer horizons. It keeps
    //: the whole training attractor (tens of thousands of windows) and looks up neighbours in it, and it does
    //: not feed its own errors back; the MLP compresses the attractor into a few thousand numbers after seconds
    //: of training. The learned model's advantages are elsewhere — it is small, fast to evaluate,
    //: differentiable, and (next section) its internal coordinates say something about the hidden state.
    let horizons = scale.pick(quick: [1, 5, 10, 20, 50, 100], standard: [1, 2, 5, 10, 20, 35, 50, 75, 100, 150])
    let maxHorizon = horizons.max()!
    let starts = Array(stride(from: testTimes.lowerBound, to: steps - maxHorizon - 1, by: scale.pick(quick: 20, standard: 10)))
    let arRollouts = rollouts(from: starts, horizon: maxHorizon, series: series, windows: windows, predict: arPredict)
    let mlpRollouts = rollouts(from: starts, horizon: maxHorizon, series: series, windows: windows, predict: mlpPredict(mlp))
    let trainSeries = Array(series[..<split])
    func rolloutMASE(_ predicted: Matrix<Double>, horizon h: Int) -> Double {
        let errors = starts.indices.map { abs(predicted[$0, h - 1] - series[starts[$0] + h]) }
        return mean(errors) / naiveForecastMAE(trainSeries, horizon: h)
    }
    var maseFile = nb.data("mase", header: ["horizon", "ar", "mlp", "simplex", "climatology"])
    var maseTable = Table(["h", "linear AR", "MLP", "simplex (direct)", "climatology"])
    let trainingMean = mean(trainSeries)
    var maseAR: [Double] = [], maseMLP: [Double] = []
    for h in horizons {
        let simplex = try simplexForecast(series, dimension: 4, delay: 17, horizon: h, trainFraction: 0.7)
        let simplexMASE = meanAbsoluteError(actual: simplex.actual, predicted: simplex.predicted)
            / naiveForecastMAE(trainSeries, horizon: h)
        let a = rolloutMASE(arRollouts, horizon: h), m = rolloutMASE(mlpRollouts, horizon: h)
        // The same held-out targets as the rollouts, forecast by the training mean.
        let climatology = mean(starts.map { abs(trainingMean - series[$0 + h]) }) / naiveForecastMAE(trainSeries, horizon: h)
        maseAR.append(a); maseMLP.append(m)
        maseFile.row([Double(h), a, m, simplexMASE, climatology])
        maseTable.add(h, a, m, simplexMASE, climatology)
    }
    nb.section("4. Teacher forcing is not forecasting")
    nb.say("MASE of free-running rollouts from \(starts.count) held-out start times (1 = naive forecast):")
    nb.table(maseTable)
    try nb.save(maseFile)

    // One stretch of held-out data: one-step predictions and a single rollout from its start.
    let window = testTimes.lowerBound..<min(testTimes.lowerBound + 400, testTimes.upperBound)
    let shown = windows.dataset(series, times: window)
    let arOne = arPredict(shown.inputs), mlpOne = mlpPredict(mlp)(shown.inputs)
    let arRoll = rollouts(from: [window.lowerBound], horizon: window.count, series: series, windows: windows, predict: arPredict)
    let mlpRoll = rollouts(from: [window.lowerBound], horizon: window.count, series: series, windows: windows, predict: mlpPredict(mlp))
    var predictionFile = nb.data("predictions", header: ["t", "truth", "ar_one_step", "mlp_one_step", "ar_rollout", "mlp_rollout"])
    for (i, t) in window.enumerated() {
        predictionFile.row([Double(t + 1) * dt, series[t + 1], arOne[i], mlpOne[i], arRoll[0, i], mlpRoll[0, i]])
    }
    try nb.save(predictionFile)

    //: ## 5. What the hidden layer knows
    //:
    //: The MLP was never told about y or z. Does its hidden layer hold them anyway? We test this with a
    //: **linear probe**: a ridge regression from the last hidden layer's activations to (y, z), fit on half
    //: of the held-out windows and scored on the other half, at intervals during training (figure
    //: `decoding.png`). As a reference, the same probe reads the raw window w(t): it decodes y (nearly a
    //: linear function of the recent slope of x: y = x + ẋ/σ) but not z, for chapter 1's reason — z is
    //: unchanged by the symmetry (x, y, z) → (−x, −y, z), which flips the sign of w, and a linear function of
    //: w cannot be.
    //:
    //: The hidden layer decodes z almost perfectly — and, the surprise, it already does so at step 0, before
    //: any training. Sixty-four *random* GELU features of an 8-number window are enough for a linear probe to
    //: find the even function z: a random nonlinear expansion of a good delay vector is already a good
    //: representation of the state. Training improves the forecasts (section 4), not this. Keep this in
    //: mind: chapter 3 finds the same for untrained state-space layers, and chapter 5 makes "what a model
    //: knows at initialisation" one of its central measurements.
    try nb.save(decodingFile)
    let finalDecoding = try decodeR2(features: hiddenState(mlp, testInputs), targets: hiddenTest, trainFraction: 0.5).perColumn
    nb.section("5. What the hidden layer knows")
    var probeTable = Table(["linear probe from", "R² of y", "R² of z"])
    probeTable.add("the window w(t) (8 numbers)", delayDecoding[0], delayDecoding[1])
    let initialDecoding = try TSVTable(contentsOf: decodingFile.url)
    probeTable.add("the untrained hidden layer (step 0)", try initialDecoding.column("r2_y_hidden")[0],
                   try initialDecoding.column("r2_z_hidden")[0])
    probeTable.add("the trained hidden layer (\(options.hidden) units)", finalDecoding[0], finalDecoding[1])
    nb.table(probeTable)

    //: ## 6. What we learned
    //:
    //: * A linear AR model is a fair one-step forecaster — though the MLP's one-step error is clearly lower
    //:   (about 40% in our run) — and it falls apart when run on its own predictions, decaying towards the
    //:   mean, which MASE does not punish at long horizons (compare the climatology column); the MLP's
    //:   rollouts stay close to the truth for far longer. A nearest-neighbour forecaster with a large library
    //:   is still a strong opponent at long horizons, forecasting directly rather than iterating.
    //: * The honest score of a forecaster is its rollout error relative to the naive forecast (MASE).
    //: * The MLP's hidden layer holds z a linear read-out away, where the window itself does not — but so
    //:   does the untrained network's: random nonlinear features of a good delay vector already suffice.
    //:
    //: The MLP was handed a delay vector. Chapter 3 gives the model the raw sequence instead and lets a
    //: state-space layer build its own delays.
    nb.section("6. What we learned")
    var summary = Table(["quantity", "linear AR", "MLP"])
    summary.add("held-out one-step MSE", arTestMSE, mlpTestMSE)
    summary.add("rollout MASE, h = \(horizons[horizons.count / 2])", maseAR[horizons.count / 2], maseMLP[horizons.count / 2])
    summary.add("rollout MASE, h = \(maxHorizon)", maseAR.last!, maseMLP.last!)
    nb.table(summary)
}

//: Exercises for this chapter are in `Exercises/02-next-step/`: fill in the functions, then `make grade STUDENT=.` checks
//: your answers (see `docs/assignments.md`).
