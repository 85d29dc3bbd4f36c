import _Differentiation
import Experiments
import Learning
import LinearAlgebra
import Notebook
import SequenceModels

/// How the synthetic-task models are trained (section 3).
struct PrecachingSettings {
    var width: Int
    var heads = 2
    var layers = 2
    var batch: Int
    var steps: Int
    var learningRate: Double
    var evaluations = 10
}

/// One trained model on D_p: its held-out score during training and, if asked, the split of its gradient.
struct PrecachingRun {
    var probability: Double
    var myopic: Bool
    /// The control task (z = 0 asks for 0, not x_n): see `PrecachingTask.copiesPresent`.
    var control: Bool
    var seed: UInt64
    var model: GPTRegressor<Float>
    /// (step, normalised held-out loss)
    var curve: [(step: Int, loss: Double)] = []
    /// The split of the gradient at each evaluation, on each of the gradient batches.
    var gradients: [GradientSample] = []
    var stepsPerSecond = 0.0
}

/// Trains a fresh 2-layer GPTRegressor on fresh batches of `task`, vanilla or myopic. The model (stream 3) and the
/// batches (stream 4) are the same draws for every run with the same seed: vanilla and myopic runs start from the
/// same weights and see the same data, so any difference between them is the training rule. The gradient is split
/// on each of `gradientBatches` at every evaluation (one batch alone jumps threefold between evaluations).
func trainOnPrecaching(_ task: PrecachingTask, myopic: Bool, settings s: PrecachingSettings, seed: UInt64,
                       heldOut: PrecachingBatch, gradientBatches: [PrecachingBatch], bar: RunProgress) throws -> PrecachingRun {
    var modelRNG = SeededRNG(seed: seed, stream: 3)
    var model = GPTRegressor<Float>(inputs: 2, outputs: 1, width: s.width, layers: s.layers, heads: s.heads,
                                    maxLength: task.length, myopic: myopic, rng: &modelRNG)
    var run = PrecachingRun(probability: task.probability, myopic: myopic, control: !task.copiesPresent, seed: seed,
                            model: model)
    let heldOutInputs = heldOut.inputs
    let label = "p=\(pText(task.probability))\(task.copiesPresent ? "" : " control") \(myopic ? "myopic" : "vanilla") #\(seed)"
    func evaluate(_ step: Int, _ m: GPTRegressor<Float>) {
        run.curve.append((step, heldOut.normalizedLoss(m(heldOutInputs).scalars.map(Double.init))))
        guard !gradientBatches.isEmpty else { return }
        run.gradients.append(GradientSample(step: step, batches: gradientBatches.map { g in
            let (x, y) = (g.inputs, g.targets)
            let split = GradientDecomposition.measure(m, parts: ["blocks.0.mlp"]) { m in huberLoss(m(x), y) }
            return (split.total, split.parts[0])
        }))
    }
    evaluate(0, model)
    var dataRNG = SeededRNG(seed: seed, stream: 4)
    var trainer = Trainer.adamWWarmupCosine(for: model, learningRate: s.learningRate, steps: s.steps,
                                            evaluations: s.evaluations, evaluate: evaluate,
                                            progress: { step, _ in
                                                bar.update(label, step: step, of: s.steps)
                                            })
    do {
        let report = try trainer.fit(&model, steps: s.steps) { m, _ in
            let batch = withoutDerivative(at: task.batch(s.batch, rng: &dataRNG))
            return huberLoss(m(batch.inputs), batch.targets)
        }
        run.stepsPerSecond = report.stepsPerSecond
    } catch let error as TrainingError {
        throw NotebookError.diverged(error, run: "D_p, p = \(task.probability), \(myopic ? "myopic" : "vanilla"), seed \(seed)",
                                     learningRate: s.learningRate)
    }
    run.model = model
    return run
}
