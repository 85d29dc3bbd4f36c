import _Differentiation

/// Why training stopped early.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// The loss or the gradient norm became NaN or infinite.
    case nonFinite(step: Int, quantity: String, value: Double)

    public var description: String {
        switch self {
        case .nonFinite(let step, let quantity, let value):
            return "step \(step): the \(quantity) is \(value). "
                + "Hint: lower the learning rate, enable clipping, or check the data scale."
        }
    }
}

/// What a training run did.
public struct TrainingReport: Sendable {
    /// The loss before each step's update, one per step.
    public var losses: [Double] = []
    /// The global gradient norm of each step, before clipping.
    public var gradientNorms: [Double] = []
    /// Wall-clock seconds spent in steps (forward, backward, update), excluding evaluation.
    public var seconds: Double = 0
    public var stepsPerSecond: Double { seconds > 0 ? Double(losses.count) / seconds : 0 }
}

/// Runs the standard loop: loss and gradient, NaN guard, optional clipping, schedule, optimiser step.
///
///     var trainer = Trainer(optimizer: AdamW(for: model, learningRate: 3e-3))
///     trainer.clipNorm = 1
///     let report = try trainer.fit(&model, steps: 500) { model, step in
///         meanSquaredError(model(x), y)
///     }
///
/// Steps are numbered from 1. The loss closure gets the step number so it can pick that step's minibatch.
public struct Trainer<Opt: Optimizer> {
    public typealias Model = Opt.Model
    public var optimizer: Opt
    /// Learning rate for step n; nil keeps the optimiser's own rate. A `WarmupCosineSchedule` fits: `{ s($0) }`.
    public var learningRate: ((Int) -> Double)?
    /// Clip the gradient to this global norm; nil means no clipping.
    public var clipNorm: Double?
    /// Call `evaluate(step, model)` after every `evaluateEvery` steps (and after the last one); 0 means never.
    public var evaluateEvery = 0
    public var evaluate: ((Int, Model) -> Void)?
    /// Called after every step with (step, total steps, loss); the Notebook module draws a progress bar with it.
    public var progress: ((Int, Int, Double) -> Void)?

    public init(optimizer: Opt) { self.optimizer = optimizer }

    public mutating func fit(
        _ model: inout Model, steps: Int,
        loss: @differentiable(reverse) (Model, @noDerivative Int) -> Tensor<Model.Scalar>
    ) throws -> TrainingReport {
        var report = TrainingReport()
        report.losses.reserveCapacity(steps)
        let clock = ContinuousClock()
        for step in 1...max(steps, 1) where steps > 0 {
            let start = clock.now
            let (value, gradient) = valueWithGradient(at: model) { m in loss(m, step) }
            let lossValue = Double(value.scalar)
            guard lossValue.isFinite else { throw TrainingError.nonFinite(step: step, quantity: "loss", value: lossValue) }
            var g = gradient
            let norm = g.globalNorm
            guard norm.isFinite else { throw TrainingError.nonFinite(step: step, quantity: "gradient norm", value: norm) }
            if let maxNorm = clipNorm { clipByGlobalNorm(&g, maxNorm: maxNorm) }
            if let lr = learningRate { optimizer.learningRate = lr(step) }
            optimizer.update(&model, along: g)
            let elapsed = clock.now - start
            report.seconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            report.losses.append(lossValue)
            report.gradientNorms.append(norm)
            progress?(step, steps, lossValue)
            if evaluateEvery > 0, step % evaluateEvery == 0 || step == steps { evaluate?(step, model) }
        }
        return report
    }
}
