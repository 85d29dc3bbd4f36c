import _Differentiation
import Experiments
import Foundation
import Learning
import LinearAlgebra
import Notebook
import SequenceModels

/// The three ways of training the character model (section 5).
enum LanguageVariant: String, CaseIterable {
    /// Ordinary training: every loss reaches every earlier position.
    case vanilla
    /// Paper 002's myopic training: the same model, each loss reaches only its own position.
    case myopic
    /// Attention to the own position only: no context at all, a "transformer bigram".
    case selfOnly = "self-only"
    /// Paper 002's local-myopic model: the past positions frozen at a trained vanilla model, the present
    /// re-optimised (LocalMyopic.swift in SequenceModels); it measures the local myopia bonus.
    case localMyopic = "local-myopic"
    /// The trained vanilla model trained on for as many steps as the local-myopic run, ordinarily: what the extra
    /// steps alone buy a model that has not converged.
    case continued = "vanilla, continued"

    /// The variants trained from scratch, side by side; the last two start from a trained vanilla model.
    static let fromScratch: [LanguageVariant] = [.vanilla, .myopic, .selfOnly]
}

struct LanguageSettings {
    var layers = 2
    /// Channels per attention head; a model of width d has d / 16 heads. (With 4 heads at width 32, i.e. heads of
    /// 8 channels, the myopic model had not learned to use the context after 800 steps: 3.69 bits per character
    /// against 3.36 with 2 heads of 16; the vanilla model did not care, 3.15 against 3.13.)
    var headSize = 16
    var context: Int
    var batch: Int
    var steps: Int
    var learningRate: Double
    var evaluations = 10
    /// Held-out windows for the curves, and for the final per-position scores.
    var curveWindows: Int
    var finalWindows: Int
    /// Steps of the local-myopic run, which starts from the trained vanilla model.
    var localMyopicSteps: Int
    /// How many of the seeds train the self-only baseline (it varies by < 0.01 bits between seeds).
    var selfOnlySeeds: Int
    /// The widths at which the local myopia bonus is measured.
    var bonusWidths: [Int]
}

/// One trained character model.
struct LanguageRun {
    var variant: LanguageVariant
    var width: Int
    var seed: UInt64
    var parameters = 0
    /// (step, held-out bits per character)
    var curve: [(step: Int, bits: Double)] = []
    /// Held-out bits per character at each position of the context, after training.
    var byPosition: [Double] = []
    /// Held-out bits per character over all positions, after training.
    var bits = 0.0
    /// The gradient split at each evaluation on each gradient batch, vanilla runs only when asked.
    var gradients: [GradientSample] = []
    var stepsPerSecond = 0.0
    /// The trained model (kept for vanilla runs: the local-myopic run freezes its past).
    var model: GPT<Float>?
}

/// The logits of a character model for ids of shape [B, T]: the model alone, or with its past frozen at another.
struct CharacterModel {
    var model: GPT<Float>
    var frozen: GPT<Float>?

    func logits(_ ids: [Int], shape: [Int]) -> Tensor<Float> {
        guard let frozen else { return model(ids, shape: shape) }
        return model(ids, shape: shape, frozenPast: frozen.attentionInputs(ids, shape: shape))
    }
}

/// Cross-entropy in bits at every position of `windows` held-out windows, averaged over the windows; computed in
/// chunks so the logits of thousands of windows never sit in memory at once.
func bitsByPosition(_ model: CharacterModel, _ corpus: TextCorpus, context t: Int, windows: Int) -> [Double] {
    let held = corpus.validationWindows(context: t, maxWindows: windows)
    var total = [Double](repeating: 0, count: t)
    let chunk = 128
    for first in stride(from: 0, to: held.count, by: chunk) {
        let n = min(chunk, held.count - first)
        let ids = Array(held.inputs[(first * t)..<((first + n) * t)])
        let logp = logSoftmax(model.logits(ids, shape: [n, t])).scalars
        let v = corpus.vocabularySize
        for r in 0..<(n * t) { total[r % t] -= Double(logp[r * v + held.targets[first * t + r]]) }
    }
    return total.map { $0 / Double(held.count) / Foundation.log(2) }
}

/// Trains a GPT on random windows of the corpus. Every variant and width draws its weights from stream 3 and its
/// windows from stream 4, so the three variants of one width start identical and see the same text. The
/// local-myopic variant (`frozen` given: the trained vanilla model of the same width and seed) starts *at* that
/// model, where its loss is the vanilla loss and its gradient the myopic one, and re-optimises the present with the
/// past frozen: the bonus is how far it gets below the vanilla loss. (Paper 002 starts it from random weights and
/// trains 18 000 steps; from the vanilla model a short budget suffices, and the estimate can only be a lower bound
/// on the bonus either way, since training finds *a* better present, not the best.) The continued variant trains
/// the same model on for the same steps without freezing anything: a model that has not converged gets better
/// with any extra steps, and only what the frozen-past run gains beyond that is a bonus.
func trainLanguageModel(_ corpus: TextCorpus, variant: LanguageVariant, width: Int, settings s: LanguageSettings,
                        seed: UInt64, from trained: GPT<Float>? = nil, gradientBatches: Int = 0,
                        bar: RunProgress) throws -> LanguageRun {
    let onward = variant == .localMyopic || variant == .continued
    precondition(onward == (trained != nil), "the local-myopic and continued variants, and only they, start from a trained model")
    let frozen = variant == .localMyopic ? trained : nil
    var modelRNG = SeededRNG(seed: seed, stream: 3)
    var model = trained ?? GPT<Float>(vocabularySize: corpus.vocabularySize, width: width, layers: s.layers,
                                      heads: max(1, width / s.headSize), maxLength: s.context,
                                      myopic: variant == .myopic, selfOnly: variant == .selfOnly, rng: &modelRNG)
    let steps = onward ? s.localMyopicSteps : s.steps
    var run = LanguageRun(variant: variant, width: width, seed: seed, parameters: model.parameterCount)
    let t = s.context
    let held = corpus.validationWindows(context: t, maxWindows: s.curveWindows)
    var gradientRNG = SeededRNG(seed: seed, stream: 6)
    let batches = (0..<gradientBatches).map { _ in corpus.trainingBatch(s.batch, context: t, rng: &gradientRNG) }
    func evaluate(_ step: Int, _ m: GPT<Float>) {
        let logits = CharacterModel(model: m, frozen: frozen).logits(held.inputs, shape: [held.count, t])
        run.curve.append((step, Double(crossEntropy(logits: logits, targets: held.targets).scalar) / Foundation.log(2)))
        guard !batches.isEmpty else { return }
        run.gradients.append(GradientSample(step: step, batches: batches.map { batch in
            let split = GradientDecomposition.measure(m, parts: ["blocks.0.mlp"]) { m in
                crossEntropy(logits: m(batch.inputs, shape: [s.batch, t]), targets: batch.targets)
            }
            return (split.total, split.parts[0])
        }))
    }
    evaluate(0, model)
    // The onward runs see windows the first run never drew (stream 5), the same ones for both.
    var dataRNG = SeededRNG(seed: seed, stream: onward ? 5 : 4)
    let label = "\(variant.rawValue) d\(width) #\(seed)"
    var trainer = Trainer.adamWWarmupCosine(for: model, learningRate: s.learningRate, steps: steps,
                                            evaluations: s.evaluations, evaluate: evaluate,
                                            progress: { step, _ in bar.update(label, step: step, of: steps) })
    do {
        let report = try trainer.fit(&model, steps: steps) { m, _ in
            let batch = withoutDerivative(at: corpus.trainingBatch(s.batch, context: t, rng: &dataRNG))
            guard let frozen else { return crossEntropy(logits: m(batch.inputs, shape: [s.batch, t]), targets: batch.targets) }
            let past = withoutDerivative(at: frozen.attentionInputs(batch.inputs, shape: [s.batch, t]))
            return crossEntropy(logits: m(batch.inputs, shape: [s.batch, t], frozenPast: past), targets: batch.targets)
        }
        run.stepsPerSecond = report.stepsPerSecond
    } catch let error as TrainingError {
        throw NotebookError.diverged(error, run: "\(variant.rawValue) character model, width \(width), seed \(seed)",
                                     learningRate: s.learningRate)
    }
    run.byPosition = bitsByPosition(CharacterModel(model: model, frozen: frozen), corpus, context: t, windows: s.finalWindows)
    run.bits = run.byPosition.reduce(0, +) / Double(t)
    if variant == .vanilla { run.model = model }
    return run
}

/// Section 5's runs, looked up by variant, width and seed index.
struct LanguageRuns {
    let runs: [LanguageRun]
    let seeds: [UInt64]
    let widths: [Int]

    func run(_ variant: LanguageVariant, _ width: Int, seed s: Int) -> LanguageRun {
        runs.first { $0.variant == variant && $0.width == width && $0.seed == seeds[s] }!
    }

    /// Final held-out bits per character, one per seed that trained this variant at this width.
    func bits(_ variant: LanguageVariant, _ width: Int) -> [Double] {
        seeds.compactMap { seed in runs.first { $0.variant == variant && $0.width == width && $0.seed == seed }?.bits }
    }

    /// variant − vanilla, one per seed (the myopia gap for .myopic; minus the bonus for .localMyopic). The
    /// self-only baseline may be trained on fewer seeds than the others (it hardly varies): its mean serves all.
    func gap(_ variant: LanguageVariant, _ width: Int) -> [Double] {
        if variant == .selfOnly {
            let mean = bits(.selfOnly, width).mean
            return bits(.vanilla, width).map { mean - $0 }
        }
        return zip(bits(variant, width), bits(.vanilla, width)).map { $0 - $1 }
    }

    /// The local myopia bonus beyond what the same extra steps of ordinary training buy: continued − local-myopic,
    /// one per seed.
    func excessBonus(_ width: Int) -> [Double] { zip(bits(.continued, width), bits(.localMyopic, width)).map { $0 - $1 } }

    /// The myopia gap at every position, one array per seed.
    func gapByPosition(_ width: Int) -> [[Double]] {
        seeds.indices.map { s in zip(run(.myopic, width, seed: s).byPosition, run(.vanilla, width, seed: s).byPosition).map { $0 - $1 } }
    }
}
