import Learning

/// The optimiser every sequence chapter uses, configured once: AdamW (weight decay 1e-4), a linear warm-up
/// over the first 100 steps (or a fifth of a short run) to `learningRate`, cosine decay to 5% of it, gradients
/// clipped to global norm 1, and `evaluate(step, model)` at step 0's successors every `steps / evaluations`.
public func nextStepTrainer<Model: Trainable>(
    for model: Model, learningRate: Double, steps: Int, evaluations: Int = 10,
    evaluate: @escaping (Int, Model) -> Void, progress: @escaping (Int, Double) -> Void
) -> Trainer<AdamW<Model>> {
    var trainer = Trainer(optimizer: AdamW(for: model, learningRate: learningRate, weightDecay: 1e-4))
    let schedule = WarmupCosineSchedule(peak: learningRate, floor: 0.05 * learningRate,
                                        warmupSteps: max(1, min(100, steps / 5)), totalSteps: steps)
    trainer.learningRate = { schedule($0) }
    trainer.clipNorm = 1
    trainer.evaluateEvery = max(steps / max(evaluations, 1), 1)
    trainer.evaluate = evaluate
    trainer.progress = { step, _, loss in progress(step, loss) }
    return trainer
}
