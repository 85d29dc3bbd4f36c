import CBLAS
import Dispatch
import Foundation
import Notebook
import SequenceModels

/// Runs independent jobs (training runs) side by side, one per core, and returns their results in order.
///
/// Our models are small: one training step is many small matrix products and elementwise loops, and splitting
/// each product over two cores costs more in hand-offs than it saves (measured: a width-64 step of the synthetic
/// task takes 81 ms on one thread and 127 ms on two). Two runs at once, each on one thread, use both cores
/// fully. Every run draws from its own seeded generators and does its arithmetic on one thread, so its numbers do
/// not depend on which core ran it or on what ran beside it.
func sideBySide<R>(_ jobs: [() throws -> R]) throws -> [R] {
    openblas_set_num_threads(1)
    attentionWorkers = 1
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, jobs.count))
    var results = [Result<R, Error>?](repeating: nil, count: jobs.count)
    var next = 0
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            lock.lock()
            let i = next
            next += 1
            lock.unlock()
            if i >= jobs.count { return }
            let result = Result { try jobs[i]() }
            lock.lock()
            results[i] = result
            lock.unlock()
        }
    }
    return try results.map { try $0!.get() }
}

/// One progress bar for several runs at once: every finished step of any run moves it by one.
final class SharedProgress: @unchecked Sendable {
    private let bar: ProgressBar
    private var done = 0
    private let lock = NSLock()

    init(_ bar: ProgressBar) { self.bar = bar }

    func advance() {
        lock.lock()
        done += 1
        let count = done
        lock.unlock()
        bar.update(count)
    }

    func finish() { bar.finish() }
}
