import Dispatch
import Foundation
import LinearAlgebra

/// Runs independent jobs (training runs) side by side, `workers` at a time, and returns their results in the
/// order of `jobs`, whichever finished first.
///
/// Our models are small: one training step is many small matrix products and elementwise loops, and splitting
/// each product over two cores costs more in hand-offs than it saves (chapter 7's width-64 step: 81 ms on one
/// thread, 127 ms on two). Two runs at once, each on one thread, use both cores fully. So while more than one
/// job runs at a time, OpenBLAS and our own kernels are held to one thread each, and both are restored
/// afterwards. Every run draws from its own seeded generators and every kernel gives the same bits on one
/// thread as on several, so a run's numbers do not depend on which core ran it or on what ran beside it.
///
/// `startOrder` (a permutation of the jobs' indices) says which job to start next; longest first keeps one core
/// from idling at the end while the other finishes a long job it took last. It changes when a job runs, never what
/// it computes or where its result goes.
///
/// After the first error no new job starts; the jobs already running finish, and the first error is thrown.
public func sideBySide<R>(_ jobs: [() throws -> R], workers requested: Int? = nil, startOrder: [Int]? = nil) throws -> [R] {
    let order = startOrder ?? Array(jobs.indices)
    precondition(order.sorted() == Array(jobs.indices), "sideBySide: startOrder must list every job once")
    let workers = max(1, min(requested ?? ProcessInfo.processInfo.activeProcessorCount, jobs.count))
    let (blasBefore, kernelsBefore) = (BLASThreads.count, KernelThreads.count)
    if workers > 1 { BLASThreads.set(1); KernelThreads.count = 1 }
    defer { BLASThreads.set(blasBefore); KernelThreads.count = kernelsBefore }

    var results = [Result<R, Error>?](repeating: nil, count: jobs.count)
    var next = 0, failed = false
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            lock.lock()
            guard !failed, next < jobs.count else { lock.unlock(); return }
            let i = order[next]
            next += 1
            lock.unlock()
            let result = Result { try jobs[i]() }
            lock.lock()
            results[i] = result
            if case .failure = result { failed = true }
            lock.unlock()
        }
    }
    if let failure = results.first(where: { if case .failure = $0 { return true } else { return false } }), case .failure(let error)? = failure {
        throw error
    }
    return try results.map { try $0!.get() }
}
