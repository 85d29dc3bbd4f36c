// `make bench`: how fast the workspace's models train on this machine, next to PyTorch on the same CPU.
//
// In one run: the sgemm ceiling the BLAS reaches here (ours and PyTorch's), then one AdamW training step of each
// model the chapters train, ours and PyTorch's in alternating turns (Alternation.swift), as median ms per step
// and their ratio against issue 18's targets, with each step's FLOP count and the fraction of the sgemm ceiling it reaches; then the k-d tree's scaling. Benchmarks are not tests: nothing here
// fails on a slow machine, but a *wrong* result (an sgemm that disagrees with a reference) does.
// PyTorch is optional (`pip install torch`); without it our side is reported alone.
import ArgumentParser
import CBLAS
import Compute
import Foundation
import LinearAlgebra
import Notebook
import SequenceModels

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the BLAS ceiling, training steps (against PyTorch when installed) and nearest-neighbour search.")

    @Flag(help: "Two short rounds instead of six (seconds instead of minutes; numbers are rougher).")
    var quick = false

    @Option(help: "Run only these parts, comma-separated: sgemm, mlp, lru, transformer, gpt, gpt64, dp, kdtree, shapes (the products the steps spend their time in, ours against OpenBLAS; default: all but shapes).")
    var only: String?

    @Option(help: "Threads for our own kernels (default: T2T_KERNEL_THREADS, else one per core; OpenBLAS's: OPENBLAS_NUM_THREADS).")
    var kernelThreads: Int?

    @Flag(help: "Skip the PyTorch comparison (to profile our side alone).")
    var noPytorch = false

    static let parts = ["sgemm", "mlp", "lru", "transformer", "gpt", "gpt64", "dp", "kdtree", "shapes"]

    func validate() throws {
        for part in selectedParts where !Self.parts.contains(part) {
            throw ValidationError("unknown part '\(part)' in --only; choose from \(Self.parts.joined(separator: ", "))")
        }
    }

    var selectedParts: [String] { only.map { $0.split(separator: ",").map(String.init) } ?? Self.parts.filter { $0 != "shapes" } }

    func run() throws {
        _ = try ComputeConfiguration.validated()
        if let kernelThreads { KernelThreads.count = max(1, kernelThreads) }
        let env = ProcessInfo.processInfo.environment
        let threads = BLASThreads.count
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores · OPENBLAS_CORETYPE="
              + "\(env["OPENBLAS_CORETYPE"] ?? "unset") · T2T_SIMD=\(env["T2T_SIMD"] ?? "unset")")
        print("compute: \(ComputeConfiguration.current)")
        try checkSgemm()
        let parts = Set(selectedParts)
        var worker: PyTorchWorker?
        if !noPytorch {
            let started = PyTorchWorker.start(threads: threads)
            worker = started.worker
            print(worker.map { "comparing with \($0.version)" } ?? "(PyTorch comparison skipped: \(started.reason))")
        }
        defer { worker?.close() }

        let ceiling = sgemmGflops(n: 512, repetitions: quick ? 5 : 30)
        if parts.contains("sgemm") { reportSgemm(worker, ours: ceiling) }
        let benchmarks: [() -> StepBenchmark] = [mlpBenchmark, lruBenchmark, transformerBenchmark, gptBenchmark,
                                                 gpt64Benchmark, dpBenchmark]
        let names = ["mlp", "lru", "transformer", "gpt", "gpt64", "dp"]
        var comparisons = [Comparison]()
        for (name, make) in zip(names, benchmarks) where parts.contains(name) {
            comparisons.append(alternate(make(), with: worker, rounds: quick ? 2 : 6, quick: quick))
        }
        if !comparisons.isEmpty { reportSteps(comparisons, threads: threads, ceiling: ceiling) }
        if parts.contains("shapes") {
            print("\n## The products a step spends its time in (best of \(quick ? 20 : 200), both sides on \(threads) BLAS threads "
                  + "and \(KernelThreads.count) kernel threads)\n")
            print(gemmShapeTable(quick: quick))
        }
        if parts.contains("kdtree") {
            report("k-d tree: build + k = 10 neighbours of every point (Lorenz delay vectors)", runKDTreeBench(quick: quick))
        }
    }

    func reportSgemm(_ worker: PyTorchWorker?, ours: Double) {
        print("\n## The ceiling: a 512 × 512 × 512 float32 matrix product\n")
        var table = Table(["BLAS", "GFLOP/s"])
        table.add("OpenBLAS (\(coreName()) kernels)", ours)
        if let theirs = worker?.sgemmGflops(n: 512, repetitions: quick ? 5 : 30) { table.add("PyTorch's own", theirs) }
        print(table)
    }

    func reportSteps(_ comparisons: [Comparison], threads: Int, ceiling: Double) {
        print("\n## One AdamW training step (forward, backward, update), median ms; \(threads) threads each side\n")
        var table = Table(["model", "steps", "ours", "PyTorch", "ours ÷ PyTorch", "per round", "target", "GFLOP",
                           "GFLOP/s", "of ceiling"])
        for c in comparisons {
            let hasTheirs = !c.theirs.isEmpty
            let target = c.benchmark.target.map { t in
                "≤ \(Format.number(t, digits: 2))" + (hasTheirs ? (c.ratio <= t ? " met" : " not met") : "")
            } ?? "—"
            table.rows.append([
                c.benchmark.name, "\(c.ours.count)", Format.number(median(c.ours) * 1e3, digits: 3),
                hasTheirs ? Format.number(median(c.theirs) * 1e3, digits: 3) : "—",
                hasTheirs ? Format.number(c.ratio, digits: 2) : "—",
                hasTheirs ? "\(Format.number(c.roundRatios.min()!, digits: 2))–\(Format.number(c.roundRatios.max()!, digits: 2))" : "—",
                target,
                Format.number(c.flops * 1e-9, digits: 3),
                Format.number(c.flops / median(c.ours) * 1e-9, digits: 3),
                "\(Format.number(100 * c.flops / median(c.ours) * 1e-9 / ceiling, digits: 2)) %",
            ])
        }
        print(table)
        for c in comparisons { print("  \(c.benchmark.name): \(c.benchmark.title)") }
        print("  GFLOP: one step's matrix products, attention products and scans (FLOPCounter; elementwise work not "
              + "counted); of ceiling: our GFLOP/s ÷ the 512³ sgemm's \(Format.number(ceiling, digits: 3)) GFLOP/s on "
              + "this machine, the distance to the limit")
    }

    func coreName() -> String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// A forced core type that the CPU cannot run would crash, and one that computed wrongly would silently
    /// change every number in the course; compare sgemm with a plain loop before timing anything.
    func checkSgemm() throws {
        let n = 67
        var rng = SeededRNG(seed: 1)
        let a = (0..<(n * n)).map { _ in Float(rng.normal()) }, b = (0..<(n * n)).map { _ in Float(rng.normal()) }
        var c = [Float](repeating: 0, count: n * n)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(n), Int32(n), 1, a, Int32(n), b, Int32(n), 0, &c, Int32(n))
        var worst: Double = 0
        for i in 0..<n { for j in 0..<n {
            var ref: Double = 0
            for k in 0..<n { ref += Double(a[i * n + k]) * Double(b[k * n + j]) }
            worst = max(worst, abs(ref - Double(c[i * n + j])))
        } }
        guard worst < 1e-3 else { throw NotebookError("sgemm disagrees with a reference loop by \(worst); unset OPENBLAS_CORETYPE") }
        print("sgemm check: matches a reference loop (max error \(Format.number(worst, digits: 2)))")
    }

    func report(_ title: String, _ rows: [(name: String, value: String)]) {
        print("\n## \(title)\n")
        var table = Table(["measure", "value"])
        for row in rows { table.rows.append([row.name, row.value]) }
        print(table)
    }
}

/// GFLOP/s of an n × n × n sgemm, median of `repetitions` after one untimed call (OpenBLAS's start-up).
func sgemmGflops(n: Int, repetitions: Int) -> Double {
    var rng = SeededRNG(seed: 1)
    let a = (0..<(n * n)).map { _ in Float(rng.uniform(-1, 1)) }
    let b = (0..<(n * n)).map { _ in Float(rng.uniform(-1, 1)) }
    var c = [Float](repeating: 0, count: n * n)
    let seconds = (0..<(repetitions + 1)).map { _ in
        elapsedSeconds {
            c.withUnsafeMutableBufferPointer { pc in
                Float.gemm(transA: false, transB: false, m: n, n: n, k: n, alpha: 1, a: a, lda: n, b: b, ldb: n,
                           beta: 0, c: pc.baseAddress!, ldc: n)
            }
        }
    }.dropFirst()
    return 2 * Double(n * n * n) / median(Array(seconds)) * 1e-9
}

Bench.main()
