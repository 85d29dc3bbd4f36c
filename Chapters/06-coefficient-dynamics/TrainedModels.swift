import _Differentiation
import Experiments
import Foundation
import Learning
import LinearAlgebra
import Notebook
import SequenceModels

/// Chapter 5's trained LRU model and transformer with learned positions (d = 25, σ = 0.05 in x's raw units),
/// found through the shared paper-000 specification (`Experiments/Paper000.swift`), together with the data they
/// were trained on — so that section 9 reads them on their own held-out trajectories, in their own units.
/// When chapter 5 has not been run for this seed, a small pair is trained here with the same constructors on
/// the same kind of data.
struct TrainedPair {
    var lru: LRUModel<Float>
    var transformer: TransformerModel<Float>
    /// The data the pair was trained on; its held-out trajectories are what section 9 reads.
    var data: Paper000.Trajectories
    /// One sentence for the reader: where the models came from.
    var source: String
}

enum TrainedModels {
    static let width = 25
    static let noise = 0.05
    static var heads: Int { Paper000.heads }

    static func runs(seed: UInt64) -> (lru: Paper000.Run, transformer: Paper000.Run) {
        (Paper000.Run(model: .lru, width: width, noise: noise, seed: seed),
         Paper000.Run(model: .transformerLearned, width: width, noise: noise, seed: seed))
    }

    /// Fresh models with chapter 5's constructors.
    static func fresh(seed: UInt64, length: Int) -> (LRUModel<Float>, TransformerModel<Float>) {
        (Paper000.makeLRU(width: width, seed: seed),
         Paper000.makeTransformer(width: width, positions: .learned, length: length, seed: seed))
    }

    /// Loads the pair from `folder` if chapter 5 saved both runs there and their records match. `required`
    /// (the user named the folder) turns a missing or damaged run into an error; otherwise the chapter trains
    /// its own pair on `ownData` for `steps` steps and saves its parameters under `saveFolder`.
    static func obtain(folder: URL, required: Bool, seed: UInt64, ownData: Paper000.DataSpec, steps: Int,
                       learningRate: Double, saveFolder: URL, root: URL, nb: Notebook) throws -> TrainedPair {
        let store = Paper000.Store(directory: folder), (lruRun, transformerRun) = runs(seed: seed)
        switch (store.record(lruRun), store.record(transformerRun)) {
        case (.success(let lruRecord), .success(let transformerRecord)) where lruRecord.data == transformerRecord.data:
            var (lru, transformer) = fresh(seed: seed, length: lruRecord.length)
            if case .failure(let error) = store.load(lruRun, into: &lru) { throw NotebookError("cannot load chapter 5's LRU: \(error)") }
            if case .failure(let error) = store.load(transformerRun, into: &transformer) {
                throw NotebookError("cannot load chapter 5's transformer: \(error)")
            }
            let rootPath = root.standardizedFileURL.path + "/", path = folder.standardizedFileURL.path
            let shown = path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
            return TrainedPair(lru: lru, transformer: transformer, data: Paper000.Trajectories(lruRecord.data, noise: noise, seed: seed),
                               source: "loaded \(lruRun.name) and \(transformerRun.name) from \(shown) (trained on "
                                   + "\(lruRecord.trajectories) trajectories of \(lruRecord.length) steps, \(lruRecord.input.rawValue) x)")
        case (let a, let b):
            if required {
                let why = [a, b].compactMap { if case .failure(let e) = $0 { return e.description } else { return nil } }
                throw NotebookError("chapter 5's models for seed \(seed) cannot be used: "
                                    + (why.isEmpty ? "they were trained on different data" : why.joined(separator: "; "))
                                    + " (run chapter 5 with --seed \(seed), or leave out --models)")
            }
        }
        let data = Paper000.Trajectories(ownData, noise: noise, seed: seed)
        var (lru, transformer) = fresh(seed: seed, length: ownData.length)
        let lruLosses = try train(&lru, name: "LRU model", seed: seed, data: data, steps: steps, learningRate: learningRate, nb: nb) { $0($1) }
        let transformerLosses = try train(&transformer, name: "transformer", seed: seed, data: data, steps: steps,
                                          learningRate: learningRate, nb: nb) { $0($1) }
        // Saved as chapter 5 saves its runs (parameters, curve, record), so `--models` can point at them.
        let saved = Paper000.Store(directory: saveFolder), recipe = "chapter 6's own pair: \(steps) steps, lr \(learningRate)"
        for (run, losses) in [(lruRun, lruLosses), (transformerRun, transformerLosses)] {
            if run == lruRun { try save(lru, to: saved.parametersURL(run)) } else { try save(transformer, to: saved.parametersURL(run)) }
            var curve = TSVFile(url: saved.curveURL(run), header: ["step", "training loss"], provenance: recipe)
            for (step, loss) in losses.enumerated() { curve.row([Double(step + 1), loss]) }
            try curve.write()
            try saved.seal(run, data: ownData, recipe: recipe)
        }
        return TrainedPair(lru: lru, transformer: transformer, data: data,
                           source: "chapter 5's models for seed \(seed) were not found, so this chapter trained its own pair "
                               + "with the same constructors on the same kind of data for \(steps) steps (saved to models/ in the data folder)")
    }

    /// Chapter 5's recipe in brief: AdamW with warm-up and cosine decay, next-step MSE on whole training
    /// trajectories, 10 per step, in the models' units.
    static func train<Model: Trainable>(_ model: inout Model, name: String, seed: UInt64, data: Paper000.Trajectories,
                                        steps: Int, learningRate: Double, nb: Notebook,
                                        forecast: @escaping @differentiable(reverse) (Model, Tensor<Float>) -> Tensor<Float>) throws -> [Double]
        where Model.Scalar == Float {
        var losses = [Double]()
        var batchRNG = SeededRNG(seed: seed, stream: 4)
        let draws = (0..<steps).map { _ in (0..<10).map { _ in Int(batchRNG.next() % UInt64(data.training.count)) } }
        let bar = nb.progress("training the \(name)", total: steps)
        var trainer = Trainer.adamWWarmupCosine(for: model, learningRate: learningRate, steps: steps, evaluations: 1,
                                                evaluate: { _, _ in },
                                                progress: { step, loss in
                                                    losses.append(loss)
                                                    bar.update(step, "loss \(Format.number(loss, digits: 3))")
                                                })
        do {
            let report = try trainer.fit(&model, steps: steps) { model, step in
                let batch = withoutDerivative(at: draws[step - 1])
                return meanSquaredError(forecast(model, data.training.inputs(batch, scale: data.scale)),
                                        data.training.targets(batch, scale: data.scale))
            }
            bar.finish()
            nb.timing("\(name): \(Format.number(report.stepsPerSecond, digits: 3)) steps/s")
            return losses
        } catch let error as TrainingError {
            bar.finish()
            throw NotebookError.diverged(error, run: "the \(name)", learningRate: learningRate)
        }
    }

    /// Writes a parameter file, refusing to replace a file that is not one of ours.
    static func save<M: ParameterVisitable>(_ model: M, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: url.path) {
            let head = (try? FileHandle(forReadingFrom: url).read(upToCount: 8)) ?? nil
            guard head == Data("T2TPARAM".utf8) else {
                throw NotebookError("refusing to overwrite \(url.path): it is not a parameter file written by this workspace")
            }
        }
        try saveParameters(model, to: url)
    }
}
