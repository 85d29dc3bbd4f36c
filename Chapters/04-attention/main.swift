//: # Chapter 4 · Attention as learned delay selection
//:
//: A state-space layer (chapter 3) comes with a memory built in: exponentially decaying filters of the past.
//: Attention comes with none. At every position it can read *any* earlier position, and it chooses which by
//: comparing them. If chapter 1 built a delay vector by picking the samples x(t), x(t−τ), x(t−2τ), attention
//: can learn to pick them — but it must learn *where* τ is, and it only can if it knows where it is.

import _Differentiation
import Experiments
import Learning
import LinearAlgebra
import Notebook
import SequenceModels

let options = Chapter4.parseOrExit()
let scale = options.common.scale
let seed = options.common.seed

Notebook.run(chapter: "04-attention", title: "Chapter 4 · Attention as learned delay selection", options: options.common) { nb in

    //: ## 1. Attention reads the past by content and position
    //:
    //: A causal self-attention head maps each position's hidden vector h_i to a query q_i = W_Q h_i, a key
    //: k_i = W_K h_i and a value v_i = W_V h_i, and outputs
    //:
    //:     o_i = Σ_{j ≤ i} A_ij v_j,      A_ij = softmax_j( q_i · k_j / √d_head ),
    //:
    //: a weighted average of the values of the past (the causal mask removes j > i). Scaling by √d_head keeps
    //: the scores of order one however wide the head. H heads run side by side on d/H channels each and their
    //: outputs are mixed by W_O. If a head puts all its weight on j = i − τ, its output is v_{i−τ}: an explicit
    //: delay coordinate. Several heads at several lags make a delay vector.
    //:
    //: Nothing in the formula prefers any lag: without information about position, the scores depend only on
    //: the *contents* h_i and h_j. The backward pass is hand-written for speed (`CausalAttention.swift`); the
    //: program checks causality — changing the last input must leave every earlier output unchanged.
    nb.section("1. Attention reads the past by content and position")
    var checkRNG = SeededRNG(seed: seed, stream: 5)
    let probeModel = TransformerModel<Double>(width: 8, heads: 2, readoutHidden: 8, positionalEncoding: .learned,
                                              maxLength: 32, rng: &checkRNG)
    var sequence = (0..<32).map { _ in checkRNG.normal() }
    let before = probeModel(Tensor(shape: [1, 32, 1], scalars: sequence)).scalars
    sequence[31] += 1
    let after = probeModel(Tensor(shape: [1, 32, 1], scalars: sequence)).scalars
    let leak = zip(before.prefix(31), after.prefix(31)).map { abs($0 - $1) }.max()!
    nb.result("largest change of outputs 0…30 after changing input 31", leak, digits: 2)

    //: ## 2. Telling attention where it is
    //:
    //: Three ways to give attention a sense of position, each added to (or applied inside) the layer:
    //:
    //: * **none** — the layer sees a bag of past inputs; only the causal mask, and how much of the past there
    //:   is, tell positions apart;
    //: * **learned** absolute positions (paper 000's default) — a trainable vector p_t added to the input at
    //:   position t, one per position up to the maximum length;
    //: * **sinusoidal** positions (Vaswani et al. 2017) — fixed sines and cosines of t at geometrically spaced
    //:   frequencies, so that a *relative* shift is a rotation any head can learn to read.
    //:
    //: (Rotary embeddings, which rotate queries and keys by their positions so that scores depend on i − j
    //: only, are implemented too; chapter 6 treats them as a change of the coefficient dynamics.)
    nb.section("2. Telling attention where it is")
    let variants: [(name: String, encoding: PositionalEncoding)] = scale.pick(
        quick: [("no positions", .none), ("learned positions", .learned)],
        standard: [("no positions", .none), ("learned positions", .learned), ("sinusoidal positions", .sinusoidal)])
    nb.say("Variants trained below: " + variants.map(\.name).joined(separator: ", ") + ".")

    //: ## 3. Training paper 000's transformer
    //:
    //: Paper 000's transformer is one attention layer between an encoder and a read-out: the scalar x_t is
    //: lifted to d channels (plus the positional vector), normalised (h0 = LN(e)), passed through causal
    //: multi-head attention with a residual connection, r = h0 + Attention(h0), normalised again and read out
    //: by an MLP that predicts x(t+1). The residual stream r is the hidden state the paper analyses, as we do.
    //: There is no MLP inside the block: all the mixing over time is done by one attention layer.
    //:
    //: We train each variant exactly as chapter 3 trained the LRU model — the same data, windows, schedule
    //: and held-out probes (`Sources/Experiments`) — and record the held-out loss and what r knows about z.
    nb.section("3. Training paper 000's transformer")
    let width = options.width ?? scale.pick(quick: 16, standard: 32)
    guard width % options.heads == 0 else {
        throw NotebookError("the width \(width) is not divisible by --heads \(options.heads); pass --width")
    }
    let length = scale.pick(quick: 200, standard: 250, full: 500)
    let trainingSteps = scale.pick(quick: 150, standard: 1_500, full: 5_000)
    let batchSize = 10
    let task = ObservedLorenz(steps: scale.pick(quick: 4_000, standard: 12_000, full: 30_000), relativeNoise: 0.01, seed: seed)
    let batches = try SequenceBatches(task: task, length: length)
    let validationInput = batches.inputs(batches.validationStarts)
    let validationTarget = batches.targets(batches.validationStarts)
    let warm = min(100, length / 2)   // early positions have little past to attend to
    let validationYZ = batches.validationHidden(warm: warm)

    // The variants train side by side, one core each (Experiments' sideBySide): a model this small gains little from
    // a second thread (AMD EPYC Zen 3: 39 s for the three on one thread, 35 s on two), and two at once use both
    // cores. Each run's numbers are the same bits whichever core ran it and whatever ran beside it.
    typealias Curve = [(step: Int, loss: Double, probe: ProbeResult)]
    let bar = RunProgress(nb.progress("training", total: variants.count * trainingSteps))
    let runs = try sideBySide(variants.map { variant in
        { () throws -> (model: TransformerModel<Float>, curve: Curve, stepsPerSecond: Double) in
            var modelRNG = SeededRNG(seed: seed, stream: 3)
            var model = TransformerModel<Float>(width: width, heads: options.heads, readoutHidden: 50,
                                                positionalEncoding: variant.encoding, maxLength: length, rng: &modelRNG)
            var batchRNG = SeededRNG(seed: seed, stream: 4)
            let batchStarts = batches.trainingStarts(steps: trainingSteps, batchSize: batchSize, rng: &batchRNG)
            var curve: Curve = []
            func evaluate(_ step: Int, _ model: TransformerModel<Float>) {
                let loss = Double(meanSquaredError(model(validationInput), validationTarget).scalar)
                let states = pooledRows(model.hiddenStates(validationInput), warm: warm)
                curve.append((step, loss, (try? probe(states, targets: validationYZ)) ?? .failed))
            }
            evaluate(0, model)
            var trainer = Trainer.adamWWarmupCosine(for: model, learningRate: options.training.learningRate, steps: trainingSteps,
                                                    evaluate: evaluate,
                                                    progress: { step, _ in bar.update(variant.name, step: step, of: trainingSteps) })
            do {
                let report = try trainer.fit(&model, steps: trainingSteps) { model, step in
                    let starts = withoutDerivative(at: batchStarts[step - 1])
                    return meanSquaredError(model(batches.inputs(starts)), batches.targets(starts))
                }
                return (model, curve, report.stepsPerSecond)
            } catch let error as TrainingError {
                throw NotebookError.diverged(error, run: variant.name, learningRate: options.training.learningRate)
            }
        }
    })
    bar.finish()
    let trained = zip(variants, runs).map { (name: $0.name, model: $1.model) }
    let curves = runs.map(\.curve)
    for (variant, run) in zip(variants, runs) {
        nb.timing("\(variant.name): \(Format.number(run.stepsPerSecond, digits: 3)) steps/s")
    }
    nb.result("parameters (d = \(width), \(options.heads) heads, no positional table)", runs[0].model.parameterCount)

    // Baselines for the loss: persistence (x̂(t+1) = x(t)) on the same held-out positions, and the noise floor,
    // the variance of the observation noise in the targets (η² in standardised units), below which no forecast of
    // the noisy series can go.
    let inputs = validationInput.scalars.map(Double.init), targets = validationTarget.scalars.map(Double.init)
    let persistenceMSE = zip(inputs, targets).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(targets.count)
    let persistenceMAE = zip(inputs, targets).map { abs($0 - $1) }.reduce(0, +) / Double(targets.count)
    let noiseFloor = task.relativeNoise * task.relativeNoise
    var lossFile = nb.data("loss", header: ["step"] + variants.map(\.name) + ["persistence", "noise floor"])
    var decodingFile = nb.data("decoding", header: ["step"] + variants.map(\.name) + variants.map { "\($0.name) (linear)" })
    for row in curves[0].indices {
        lossFile.row([Double(curves[0][row].step)] + curves.map { $0[row].loss } + [persistenceMSE, noiseFloor])
        decodingFile.row([Double(curves[0][row].step)] + curves.map { $0[row].probe.crossMapped[1] }
                         + curves.map { $0[row].probe.linear[1] })
    }
    try nb.save(lossFile)
    try nb.save(decodingFile)
    var resultTable = Table(["variant", "held-out MSE init → trained", "MASE(1) trained", "R² z cross map init → trained",
                             "R² z linear init → trained"])
    for ((variant, curve), model) in zip(zip(variants, curves), trained.map(\.model)) {
        let first = curve.first!, last = curve.last!
        let predicted = model(validationInput).scalars.map(Double.init)
        let mase1 = zip(predicted, targets).map { abs($0 - $1) }.reduce(0, +) / Double(targets.count) / persistenceMAE
        resultTable.add(variant.name, "\(Format.number(first.loss)) → \(Format.number(last.loss))", Format.number(mase1),
                        "\(Format.number(first.probe.crossMapped[1])) → \(Format.number(last.probe.crossMapped[1]))",
                        "\(Format.number(first.probe.linear[1])) → \(Format.number(last.probe.linear[1]))")
    }
    resultTable.add("persistence (x stays put)", Format.number(persistenceMSE), "1", "—", "—")
    resultTable.add("noise floor (η²)", Format.number(noiseFloor), "—", "—", "—")
    nb.table(resultTable)

    //: ## 4. Which lags does attention read?
    //:
    //: If attention is doing delay selection, its weights should single out lags. We average A_ij over the
    //: held-out sequences and over query positions i (past the first `warm` ones), as a function of the lag
    //: i − j, for each head of the trained model with learned positions, and compare with chapter 1's τ ≈ 17
    //: steps (figure `attention.png`). A head concentrated at lag 0 reads the present; a head spread over many
    //: lags averages the past, like a slow state-space mode; a peak at a lag > 0 is a learned delay.
    //:
    //: What our runs show at the default scale (1 500 steps): the heads spread their weight broadly — mean lags
    //: of tens of steps, no single lag singled out. They *average* the past rather than select delays. Paper
    //: 000 trained for about 200 000 steps; sharp delay selection, where it appears, appears late (try
    //: `--full`). That is the paper's point seen from the other side: attention has to *learn* a delay
    //: structure that a state-space layer is born with.
    nb.section("4. Which lags does attention read?")
    let withPositions = trained.first { $0.name == "learned positions" }!.model
    let weights = withPositions.attentionWeights(validationInput)     // [B, H, T, T]
    let (sequences, heads, positions) = (weights.shape[0], weights.shape[1], weights.shape[2])
    let maxLag = min(100, warm)
    var byLag = [[Double]](repeating: [Double](repeating: 0, count: maxLag + 1), count: heads)
    for b in 0..<sequences { for h in 0..<heads { for i in warm..<positions { for lag in 0...maxLag {
        byLag[h][lag] += Double(weights.scalars[((b * heads + h) * positions + i) * positions + (i - lag)])
    } } } }
    let count = Double(sequences * (positions - warm))
    // The null: uniform causal attention, query i giving each of its i + 1 keys 1/(i + 1), over the same queries.
    let uniform = (0...maxLag).map { lag in (warm..<positions).reduce(0.0) { $0 + 1 / Double($1 + 1) } / Double(positions - warm) }
    var attentionFile = nb.data("attention", header: ["lag"] + (1...heads).map { "head \($0)" } + ["tau", "uniform attention"])
    for lag in 0...maxLag { attentionFile.row([Double(lag)] + byLag.map { $0[lag] / count } + [17, uniform[lag]]) }
    try nb.save(attentionFile)
    var headTable = Table(["head", "weight on lag 0", "weight on lags 1–5", "weight on lags 6–40", "mean lag ≤ \(maxLag)"])
    for (name, w) in (0..<heads).map({ ("\($0 + 1)", byLag[$0].map { $0 / count }) }) + [("uniform attention (the null)", uniform)] {
        let meanLag = zip(w.indices, w).reduce(0) { $0 + Double($1.0) * $1.1 } / max(w.reduce(0, +), 1e-12)
        headTable.add(name, w[0], w[1...5].reduce(0, +), w[6...min(40, maxLag)].reduce(0, +), meanLag)
    }
    nb.table(headTable)

    //: ## 5. Predictions
    //:
    //: After training every variant beats persistence one step ahead — "x stays where it is", which at
    //: dt = 0.01 is already a good forecast — but by less than the curves' fall from initialisation suggests
    //: (figure `learning.png` draws persistence and the noise floor, η² = 10⁻⁴, below which no forecast of the
    //: noisy series can go). In our run (one seed; the table in section 3) MASE(1) is 0.74 without positions,
    //: 0.60 with learned ones and 0.42 with sinusoidal ones, and the errors stay 7 to 20 times above the noise
    //: floor; chapter 3's LRU reached 3.8·10⁻⁴ on the same series (with windows twice as long). Figure
    //: `predictions.png` shows the first held-out sequence. What differs more between the variants is what
    //: their states know.
    nb.section("5. Predictions")
    var predictionFile = nb.data("predictions", header: ["position", "observed"] + variants.map(\.name))
    let outputs = trained.map { $0.model(validationInput).scalars }
    for t in 0..<length {
        predictionFile.row([Double(t), Double(validationTarget.scalars[t])] + outputs.map { Double($0[t]) })
    }
    try nb.save(predictionFile)
    nb.say("Wrote the first held-out sequence and each model's one-step predictions.")

    //: ## 6. What we learned
    //:
    //: * Attention *can* select delays — a head concentrated on one lag outputs a delay coordinate — but after
    //:   a short training our heads still average broadly over the past (section 4).
    //: * Unlike a state-space layer, attention has no built-in memory. Its residual stream is the normalised
    //:   present input (plus position) and an average of the past, and knows far less about z than chapter 3's
    //:   LRU state did before any training; the loss falls all the same, because one step ahead the present
    //:   and a smoothed past already predict well.
    //: * Positional information changes what the layer can learn; compare the variants' rows above. A learned
    //:   table starts as random vectors as large as the input itself, which at first hides x behind position.
    //:
    //: Chapter 5 puts the LRU model and this transformer side by side on paper 000's full protocol: several
    //: sizes, noise levels and seeds, and the embedding metrics at initialisation and after training.
    nb.section("6. What we learned")
    var summary = Table(["variant", "held-out MSE (trained)", "R² z cross map (init)", "R² z cross map (trained)"])
    for (variant, curve) in zip(variants, curves) {
        summary.add(variant.name, curve.last!.loss, curve.first!.probe.crossMapped[1], curve.last!.probe.crossMapped[1])
    }
    nb.table(summary)
}

//: Exercises for this chapter are in `Exercises/04-attention/`: fill in the functions, then `make grade STUDENT=.` checks
//: your answers (see `docs/assignments.md`).
