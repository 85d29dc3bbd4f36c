import Foundation

// Ours and PyTorch take turns: a turn of our steps, a turn of theirs, and again, `rounds` times. A shared 2-core
// machine's load drifts over a minute; taking turns gives both sides the same drift, where running one after the
// other would credit whichever ran in the quieter half. Each turn starts with untimed steps (caches, thread pools
// waking up), and after each turn we pause briefly, because both BLAS libraries keep their threads spinning for
// a moment after their last call and would steal the other side's cores.

/// The step times of one model on both sides.
struct Comparison {
    let benchmark: StepBenchmark
    var ours: [Double] = []
    var theirs: [Double] = []
    /// median(ours) ÷ median(theirs) of each round: their spread shows how steady the machine was.
    var roundRatios: [Double] = []
    /// One step's counted floating-point operations.
    var flops: Double = 0

    var ratio: Double { median(ours) / median(theirs) }
}

/// Times `benchmark` in alternating turns with `worker` (ours alone when it is nil).
func alternate(_ benchmark: StepBenchmark, with worker: PyTorchWorker?, rounds: Int, quick: Bool) -> Comparison {
    var result = Comparison(benchmark: benchmark)
    result.flops = benchmark.countFLOPs()
    let warmup = 2, count = quick ? Swift.max(3, benchmark.stepsPerTurn / 10) : benchmark.stepsPerTurn
    var theirsAvailable = worker != nil
    for _ in 0..<rounds {
        for _ in 0..<warmup { benchmark.step() }
        let ours = (0..<count).map { _ in elapsedSeconds(benchmark.step) }
        result.ours += ours
        guard theirsAvailable, let worker else { continue }
        Thread.sleep(forTimeInterval: 0.2)
        guard let theirs = worker.time(benchmark.name, warmup: warmup, count: count) else {
            theirsAvailable = false; result.theirs = []; result.roundRatios = []; continue
        }
        Thread.sleep(forTimeInterval: 0.2)
        result.theirs += theirs
        result.roundRatios.append(median(ours) / median(theirs))
    }
    return result
}
