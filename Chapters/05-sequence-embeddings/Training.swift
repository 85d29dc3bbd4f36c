import _Differentiation
import Experiments
import Learning
import LinearAlgebra
import Notebook

/// Trains one model with the chapters' recipe (AdamW, warm-up + cosine, clipping), evaluating it before the
/// first update (step 0: the initialisation) and at `settings.evaluationSteps`, every score at every evaluation
/// (the MLP decoder included: the claims are judged on it, so the figure draws it).
func train<M: NextStepModel>(_ model: inout M, spec: RunSpec, data: Dataset, settings: Settings,
                             progress: @escaping (Int) -> Void) throws -> [Evaluation] {
    var curve = [evaluate(model, step: 0, data: data, nonlinear: true, seed: spec.seed)]
    var batchRNG = SeededRNG(seed: spec.seed, stream: 4)
    let draws = (0..<settings.steps).map { _ in
        (0..<settings.batchSize).map { _ in Int(batchRNG.next() % UInt64(data.training.count)) }
    }
    let inputs = { (step: Int) in data.training.inputs(draws[step - 1], scale: data.scale) }
    let targets = { (step: Int) in data.training.targets(draws[step - 1], scale: data.scale) }
    var trainer = Trainer.adamWWarmupCosine(
        for: model, learningRate: settings.learningRate, steps: settings.steps, evaluations: settings.evaluations,
        evaluate: { step, model in
            curve.append(evaluate(model, step: step, data: data, nonlinear: true, seed: spec.seed))
        },
        progress: { step, _ in progress(step) })
    do {
        _ = try trainer.fit(&model, steps: settings.steps) { model, step in
            meanSquaredError(model(inputs(step)), targets(step))
        }
    } catch let error as TrainingError {
        throw NotebookError.diverged(error, run: spec.name, learningRate: settings.learningRate)
    }
    return curve
}
