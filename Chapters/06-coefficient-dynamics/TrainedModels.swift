import _Differentiation
import Experiments
import Foundation
import Learning
import LinearAlgebra
import Notebook
import SequenceModels

/// Chapter 5's trained LRU model and transformer (width 25, observation noise 5%), or a small pair trained here
/// with the same constructors when chapter 5 has not been run for this seed.
///
/// Chapter 5 saves them with `Learning.saveParameters` as
///     lru-d25-noise0.05-seed<SEED>.params          LRUModel<Float>(width: 25, readoutHidden: 50)
///     transformer-learned-d25-noise0.05-seed<SEED>.params
///                                                  TransformerModel<Float>(width: 25, heads: 5, readoutHidden: 50,
///                                                                          positionalEncoding: .learned, maxLength: 500)
struct TrainedPair {
    var lru: LRUModel<Float>
    var transformer: TransformerModel<Float>
    /// One sentence for the reader: where the models came from.
    var source: String
}

enum TrainedModels {
    static let width = 25, heads = 5, readoutHidden = 50, maxLength = 500
    static let noise = 0.05

    static func fileNames(seed: UInt64) -> (lru: String, transformer: String) {
        ("lru-d25-noise0.05-seed\(seed).params", "transformer-learned-d25-noise0.05-seed\(seed).params")
    }

    /// Fresh models with chapter 5's constructors (drawn from stream 3 of the seed, as chapters 3 and 4 do).
    static func fresh(seed: UInt64) -> (LRUModel<Float>, TransformerModel<Float>) {
        var rng = SeededRNG(seed: seed, stream: 3)
        let lru = LRUModel<Float>(width: width, readoutHidden: readoutHidden, rng: &rng)
        var rng2 = SeededRNG(seed: seed, stream: 3)
        let transformer = TransformerModel<Float>(width: width, heads: heads, readoutHidden: readoutHidden,
                                                  positionalEncoding: .learned, maxLength: maxLength, rng: &rng2)
        return (lru, transformer)
    }

    /// Loads the pair from `folder` if both files are there. `required` (the user named the folder) turns a
    /// missing file into an error; otherwise the chapter trains its own pair on `batches` and saves it under
    /// `saveFolder` so the reader can reuse it.
    static func obtain(folder: URL, required: Bool, seed: UInt64, batches: SequenceBatches, steps: Int,
                       learningRate: Double, saveFolder: URL, root: URL, nb: Notebook) throws -> TrainedPair {
        let names = fileNames(seed: seed)
        let lruURL = folder.appendingPathComponent(names.lru), transformerURL = folder.appendingPathComponent(names.transformer)
        var (lru, transformer) = fresh(seed: seed)
        let present = FileManager.default.fileExists(atPath: lruURL.path) && FileManager.default.fileExists(atPath: transformerURL.path)
        if present {
            do {
                try loadParameters(into: &lru, from: lruURL)
                try loadParameters(into: &transformer, from: transformerURL)
            } catch {
                throw NotebookError("cannot load the trained models in \(folder.path): \(error)")
            }
            let rootPath = root.standardizedFileURL.path + "/", path = folder.standardizedFileURL.path
            let shown = path.hasPrefix(rootPath) ? String(path.dropFirst(rootPath.count)) : path
            return TrainedPair(lru: lru, transformer: transformer,
                               source: "loaded \(names.lru) and \(names.transformer) from \(shown)")
        }
        if required {
            throw NotebookError("no trained models for seed \(seed) in \(folder.path): expected \(names.lru) and \(names.transformer) (run chapter 5 with --seed \(seed), or leave out --models)")
        }
        try train(&lru, name: "LRU model", seed: seed, batches: batches, steps: steps, learningRate: learningRate, nb: nb) { $0($1) }
        try train(&transformer, name: "transformer", seed: seed, batches: batches, steps: steps, learningRate: learningRate, nb: nb) { $0($1) }
        try save(lru, to: saveFolder.appendingPathComponent(names.lru))
        try save(transformer, to: saveFolder.appendingPathComponent(names.transformer))
        return TrainedPair(lru: lru, transformer: transformer,
                           source: "chapter 5's models for seed \(seed) were not found, so this chapter trained its own pair with the same constructors for \(steps) steps (saved to models/ in the data folder)")
    }

    /// Chapter 3 and 4's recipe: AdamW with warm-up and cosine decay, next-step MSE on random windows.
    static func train<Model: Trainable>(_ model: inout Model, name: String, seed: UInt64, batches: SequenceBatches,
                                        steps: Int, learningRate: Double, nb: Notebook,
                                        forecast: @escaping @differentiable(reverse) (Model, Tensor<Float>) -> Tensor<Float>) throws
        where Model.Scalar == Float {
        var batchRNG = SeededRNG(seed: seed, stream: 4)
        let starts = batches.trainingStarts(steps: steps, batchSize: 10, rng: &batchRNG)
        let bar = nb.progress("training the \(name)", total: steps)
        var trainer = Trainer.adamWWarmupCosine(for: model, learningRate: learningRate, steps: steps, evaluations: 1,
                                                evaluate: { _, _ in },
                                                progress: { step, loss in bar.update(step, "loss \(Format.number(loss, digits: 3))") })
        do {
            let report = try trainer.fit(&model, steps: steps) { model, step in
                let batch = withoutDerivative(at: starts[step - 1])
                return meanSquaredError(forecast(model, batches.inputs(batch)), batches.targets(batch))
            }
            bar.finish()
            nb.timing("\(name): \(Format.number(report.stepsPerSecond, digits: 3)) steps/s")
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
