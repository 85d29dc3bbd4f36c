import Dispatch
import Experiments
import Foundation
import Learning
import LinearAlgebra
import Notebook
import SequenceModels

/// Runs every training run of the sweep side by side (`Experiments.sideBySide`: each on one core, with
/// single-threaded BLAS and kernels), or loads it from disk when it was saved with the same recipe. Results
/// come back in the order of `specs`, so the output does not depend on which run finished first.
func runSweep(_ specs: [RunSpec], settings: Settings, saved: SavedRuns, retrain: Bool, workers: Int,
              progress: RunProgress) throws -> [RunSpec: [Evaluation]] {
    for spec in specs { try saved.ensureWritable(spec) }
    let datasets = DatasetCache(settings: settings)
    // Longest runs first, so that the two cores finish together (measured on the default scale, AMD EPYC Zen 3: a
    // transformer takes about 10 s + 0.2 s per channel of width, an LRU about 0.2 s per channel).
    let cost = { (spec: RunSpec) in spec.model == .lru ? 0.2 * Double(spec.width) : 10 + 0.2 * Double(spec.width) }
    let order = specs.indices.sorted { (cost(specs[$0]), -$0) > (cost(specs[$1]), -$1) }
    let curves = try sideBySide(specs.map { spec in
        { try runOne(spec, data: datasets.get(noise: spec.noise, seed: spec.seed), settings: settings,
                     saved: saved, retrain: retrain, progress: progress) }
    }, workers: workers, startOrder: order)
    progress.finish()
    return Dictionary(uniqueKeysWithValues: zip(specs, curves))
}

/// Loads or trains one run.
func runOne(_ spec: RunSpec, data: Dataset, settings: Settings, saved: SavedRuns, retrain: Bool,
            progress: RunProgress) throws -> [Evaluation] {
    switch spec.model {
    case .lru:
        var model = Paper000.makeLRU(width: spec.width, seed: spec.seed)
        return try loadOrTrain(&model, spec, data, settings, saved, retrain, progress)
    case .transformerLearned:
        var model = Paper000.makeTransformer(width: spec.width, positions: .learned, length: settings.length, seed: spec.seed)
        return try loadOrTrain(&model, spec, data, settings, saved, retrain, progress)
    case .transformerNone:
        var model = Paper000.makeTransformer(width: spec.width, positions: .none, length: settings.length, seed: spec.seed)
        return try loadOrTrain(&model, spec, data, settings, saved, retrain, progress)
    }
}

func loadOrTrain<M: NextStepModel>(_ model: inout M, _ spec: RunSpec, _ data: Dataset, _ settings: Settings,
                                   _ saved: SavedRuns, _ retrain: Bool, _ progress: RunProgress) throws -> [Evaluation] {
    // A saved run that exists but cannot be trusted is said once, on its own line, and trained again.
    let notice = { (text: String) in FileHandle.standardError.write(Data("\nnote: \(text)\n".utf8)) }
    if !retrain, let curve = saved.load(spec, into: &model, notice: notice) {
        progress.skip(steps: settings.steps)
        return curve
    }
    let label = "\(spec.model.rawValue) d\(spec.width) σ\(noiseLabel(spec.noise)) #\(spec.seed)"
    progress.update(label, step: 0, of: settings.steps)
    let curve = try train(&model, spec: spec, data: data, settings: settings) { step in
        // The last step's report waits until the run is saved: a run counts as done once it can be resumed.
        if step < settings.steps { progress.update(label, step: step, of: settings.steps) }
    }
    try saved.save(spec, model: model, curve: curve)
    progress.update(label, step: settings.steps, of: settings.steps)
    return curve
}

/// Each (noise, seed) data set is generated once and shared by the runs that use it.
final class DatasetCache: @unchecked Sendable {
    private let settings: Settings
    private var cache = [String: Dataset]()
    private let lock = NSLock()

    init(settings: Settings) { self.settings = settings }

    func get(noise: Double, seed: UInt64) -> Dataset {
        let key = "\(noise)-\(seed)"
        lock.lock(); defer { lock.unlock() }
        if let d = cache[key] { return d }
        let d = Dataset(noise: noise, seed: seed, settings: settings)
        cache[key] = d
        return d
    }
}
