//: # Chapter 7 · Do sequence models plan ahead?
//:
//: A trained sequence model's hidden state at position t often carries information about what comes *later*:
//: a linear probe on it predicts tokens t + 2, t + 3, … better than chance. Chapters 3–6 read hidden states as
//: delay embeddings of the past. This chapter asks where the future-looking part comes from. Wu, Morris and
//: Levine (2024, "Do language models plan ahead for future tokens?") offer two answers and an experiment that
//: tells them apart: *myopic training*.

import _Differentiation
import Dynamics
import Experiments
import Foundation
import Learning
import LinearAlgebra
import Notebook
import SequenceModels

let options = Chapter7.parseOrExit()
let scale = options.common.scale
let seed = options.common.seed
let seeds = (0..<(options.seeds ?? scale.pick(quick: 1, standard: 3))).map { seed + UInt64($0) }
let seedList = seeds.map(String.init).joined(separator: ", ")

Notebook.run(chapter: "07-planning-ahead", title: "Chapter 7 · Do sequence models plan ahead?", options: options.common) { nb in
    // The corpus is read first, so a missing one stops the chapter before minutes of training, not after.
    let corpus = try TextCorpus(path: options.corpus)

    //: ## 1. Pre-caching or breadcrumbs?
    //:
    //: Write the training loss of one sequence as a sum over positions, L = Σ_i ℓ_i, where ℓ_i is the loss of
    //: the prediction made at position i. Imagine for a moment that every position j had its *own* copy θ_j of
    //: the parameters (the computation "at" j: its residual stream, its MLPs, its queries, and the keys and
    //: values it offers to later positions). Then ℓ_i depends on θ_1 … θ_i, and the gradient for position j is
    //:
    //:     ∂L/∂θ_j  =  ∂ℓ_j/∂θ_j  +  Σ_{i > j} ∂ℓ_i/∂θ_j
    //:                 (myopic)       (off-diagonal: later losses through position j)
    //:
    //: The second sum trains the computation at j to be useful *later*, even if that costs something now.
    //: Two stories explain future information in hidden states:
    //:
    //: * **Pre-caching**: the off-diagonal terms make the model compute, at j, features that j itself does not
    //:   need but later positions do. Remove those terms and the features, and the loss they bought, disappear.
    //: * **Breadcrumbs**: the features that are best for predicting at j are already the ones later positions
    //:   can use. Future usefulness is a side effect; removing the off-diagonal terms costs (almost) nothing.
    //:
    //: In a real transformer the parameters are shared (θ_j = θ for all j), and the ordinary gradient is the sum
    //: of both kinds of terms. *Myopic training* keeps only the first kind, Σ_i ∂ℓ_i/∂θ_i: each loss may
    //: change the computation at its own position, never the computation of the past. The **myopia gap** is
    //: what this costs: loss of the myopically trained model minus loss of the vanilla one. A large gap means
    //: pre-caching was doing real work; a gap near zero means breadcrumbs suffice.
    nb.section("1. Pre-caching or breadcrumbs?")
    nb.say("Two experiments follow: a synthetic task built so that only pre-caching can solve it (sections 3–4), "
           + "and character-level language modelling on real English text (section 5). Section 6 measures the two "
           + "parts of the gradient directly while a model trains.")

    //: ## 2. Myopic training is one word
    //:
    //: In attention, position i reads the past through the keys k_j = W_K h_j and values v_j = W_V h_j of the
    //: earlier positions j < i, computed from their layer inputs h_j. That is the only road from ℓ_i back into
    //: the computation of an earlier position. Myopic training closes it by treating the past inputs as
    //: constants: a stop-gradient, which in Swift is `withoutDerivative(at:)`. From `CausalSelfAttention`:
    //:
    //:     let hPast = withoutDerivative(at: h)      // vanilla: the past is h itself
    //:     let kPast = key(hPast), vPast = value(hPast)
    //:     return output(causalAttention(q, k, v, pastKeys: kPast, pastValues: vPast, heads: heads))
    //:
    //: Scores and values of the *other* positions come from kPast and vPast, the position's own key and value
    //: (the diagonal) from the live k and v. As numbers kPast = k and vPast = v, so the forward pass is exactly
    //: the vanilla one; only the backward pass changes. Note what still learns from ℓ_i: the weights W_K and W_V,
    //: because kPast = W_K·hPast still depends on W_K (paper 002's choice: "the K/V projections applied to the
    //: past count as part of position i's computation"). Since the weights are shared, whatever position i
    //: learns to compute, every other position computes too.
    //:
    //: Every layer of the model gets the switch (`GPT.myopic`). The program checks both claims on a small model
    //: with token j at position j, so each embedding row belongs to one position: the logits agree to the last
    //: bit, and the loss at the last position sends no gradient at all to the embeddings of the positions before.
    nb.section("2. Myopic training is one word")
    var demoRNG = SeededRNG(seed: seed, stream: 5)
    let demoLength = 8
    let vanillaDemo = GPT<Double>(vocabularySize: demoLength, width: 8, layers: 2, heads: 2, maxLength: demoLength, rng: &demoRNG)
    var myopicDemo = vanillaDemo
    myopicDemo.myopic = true
    let demoIds = Array(0..<demoLength)
    let demoDifference = zip(vanillaDemo(demoIds, shape: [1, demoLength]).scalars, myopicDemo(demoIds, shape: [1, demoLength]).scalars)
        .map { abs($0 - $1) }.max()!
    nb.result("largest |myopic − vanilla| over all logits", demoDifference, digits: 2)
    func lastPositionLoss(_ m: GPT<Double>) -> Tensor<Double> {
        crossEntropy(logits: m(demoIds, shape: [1, demoLength]).sliced(alongAxis: 1, (demoLength - 1)..<demoLength), targets: [0])
    }
    for (name, model) in [("vanilla", vanillaDemo), ("myopic", myopicDemo)] {
        let g = gradient(at: model) { m in lastPositionLoss(m) }
        let past = g.tokens.table.scalars[0..<((demoLength - 1) * 8)]
        nb.result("\(name): ‖∂ℓ_7/∂(embeddings of positions 0…6)‖", past.reduce(0) { $0 + $1 * $1 }.squareRoot(), digits: 3)
    }

    //: ## 3. A task that needs pre-caching
    //:
    //: Paper 002's synthetic data D_p: at every position n an input x_n ~ N(0, 1) and a coin z_n ~ Bernoulli(p),
    //: both given to the model, and the target
    //:
    //:     y_n = z_n · Σ_{i=1…k} sin(w·x_{n−i})  +  (1 − z_n) · x_n
    //:
    //: When z_n = 0 the answer is the current input; when z_n = 1 it is a sum of sines of the k *previous*
    //: inputs. Look at sin(w·x_n): it never helps position n (its own target is x_n or a sum over earlier
    //: inputs), but positions n + 1 … n + k need it whenever their coin comes up 1. A 2-layer transformer solves
    //: the task in the obvious way: layer 1's MLP computes sin(w·x_n) at every position, layer 2's attention adds
    //: up the last k of them. The first half of that is pre-caching by construction, and a myopic model has no
    //: gradient that asks for it. Without it, position n would have to compute k high-frequency functions of k
    //: different past inputs by itself — out of reach for attention, which hands each head one weighted
    //: average of the past.
    //:
    //: Scores are the paper's: the mean Huber loss (δ = 1) over all positions divided by p, which approximates
    //: the loss on the positions that ask for the sum. The **baseline** copies x_n when z_n = 0 and predicts 0
    //: otherwise: the best possible without sines of past inputs (each has mean 0). The paper (k = 10, w = 10,
    //: length 64, 30 million sequences) finds vanilla models at 0.003–0.1 of this scale and myopic ones at the
    //: baseline (0.97–1.26).
    //:
    //: Our CPU budget is about 0.1% of the paper's sequences (32 000 per run). With it, w = 10 is not learnable:
    //: an earlier version of this chapter (width 64, 1 000 steps, one seed) found both models exactly at the
    //: baseline with `--frequency 10`, for every p, and a myopic model at the baseline then says nothing. We keep the paper's window k = 10 and length 64 and lower the frequency to
    //: w = 3 (`--frequency` restores any other). The sine is still far from anything linear in x:
    //: corr(x, sin 3x) = 3e^{−4.5}·√2 ≈ 0.05.
    //:
    //: **A control of our own.** At p < 1 our myopic models get part of the way below the baseline, where the
    //: paper's stay close to it. Our explanation (section 4) is that the positions with z_n = 0 must output x_n
    //: itself, and the features of x_n that layer 1 builds for that present are, by the same weights, there at
    //: every position for later positions to add up. If so, asking for 0 instead of x_n at z_n = 0 — same x, same
    //: z, nothing of its own input needed by any present — should put the myopic model back at the baseline,
    //: while the vanilla model still learns. That is the control at p = 0.3.
    //:
    //: One example run (default scale, seeds 1–3, on a 2-core AMD EPYC (Zen 3, AVX2); ranges are min–max over
    //: the seeds, and another CPU gives numbers within that spread): at p = 1 the vanilla model ends at
    //: 0.13–0.23 of the baseline and the myopic model at it (0.996–1.000). At p = 0.3 the vanilla model reaches
    //: 0.25–0.28 (fewer positions ask for the sum, so the same steps hold fewer examples), and the myopic model
    //: gets part of the way: 0.76–0.80. That is *not* the paper's pattern, although the numbers look alike:
    //: paper 002's myopic model at p = 0.3 ends at 1.034 against a baseline of 1.257 (0.82 of it) with nothing
    //: its probes can read, while ours holds sin(w·x_n) in layer 1 (section 4). In the control the myopic model
    //: ends at 0.91–1.00 of the baseline, most of its head start gone, while the vanilla model still learns
    //: (0.17–0.21). Over ten seeds at `--quick` (`docs/calibration.md`) the control moved the myopic model towards
    //: the baseline on every run, by 0.05–0.32, but all the way back only on some: features built for the
    //: present explain part of the head start, not all of it.
    nb.section("3. A task that needs pre-caching")
    let probabilities = scale.pick(quick: [1.0, 0.3], standard: [1.0, 0.3], full: [1.0, 0.3, 0.1, 0.03])
    // --quick trains for more steps than the standard scale: at 400 steps the myopic model is still in an early
    // transient where its layer 1 can hold part of sin(w·x_n) (probe R² up to 0.34 over ten seeds and seven
    // compute configurations), and at 1 000 one seed in three still shows it (R² 0.33); by 1 200 steps it has
    // faded (≤ 0.12, docs/calibration.md). The standard scale keeps 1 000 steps for the make budget and says so.
    let synthetic = PrecachingSettings(width: scale.pick(quick: 32, standard: 32, full: 64),
                                       batch: 32, steps: options.steps ?? scale.pick(quick: 1_200, standard: 1_000, full: 6_000),
                                       learningRate: options.learningRate ?? 1e-2)
    let length = 64
    let controlProbability = 0.3
    var conditions = try probabilities.map {
        try PrecachingTask(window: options.window, frequency: options.frequency, probability: $0, length: length)
    }
    conditions.append(try PrecachingTask(window: options.window, frequency: options.frequency,
                                         probability: controlProbability, length: length, copiesPresent: false))
    let heldOutCount = scale.pick(quick: 128, standard: 256)
    let heldOut = conditions.map { task in
        seeds.map { s in heldOutBatch(task, probabilityIndex: probabilities.firstIndex(of: task.probability)!, seed: s, count: heldOutCount) }
    }
    let gradientBatches = seeds.map { s in
        var rng = SeededRNG(seed: s, stream: 9)
        return (0..<4).map { _ in conditions[0].batch(32, rng: &rng) }
    }
    nb.say("k = \(options.window), w = \(Format.number(options.frequency)), length \(length), p ∈ {"
           + probabilities.map(pText).joined(separator: ", ") + "} and the control at p = "
           + "\(pText(controlProbability)); 2-layer GPTs of width \(synthetic.width) (2 heads, learned positions), "
           + "\(synthetic.steps) AdamW steps of \(synthetic.batch) fresh sequences, peak learning rate "
           + "\(Format.number(synthetic.learningRate)); seeds \(seedList). Vanilla and myopic runs of one seed start from "
           + "the same weights and see the same batches.")
    let syntheticBar = RunProgress(nb.progress("training on D_p", total: 2 * conditions.count * seeds.count * synthetic.steps))
    var syntheticJobs: [() throws -> PrecachingRun] = []
    for (c, task) in conditions.enumerated() {
        for myopic in [false, true] {
            for (s, runSeed) in seeds.enumerated() {
                let measure = c == 0 && !myopic  // the gradient split of section 6: vanilla, p = 1
                syntheticJobs.append {
                    try trainOnPrecaching(task, myopic: myopic, settings: synthetic, seed: runSeed, heldOut: heldOut[c][s],
                                          gradientBatches: measure ? gradientBatches[s] : [], bar: syntheticBar)
                }
            }
        }
    }
    let dp = SyntheticRuns(conditions: conditions, seeds: seeds, runs: try sideBySide(syntheticJobs), heldOut: heldOut)
    syntheticBar.finish()
    nb.timing("D_p: \(Format.number(dp.runs.map(\.stepsPerSecond).reduce(0, +) / Double(dp.runs.count), digits: 3)) steps/s per run")
    nb.result("parameters of each model", dp.runs[0].model.parameterCount)

    var lossFile = nb.data("precaching", header: ["p", "control", "baseline", "vanilla", "myopic",
                                                  "vanilla ratio", "vanilla min", "vanilla max",
                                                  "myopic ratio", "myopic min", "myopic max"])
    var lossTable = Table(["condition", "baseline", "vanilla ÷ baseline", "myopic ÷ baseline"])
    for c in conditions.indices {
        let (v, m) = (Spread(dp.ratios(c, myopic: false)), Spread(dp.ratios(c, myopic: true)))
        let vanillaLoss = Spread(seeds.indices.map { dp.run(c, myopic: false, seed: $0).curve.last!.loss })
        let myopicLoss = Spread(seeds.indices.map { dp.run(c, myopic: true, seed: $0).curve.last!.loss })
        lossFile.row([conditions[c].probability, conditions[c].copiesPresent ? 0 : 1, dp.baseline(c).mean,
                      vanillaLoss.mean, myopicLoss.mean] + v.columns + m.columns)
        lossTable.add(dp.label(c), dp.baseline(c).mean, v.text(), m.text())
    }
    try nb.save(lossFile)
    nb.say("Held-out loss ÷ p after training, as a fraction of the baseline (\(heldOutCount) fresh sequences per p and "
           + "seed; mean (min–max) over seeds):")
    nb.table(lossTable)

    //: ## 4. What the residual stream holds
    //:
    //: If the vanilla model pre-caches, its residual stream after layer 1 should hold sin(w·x_n) at position n —
    //: a feature that position does not use. A linear probe (ridge regression, fitted on half of 128 fresh
    //: sequences and scored on the other half) asks, for each layer's residual stream x⁰ (embedding), x¹ and x²,
    //: and each lag i, how much of sin(w·x_{n−i}) is linearly readable at position n. Positions n < k + 3 are left
    //: out so every target is a real sine. Paper 002 (k = w = 10): vanilla layer 1 holds sin(w·x_n) with R² up to
    //: 0.99; the myopic model holds nothing (R² ≤ 0.015 at every layer and lag).
    //:
    //: One example run (default scale, seeds 1–3, figure `probes.png`): at p = 1 the vanilla model's layer 1 holds
    //: sin(w·x_n) with R² 0.85–0.88, a feature position n never uses. The vanilla layer 2 holds a little of each
    //: lag 1…k (mean R² 0.10–0.12): it carries their sum, which is what the read-out needs, rather than the sines
    //: one by one. From the myopic model nothing can be read (R² < 0.01 at every layer and lag), so claim 2 is
    //: reproduced on this run. It need not be: on an earlier run (AMD EPYC Zen 4, AVX-512) one seed's myopic
    //: layer 1 still held some of sin(w·x_n) (R² 0.33) after 1 000 steps — an early transient that fades with
    //: training (at `--quick`'s 1 200 steps it stayed below 0.12 over ten seeds) — and claim 2 came out untested.
    //:
    //: At p = 0.3 the myopic model's layer 1 holds sin(w·x_n) on every seed (R² 0.12–0.14), which goes with its
    //: partial success; in the control it holds none (−0.01 to 0.03). Our reading: positions with z_n = 0 must
    //: output x_n itself, after a final LayerNorm that divides by the size of the residual stream, and the
    //: nonlinear features of x_n that layer 1 builds for that are computed, by the same weights, at every
    //: position, where later positions can add them up. That is a breadcrumb — made for the present, useful for
    //: the future — and the control, where no present needs its x_n, removes both the sine in layer 1 and most of
    //: the head start. Shared weights are a road myopic training leaves open: a follow-up ("Understanding the
    //: emergence of seemingly useless features in next-token predictors", ICLR 2026) calls it circuit sharing and
    //: closes it by giving early and late positions separate weights.
    nb.section("4. What the residual stream holds")
    let maxLag = options.window + 3
    let k = options.window
    // probes[c][myopic][s][layer][lag]
    let probes = try conditions.indices.map { c in
        try [false, true].map { myopic in
            try seeds.indices.map { s in try probeScores(dp.run(c, myopic: myopic, seed: s).model, conditions[c], seed: seeds[s], maxLag: maxLag) }
        }
    }
    let windowMean = { (column: [Double]) in column[1...k].reduce(0, +) / Double(k) }
    var probeHeader = ["lag"], probeColumns = [[Spread]]()   // p = 1: one (mean, min, max) per (variant, layer)
    for (v, name) in ["vanilla", "myopic"].enumerated() {
        for layer in 0...2 {
            probeHeader += ["\(name) layer \(layer)", "\(name) layer \(layer) min", "\(name) layer \(layer) max"]
            probeColumns.append((0...maxLag).map { lag in Spread(probes[0][v].map { $0[layer][lag] }) })
        }
    }
    var probeFile = nb.data("probes", header: probeHeader)
    for lag in 0...maxLag { probeFile.row([Double(lag)] + probeColumns.flatMap { $0[lag].columns }) }
    try nb.save(probeFile)
    var probeTable = Table(["probe (p = 1)", "R² lag 0", "R² lag 1", "mean R² lags 1…\(k)", "mean R² lags \(k + 1)…\(maxLag)"])
    for (v, name) in ["vanilla", "myopic"].enumerated() {
        for layer in 0...2 {
            let scores = probes[0][v].map { $0[layer] }
            probeTable.add("\(name) layer \(layer)", Spread(scores.map { $0[0] }).text(), Spread(scores.map { $0[1] }).text(),
                           Spread(scores.map(windowMean)).text(),
                           Spread(scores.map { $0[(k + 1)...].reduce(0, +) / Double(maxLag - k) }).text())
        }
    }
    nb.table(probeTable)
    var byCondition = Table(["condition", "vanilla: layer 1, lag 0", "myopic: layer 1, lag 0",
                             "vanilla: layer 2, mean lags 1…\(k)", "myopic: layer 2, mean lags 1…\(k)"])
    for c in conditions.indices {
        byCondition.add(dp.label(c), Spread(probes[c][0].map { $0[1][0] }).text(), Spread(probes[c][1].map { $0[1][0] }).text(),
                        Spread(probes[c][0].map { windowMean($0[2]) }).text(), Spread(probes[c][1].map { windowMean($0[2]) }).text())
    }
    nb.say("The same probes for every condition (R²):")
    nb.table(byCondition)

    //: ## 5. Language: breadcrumbs?
    //:
    //: On real text nothing forces pre-caching. Paper 002 trained GPT-2 (124M parameters) on 64-token passages
    //: and found a small myopia gap: 3.40 nats per token myopic against 3.28 vanilla, while a "transformer
    //: bigram" that sees only the current token reaches 5.33. Most of what the vanilla model knows about the
    //: future, the myopic one knows too: breadcrumbs. The gap grew with position in the context (−0.10 at
    //: position 0, +0.12 by position 60) and, in a second experiment, with model size.
    //:
    //: We train character-level GPTs (2 layers, heads of 16 channels, context 64) at three widths in three ways
    //: each: vanilla, myopic, and self-only (attention to the own position only: the transformer bigram, with the
    //: same parameters). The text is the Debian `fortunes` package, a few megabytes of quotations, jokes and poems
    //: (`--corpus PATH` takes any UTF-8 text); every tenth block of 2 048 characters is held out. Scores are
    //: held-out bits per character: cross-entropy in bits, lower is better. For scale, counting on this corpus
    //: (with simple smoothing) gives 4.7 bits from single characters, 3.8 from pairs (about the best a self-only
    //: model can do) and 3.1 from triples.
    //:
    //: One example run (default scale: 400 steps, seeds 1–3; figures `language.png`, `position.png`, `size.png`):
    //: at width 64 the vanilla model reaches 3.13–3.18 bits per character, the myopic one 3.24–3.28 and the
    //: self-only one 3.83. The myopia gap, 0.09–0.14 bits, is 13–21% of what context is worth to the vanilla model
    //: (paper 002's GPT-2: 0.12 of 2.05 nats, 6%): breadcrumbs, with some pre-caching on top. By position the
    //: gap starts below zero (−0.04 to −0.005 at position 0, where the myopic model is better, as in paper 002)
    //: and grows to 0.10–0.16 bits over positions 32–63. The sizes do not line up: the gap is 0.17–0.21 bits at
    //: width 32 but only 0.04–0.08 at width 16, where the vanilla model has learned little from the context to
    //: lose (3.76 bits against the self-only 3.88). (At 600 steps, an earlier version of this chapter found
    //: 0.07–0.13, 0.14–0.28 and 0.23–0.27 bits at widths 64, 32 and 16, on another CPU: at this budget the gap
    //: of the small models depends on how far training has got more than on their size.) The chapter does not
    //: judge the trend with
    //: scale (claim 8, untested): a myopic model learns to use the context later (`language.png`), so at a
    //: fixed budget part of the gap is speed, not the end point, and every loss was still falling at the last
    //: step; and in Pythia too the gap first shrank with size (0.16, 0.11, 0.04 nats from 14M to 70M parameters)
    //: before it grew (0.23 at 2.8B) — our models, with 11 000 to 118 000 parameters, are 100 to 1 000 times
    //: smaller than Pythia's smallest.
    nb.section("5. Language: breadcrumbs?")
    let widths = scale.pick(quick: [16, 32], standard: [16, 32, 64], full: [32, 64, 128])
    let language = LanguageSettings(context: 64, batch: scale.pick(quick: 16, standard: 32),
                                    steps: options.steps ?? scale.pick(quick: 400, standard: 400, full: 4_000),
                                    learningRate: options.learningRate ?? 2e-2,
                                    curveWindows: scale.pick(quick: 64, standard: 256),
                                    finalWindows: scale.pick(quick: 256, standard: 1_024, full: 2_048),
                                    localMyopicSteps: options.steps.map { max(10, $0 / 4) }
                                        ?? scale.pick(quick: 100, standard: 100, full: 1_000),
                                    selfOnlySeeds: scale.pick(quick: seeds.count, standard: 1, full: seeds.count),
                                    bonusWidths: scale.pick(quick: [widths.last!], standard: [widths.last!], full: widths))
    nb.say("Corpus \(corpus.source): \(corpus.training.count) training and \(corpus.validation.count) held-out "
           + "characters, \(corpus.vocabularySize) distinct"
           + (corpus.folded > 0 ? " (the \(corpus.folded) rarest read as one unknown character: a vocabulary holds at most "
                                  + "\(TextCorpus.maximumVocabulary))" : "") + ". Widths \(widths.map(String.init).joined(separator: ", ")); "
           + "\(language.steps) steps of \(language.batch) windows; peak learning rate \(Format.number(language.learningRate)); "
           + "seeds \(seedList)" + (language.selfOnlySeeds < seeds.count ? " (the self-only baseline: the first \(language.selfOnlySeeds))" : "")
           + "; the local myopia bonus at width " + language.bonusWidths.map(String.init).joined(separator: ", ")
           + ", \(language.localMyopicSteps) steps on from the vanilla model.")
    let languageBar = RunProgress(nb.progress("training the character models",
                                              total: widths.count * (2 * seeds.count + language.selfOnlySeeds) * language.steps
                                                  + language.bonusWidths.count * seeds.count * 2 * language.localMyopicSteps))
    var languageJobs: [() throws -> LanguageRun] = []
    for width in widths.reversed() {  // the widest (slowest) first, so the two cores finish together
        for variant in LanguageVariant.fromScratch {
            for runSeed in seeds.prefix(variant == .selfOnly ? language.selfOnlySeeds : seeds.count) {
                let measure = width == widths.last! && variant == .vanilla  // the gradient split of section 6
                languageJobs.append {
                    try trainLanguageModel(corpus, variant: variant, width: width, settings: language, seed: runSeed,
                                           gradientBatches: measure ? 4 : 0, bar: languageBar)
                }
            }
        }
    }
    var languageFinished = try sideBySide(languageJobs)
    // The local myopia bonus needs the trained vanilla models: a second round, side by side again.
    let vanillaModels = languageFinished.filter { $0.variant == .vanilla && language.bonusWidths.contains($0.width) }
    languageFinished += try sideBySide(vanillaModels.flatMap { vanilla in
        [LanguageVariant.localMyopic, .continued].map { variant in
            { try trainLanguageModel(corpus, variant: variant, width: vanilla.width, settings: language, seed: vanilla.seed,
                                     from: vanilla.model!, bar: languageBar) }
        }
    })
    languageBar.finish()
    let text = LanguageRuns(runs: languageFinished, seeds: seeds, widths: widths)
    for width in widths {
        let same = languageFinished.filter { $0.width == width }
        nb.timing("character models, width \(width): \(Format.number(same.map(\.stepsPerSecond).reduce(0, +) / Double(same.count), digits: 3)) steps/s per run")
    }

    var curveFile = nb.data("language", header: ["step"] + LanguageVariant.fromScratch.flatMap { v in widths.map { "\(v.rawValue) d=\($0)" } })
    let curveSteps = text.run(.vanilla, widths[0], seed: 0).curve.map(\.step)
    for (row, step) in curveSteps.enumerated() {
        curveFile.row([Double(step)] + LanguageVariant.fromScratch.flatMap { v in
            widths.map { w in Spread(text.runs.filter { $0.variant == v && $0.width == w }.map { $0.curve[row].bits }).mean }
        })
    }
    try nb.save(curveFile)

    let sizeColumns = ["vanilla", "myopic", "self-only", "local-myopic", "myopia gap", "self-only gap", "bonus",
                       "continued gain", "excess bonus"]
    var sizeFile = nb.data("size", header: ["parameters", "width"] + sizeColumns.flatMap { [$0, "\($0) min", "\($0) max"] })
    var sizeTable = Table(["width", "parameters", "vanilla", "myopic", "self-only", "myopia gap", "self-only gap",
                           "gap ÷ self-only gap"])
    var bonusTable = Table(["width", "vanilla", "local-myopic", "vanilla, continued", "bonus", "gain from the steps alone",
                            "bonus beyond it", "myopia gap"])
    for width in widths {
        let bits = { (v: LanguageVariant) in Spread(text.bits(v, width)) }
        let measured = language.bonusWidths.contains(width)
        let gap = Spread(text.gap(.myopic, width)), selfGap = Spread(text.gap(.selfOnly, width))
        let bonus = Spread(text.gap(.localMyopic, width).map { -$0 })
        let gain = Spread(text.gap(.continued, width).map { -$0 }), excess = Spread(text.excessBonus(width))
        let row = [bits(.vanilla), bits(.myopic), bits(.selfOnly), bits(.localMyopic), gap, selfGap, bonus, gain, excess]
        sizeFile.row([Double(text.run(.vanilla, width, seed: 0).parameters), Double(width)] + row.flatMap(\.columns))
        sizeTable.add(width, text.run(.vanilla, width, seed: 0).parameters, bits(.vanilla).text(), bits(.myopic).text(),
                      bits(.selfOnly).text(), gap.text(), selfGap.text(),
                      Spread(zip(text.gap(.myopic, width), text.gap(.selfOnly, width)).map { $0 / $1 }).text())
        if measured {
            bonusTable.add(width, bits(.vanilla).text(), bits(.localMyopic).text(), bits(.continued).text(), bonus.text(),
                           gain.text(), excess.text(), gap.text())
        }
    }
    try nb.save(sizeFile)
    nb.say("Held-out bits per character after training (\(language.finalWindows) windows of 64 characters; mean (min–max) "
           + "over seeds); the gaps are myopic − vanilla and self-only − vanilla:")
    nb.table(sizeTable)

    //: The myopia gap by position: position 0 sees no context at all, position 63 sees 63 characters. If
    //: pre-caching matters it matters more where there is more past to have prepared.
    var positionFile = nb.data("position", header: ["position"] + widths.flatMap { ["gap d=\($0)", "min d=\($0)", "max d=\($0)"] })
    for t in 0..<language.context {
        positionFile.row([Double(t)] + widths.flatMap { w in Spread(text.gapByPosition(w).map { $0[t] }).columns })
    }
    try nb.save(positionFile)
    let bins = [0..<1, 1..<4, 4..<16, 16..<32, 32..<64]
    var positionTable = Table(["myopia gap (bits) at positions"] + bins.map { "\($0.lowerBound)…\($0.upperBound - 1)" })
    for width in widths {
        let gaps = text.gapByPosition(width)
        positionTable.rows.append(["width \(width)"] + bins.map { bin in
            Spread(gaps.map { $0[bin].reduce(0, +) / Double(bin.count) }).text()
        })
    }
    nb.table(positionTable)

    //: ### The local myopia bonus
    //:
    //: The myopia gap compares two models trained from scratch. Paper 002's second test asks a trained vanilla
    //: model directly whether it gave anything up at the present for the future: freeze what every past
    //: position computed, let each position re-optimise only its own computation, and see how far the loss
    //: drops. That drop is the **local myopia bonus**. A model that pre-caches at the present's expense has a
    //: clearly positive bonus; a model whose past states are mere breadcrumbs has a bonus near zero. The code
    //: (`LocalMyopic.swift` in SequenceModels) feeds attention's past keys and values from the frozen model's
    //: attention inputs and its diagonal from the live one:
    //:
    //:     let frozen = withoutDerivative(at: past)          // the vanilla model's h^l_j, j < i
    //:     causalAttention(q, k, v, pastKeys: key(frozen), pastValues: value(frozen), heads: heads)
    //:
    //: We start the re-optimised model at the vanilla model itself — where its loss is exactly the vanilla loss
    //: and its gradient exactly the myopic one (a test checks both) — and train it a little further, with the
    //: same learning-rate schedule. Paper 002 starts from random weights and trains 18 000 steps; at our budget a
    //: model from scratch would not reach the vanilla loss, and the bonus would come out negative for a reason
    //: that has nothing to do with pre-caching. Either way the measured bonus is a lower bound: training finds a
    //: better present, not the best one. GPT-2 in paper 002: 3.28 → 3.26 nats per token, a bonus of 0.02 nats,
    //: a sixth of its myopia gap (0.12).
    //:
    //: Our vanilla models have not converged, so any extra steps lower their loss. A second run therefore trains
    //: each vanilla model on for the same steps in the ordinary way, and only what the frozen-past run gains
    //: *beyond* that counts. One example run (default scale, width 64, seeds 1–3): 100 steps with the past frozen
    //: gain 0.057–0.061 bits, 100 ordinary steps 0.054–0.057; the bonus beyond them is 0.001–0.007 bits, under a
    //: tenth of the myopia gap (0.09–0.14). The vanilla model gave up almost nothing at the present: breadcrumbs
    //: again.
    nb.say("The local myopia bonus: held-out bits per character of the vanilla model and of its present re-optimised with "
           + "the past frozen (mean (min–max) over seeds):")
    nb.table(bonusTable)

    //: ## 6. Where the gradient goes
    //:
    //: The two experiments ask what happens *without* the off-diagonal terms. We can also look at them in an
    //: ordinary vanilla run. At each evaluation we compute, on each of four fixed batches (one batch alone
    //: jumps threefold from one evaluation to the next), the full gradient g and the
    //: myopic gradient g_m (the same model with the switch on), and the future gradient g_f = g − g_m: what
    //: later losses ask of earlier positions. Their norms say how strong each part is; the cosine between g_m and
    //: g_f says whether they pull the same way (> 0), are unrelated (≈ 0) or compete (< 0). In paper 002's
    //: Pythia-410M measurement the two norms were of the same order throughout training and the cosine small
    //: (≈ 0.04 at initialisation, −0.48 around step 256, then ≈ +0.1). On D_p the future part should dominate
    //: layer 1's MLP, which is where sin(w·x) has to be computed.
    //:
    //: One example run (default scale, seeds 1–3, four batches each; figure `gradients.png`): on D_p the future
    //: part grows with the solution to most of the size of the myopic part (‖g_f‖ ÷ ‖g_m‖ 0.65–0.82 over the
    //: second half of training, per seed), it points against it (cosine −0.41 on average half-way through, −0.26
    //: at the end; every one of the twelve batches negative), and in layer 1's MLP it takes over: ‖g_f‖ ≈
    //: 1.9–2.2 ‖g_m‖ over the second half. Later positions keep asking layer 1 for sin(w·x_n) while position n's
    //: own loss pulls elsewhere. On text the future part is smaller (0.28–0.33 of the myopic part) and unrelated
    //: to it (|cos| ≤ 0.08 throughout): nothing competes, as breadcrumbs would have it.
    nb.section("6. Where the gradient goes")
    let syntheticGradients = GradientSummary.over(seeds.indices.map { dp.run(0, myopic: false, seed: $0).gradients })
    let textGradients = GradientSummary.over(seeds.indices.map { text.run(.vanilla, widths.last!, seed: $0).gradients })
    let gradientColumns = ["‖g_m‖", "‖g_f‖", "cos(g_m, g_f)", "MLP 1 ‖g_m‖", "MLP 1 ‖g_f‖"]
    var gradientFile = nb.data("gradients", header: ["progress"] + gradientColumns.flatMap { [$0, "\($0) min", "\($0) max"] })
    for (index, (series, steps)) in [(syntheticGradients, synthetic.steps), (textGradients, language.steps)].enumerated() {
        if index > 0 { gradientFile.newBlock() }
        for g in series {
            gradientFile.row([Double(g.step) / Double(steps)]
                             + [g.myopic, g.future, g.cosine, g.mlpMyopic, g.mlpFuture].flatMap(\.columns))
        }
    }
    try nb.save(gradientFile)
    var gradientTable = Table(["task", "step", "‖g_m‖", "‖g_f‖", "cos(g_m, g_f)", "MLP 1: ‖g_f‖ ÷ ‖g_m‖"])
    for (name, series) in [("D_p, p = 1", syntheticGradients), ("text, width \(widths.last!)", textGradients)] {
        for g in [series[0], series[series.count / 2], series.last!] {
            gradientTable.add(name, g.step, g.myopic.text(), g.future.text(), g.cosine.text(digits: 2), g.mlpRatio.text())
        }
    }
    nb.say("Over \(4 * seeds.count) batches (4 per seed), mean (min–max):")
    nb.table(gradientTable)
    /// Per seed: the mean over the second half of training of ‖g_f‖ ÷ ‖g_m‖ (the mean over its 4 batches).
    func laterHalfRatio(_ runs: [[GradientSample]], mlp: Bool) -> Spread {
        Spread(runs.map { series in
            let later = series.dropFirst(series.count / 2)
            return later.map { e in e.batches.map { mlp ? $0.mlp.future / $0.mlp.myopic : $0.total.future / $0.total.myopic }.mean }.mean
        })
    }
    let dpRuns = seeds.indices.map { dp.run(0, myopic: false, seed: $0).gradients }
    let textRuns = seeds.indices.map { text.run(.vanilla, widths.last!, seed: $0).gradients }
    nb.say("Mean ‖g_f‖ ÷ ‖g_m‖ over the second half of training (over seeds): D_p \(laterHalfRatio(dpRuns, mlp: false).text()), "
           + "its layer-1 MLP \(laterHalfRatio(dpRuns, mlp: true).text()); text \(laterHalfRatio(textRuns, mlp: false).text()).")

    //: ## 7. What we learned
    //:
    //: Every verdict below is computed from this run's seeds: **reproduced** when the comparison holds on every
    //: seed, **refuted** when on none, **untested** — with the reason — when the seeds disagree, when the model
    //: compared against never learned, or when the scale cannot decide. Claim 4 is the chapter's own, not the
    //: paper's.
    //:
    //: In the example run (default scale, seeds 1–3) claims 1 and 3–7 were reproduced, claim 2 untested (one
    //: seed's myopic layer 1 still in its transient) and claim 8 untested (no model had converged). What that
    //: adds up to:
    //:
    //: * Myopic training is a stop-gradient on the past inputs of attention: one word in the code, an identical
    //:   forward pass, and a gradient that never reaches an earlier position's computation.
    //: * On a task that rewards computing for the future, the vanilla model does it: its layer 1 holds
    //:   sin(w·x_n), which position n never uses, and it ends at a seventh of the baseline loss. The myopic model
    //:   stays at the baseline and, once past an early transient, holds no sines.
    //: * At p < 1 our myopic models get part of the way, where paper 002's do not, and the control shows that
    //:   most of it is features the present needs and the future reuses; what remains is not explained here.
    //: * On English text the myopic model keeps most of what context buys: at our largest width its gap to the
    //:   vanilla model is an eighth of the self-only model's, it grows with the position in the context, and the
    //:   vanilla model's local myopia bonus is near zero. That is breadcrumbs, with a little pre-caching on top.
    //:   Whether the gap grows with scale, our budget cannot say.
    //: * The future part of the gradient is not small in either task. What differs is whether it asks for
    //:   something the present would not have computed anyway: on D_p it competes with the present, on text it
    //:   is unrelated to it.
    //:
    //: Myopic training, probes and gradient splits are cheap; try them on the models of chapters 3–6
    //: (`TransformerModel` has the same switch): does predicting one step ahead of a Lorenz observation need any
    //: pre-caching, or is a delay embedding all breadcrumbs?
    nb.section("7. What we learned")
    Chapter7Verdicts(dp: dp, probes: probes, text: text, window: k, controlProbability: controlProbability).print(nb)
    var summary = Table(["experiment", "vanilla", "myopic", "reference"])
    for c in conditions.indices {
        summary.add("D_p, \(dp.label(c)) (loss ÷ baseline)", Spread(dp.ratios(c, myopic: false)).text(),
                    Spread(dp.ratios(c, myopic: true)).text(), "baseline = 1")
    }
    for width in widths {
        summary.add("text, width \(width) (bits/char)", Spread(text.bits(.vanilla, width)).text(),
                    Spread(text.bits(.myopic, width)).text(), "self-only \(Spread(text.bits(.selfOnly, width)).text())")
    }
    nb.table(summary)
}

//: Exercises for this chapter are in `Exercises/07-planning-ahead/`: fill in the functions, then `make grade STUDENT=.` checks
//: your answers (see `docs/assignments.md`).
