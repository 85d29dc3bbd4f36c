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
}

/// One trained character model.
struct LanguageRun {
    var variant: LanguageVariant
    var width: Int
    var parameters = 0
    /// (step, held-out bits per character)
    var curve: [(step: Int, bits: Double)] = []
    /// Held-out bits per character at each position of the context, after training.
    var byPosition: [Double] = []
    /// Held-out bits per character over all positions, after training.
    var bits = 0.0
    /// (step, whole model, layer 1's MLP), vanilla runs only when asked.
    var gradients: [(step: Int, total: GradientDecomposition, mlp: GradientDecomposition)] = []
    var stepsPerSecond = 0.0
}

/// Cross-entropy in bits at every position of `windows` held-out windows, averaged over the windows; computed in
/// chunks so the logits of thousands of windows never sit in memory at once.
func bitsByPosition(_ model: GPT<Float>, _ corpus: TextCorpus, context t: Int, windows: Int) -> [Double] {
    let held = corpus.validationWindows(context: t, maxWindows: windows)
    var total = [Double](repeating: 0, count: t)
    let chunk = 128
    for first in stride(from: 0, to: held.count, by: chunk) {
        let n = min(chunk, held.count - first)
        let ids = Array(held.inputs[(first * t)..<((first + n) * t)])
        let logp = logSoftmax(model(ids, shape: [n, t])).scalars
        let v = corpus.vocabularySize
        for r in 0..<(n * t) { total[r % t] -= Double(logp[r * v + held.targets[first * t + r]]) }
    }
    return total.map { $0 / Double(held.count) / Foundation.log(2) }
}

/// Trains a fresh GPT on random windows of the corpus. Every variant and width draws its weights from stream 3
/// and its windows from stream 4, so the three variants of one width start identical and see the same text.
func trainLanguageModel(_ corpus: TextCorpus, variant: LanguageVariant, width: Int, settings s: LanguageSettings,
                        seed: UInt64, measureGradients: Bool, bar: RunProgress) throws -> LanguageRun {
    var modelRNG = SeededRNG(seed: seed, stream: 3)
    var model = GPT<Float>(vocabularySize: corpus.vocabularySize, width: width, layers: s.layers, heads: max(1, width / s.headSize),
                           maxLength: s.context, myopic: variant == .myopic, selfOnly: variant == .selfOnly, rng: &modelRNG)
    var run = LanguageRun(variant: variant, width: width, parameters: model.parameterCount)
    let t = s.context
    let held = corpus.validationWindows(context: t, maxWindows: s.curveWindows)
    var gradientRNG = SeededRNG(seed: seed, stream: 6)
    let gradientBatch = corpus.trainingBatch(s.batch, context: t, rng: &gradientRNG)
    func evaluate(_ step: Int, _ m: GPT<Float>) {
        let ce = crossEntropy(logits: m(held.inputs, shape: [held.count, t]), targets: held.targets).scalar
        run.curve.append((step, Double(ce) / Foundation.log(2)))
        if measureGradients {
            let split = GradientDecomposition.measure(m, parts: ["blocks.0.mlp"]) { m in
                crossEntropy(logits: m(gradientBatch.inputs, shape: [s.batch, t]), targets: gradientBatch.targets)
            }
            run.gradients.append((step, split.total, split.parts[0]))
        }
    }
    evaluate(0, model)
    var dataRNG = SeededRNG(seed: seed, stream: 4)
    var trainer = Trainer.adamWWarmupCosine(for: model, learningRate: s.learningRate, steps: s.steps,
                                            evaluations: s.evaluations, evaluate: evaluate,
                                            progress: { step, _ in bar.update("\(variant.rawValue) d\(width)", step: step, of: s.steps) })
    do {
        let report = try trainer.fit(&model, steps: s.steps) { m, _ in
            let batch = withoutDerivative(at: corpus.trainingBatch(s.batch, context: t, rng: &dataRNG))
            return crossEntropy(logits: m(batch.inputs, shape: [s.batch, t]), targets: batch.targets)
        }
        run.stepsPerSecond = report.stepsPerSecond
    } catch let error as TrainingError {
        throw NotebookError.diverged(error, run: "\(variant.rawValue) character model, width \(width)",
                                     learningRate: s.learningRate)
    }
    run.byPosition = bitsByPosition(model, corpus, context: t, windows: s.finalWindows)
    run.bits = run.byPosition.reduce(0, +) / Double(t)
    return run
}
