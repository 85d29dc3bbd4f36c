import Foundation
import Notebook

/// One progress line for runs trained side by side: the whole job's bar, then a small bar for each run in
/// progress ("lru d25 σ0.05 #1 ▰▰▰▱▱▱▱▱"). Runs loaded from disk count as done at once, and not towards the
/// rate, so a resumed sweep's ETA is that of the work still to do.
public final class RunProgress: @unchecked Sendable {
    private let bar: ProgressBar
    private var finishedSteps = 0
    private var running = [(label: String, step: Int, steps: Int)]()
    private let lock = NSLock()

    public init(_ bar: ProgressBar) { self.bar = bar }

    /// Run `label` has finished `step` of its `steps` steps; the first report starts it, the last ends it.
    public func update(_ label: String, step: Int, of steps: Int) {
        change { p in
            if let i = p.running.firstIndex(where: { $0.label == label }) { p.running[i].step = step }
            else { p.running.append((label, step, steps)) }
            if step >= steps {
                p.running.removeAll { $0.label == label }
                p.finishedSteps += steps
            }
        }
    }

    /// A run of `steps` steps that was loaded, not trained.
    public func skip(steps: Int) {
        bar.resume(steps)
        change { $0.finishedSteps += steps }
    }

    public func finish() { bar.finish() }

    private func change(_ body: (RunProgress) -> Void) {
        lock.lock()
        body(self)
        let total = finishedSteps + running.reduce(0) { $0 + $1.step }
        let status = running.map { run in
            let filled = run.step * 8 / max(run.steps, 1)
            return run.label + " " + String(repeating: "▰", count: filled) + String(repeating: "▱", count: 8 - filled)
        }.joined(separator: " │ ")
        lock.unlock()
        bar.update(total, status)
    }
}
