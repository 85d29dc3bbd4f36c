import Dispatch
import Foundation
import Learning
import LinearAlgebra
import Notebook
import SequenceModels

/// Runs every training run of the sweep, `workers` at a time (each on one core, with single-threaded BLAS and
/// attention, which beats two runs fighting over both cores), or loads it from disk when it was saved with the
/// same recipe. Results come back in the order of `specs`, so the output does not depend on which run finished
/// first.
func runSweep(_ specs: [RunSpec], settings: Settings, saved: SavedRuns, retrain: Bool, workers: Int,
              progress: SweepProgress) throws -> [RunSpec: [Evaluation]] {
    let datasets = DatasetCache(settings: settings)
    var results = [RunSpec: [Evaluation]]()
    var firstError: Error?
    var next = 0
    let lock = NSLock()
    let threads = Swift.max(1, Swift.min(workers, specs.count))
    let (blasBefore, attentionBefore) = (BLASThreads.count, attentionWorkers)
    if threads > 1 { BLASThreads.set(1); attentionWorkers = 1 }
    defer { BLASThreads.set(blasBefore); attentionWorkers = attentionBefore }

    DispatchQueue.concurrentPerform(iterations: threads) { _ in
        while true {
            lock.lock()
            guard firstError == nil, next < specs.count else { lock.unlock(); return }
            let spec = specs[next]
            next += 1
            lock.unlock()
            do {
                let curve = try runOne(spec, data: datasets.get(noise: spec.noise, seed: spec.seed), settings: settings,
                                       saved: saved, retrain: retrain, progress: progress)
                lock.lock(); results[spec] = curve; lock.unlock()
            } catch {
                lock.lock(); if firstError == nil { firstError = error }; lock.unlock()
            }
        }
    }
    progress.finish()
    if let firstError { throw firstError }
    return results
}

/// Loads or trains one run.
func runOne(_ spec: RunSpec, data: Dataset, settings: Settings, saved: SavedRuns, retrain: Bool,
            progress: SweepProgress) throws -> [Evaluation] {
    switch spec.kind {
    case .lru:
        var model = makeLRU(width: spec.width, seed: spec.seed)
        return try loadOrTrain(&model, spec, data, settings, saved, retrain, progress)
    case .transformerLearned:
        var model = makeTransformer(width: spec.width, positions: .learned, seed: spec.seed)
        return try loadOrTrain(&model, spec, data, settings, saved, retrain, progress)
    case .transformerNone:
        var model = makeTransformer(width: spec.width, positions: .none, seed: spec.seed)
        return try loadOrTrain(&model, spec, data, settings, saved, retrain, progress)
    }
}

func loadOrTrain<M: NextStepModel>(_ model: inout M, _ spec: RunSpec, _ data: Dataset, _ settings: Settings,
                                   _ saved: SavedRuns, _ retrain: Bool, _ progress: SweepProgress) throws -> [Evaluation] {
    if !retrain, let curve = saved.load(spec, into: &model) {
        progress.skip(spec, steps: settings.steps)
        return curve
    }
    progress.start(spec)
    let curve = try train(&model, spec: spec, data: data, settings: settings) { step in progress.update(spec, step: step) }
    try saved.save(spec, model: model, curve: curve)
    progress.done(spec)
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
