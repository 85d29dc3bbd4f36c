extension Trainer {
    /// The optimiser recipe every chapter trains with, configured once: AdamW (weight decay 1e-4), a linear
    /// warm-up to `learningRate` over the first 100 steps (a fifth of a short run), cosine decay to 5% of it,
    /// gradients clipped to global norm 1, and `evaluate(step, model)` every `steps / evaluations` steps.
    ///
    /// Warm-up because Adam's running averages are unreliable for the first steps; clipping so one bad batch
    /// cannot undo a run; the cosine floor so the last steps still move.
    public static func adamWWarmupCosine<Model: Trainable>(
        for model: Model, learningRate: Double, steps: Int, evaluations: Int = 10,
        evaluate: @escaping (Int, Model) -> Void, progress: @escaping (Int, Double) -> Void
    ) -> Trainer<AdamW<Model>> where Opt == AdamW<Model> {
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
}
