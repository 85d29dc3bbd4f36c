import Foundation
import Notebook

/// One progress line for a sweep: the whole sweep's bar, then a small bar for each run in progress.
final class SweepProgress: @unchecked Sendable {
    private let bar: ProgressBar
    private let stepsPerRun: Int
    private var finishedSteps = 0
    private var running = [(spec: RunSpec, step: Int)]()
    private let lock = NSLock()

    init(_ bar: ProgressBar, stepsPerRun: Int) {
        self.bar = bar
        self.stepsPerRun = stepsPerRun
    }

    func start(_ spec: RunSpec) { change { $0.running.append((spec, 0)) } }

    func update(_ spec: RunSpec, step: Int) {
        change { p in if let i = p.running.firstIndex(where: { $0.spec == spec }) { p.running[i].step = step } }
    }

    func done(_ spec: RunSpec) {
        change { p in
            p.running.removeAll { $0.spec == spec }
            p.finishedSteps += p.stepsPerRun
        }
    }

    /// A run loaded from disk counts as done at once.
    func skip(_ spec: RunSpec, steps: Int) { change { $0.finishedSteps += steps } }

    func finish() { bar.finish() }

    private func change(_ body: (SweepProgress) -> Void) {
        lock.lock()
        body(self)
        let total = finishedSteps + running.reduce(0) { $0 + $1.step }
        let status = running.map { run in
            let filled = run.step * 8 / max(stepsPerRun, 1)
            let mini = String(repeating: "▰", count: filled) + String(repeating: "▱", count: 8 - filled)
            return "\(run.spec.kind.rawValue) d\(run.spec.width) σ\(noiseLabel(run.spec.noise)) #\(run.spec.seed) \(mini)"
        }.joined(separator: " │ ")
        lock.unlock()
        bar.update(total, status)
    }
}
