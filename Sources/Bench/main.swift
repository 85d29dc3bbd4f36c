// `make bench`: how fast the workspace's building blocks run on this machine.
//
// Timings are medians over repeated runs, printed with the machine facts that explain them: the BLAS core type
// OpenBLAS picked (see docs/decisions.md, entry 10) and the threads it may use. Benchmarks are not tests:
// nothing here fails on a slow machine, but a *wrong* result (an sgemm that disagrees with a reference) does.
import ArgumentParser
import CBLAS
import Foundation
import LinearAlgebra
import Notebook

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Time the BLAS ceiling, training steps and nearest-neighbour search.")

    @Flag(help: "Fewer sizes and repetitions (seconds instead of a minute).")
    var quick = false

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores · OpenBLAS core \(coreName()) "
              + "(OPENBLAS_CORETYPE=\(env["OPENBLAS_CORETYPE"] ?? "unset")) · OPENBLAS_NUM_THREADS=\(env["OPENBLAS_NUM_THREADS"] ?? "unset")")
        try checkSgemm()
        let learning = runLearningBench(quick: quick)
        report("Learning core: sgemm ceiling and one AdamW step of chapter 2's MLP", learning)
        compareWithPyTorch("mlp_bench.py", ours: learning, keys: ["sgemm_512_gflops", "mlp_step_ms"])
        let lru = runLRUBench(quick: quick)
        report("Sequence models: one AdamW step of paper 000's LRU model (H = N = 50, batch 10 × 500 steps)", lru)
        compareWithPyTorch("lru_bench.py", ours: lru, keys: ["lru_step_ms"])
        let attention = runAttentionBench(quick: quick)
        report("Attention: paper 000's transformer (d = 50, 5 heads, learned positions, batch 10 × 500) and the "
               + "chapter-7 GPT (2 layers, width 128, 4 heads, batch 32 × 64)", attention)
        compareWithPyTorch("attention_bench.py", ours: attention, keys: ["transformer_step_ms", "gpt_step_ms"])
        report("k-d tree: build + k = 10 neighbours of every point (Lorenz delay vectors)", runKDTreeBench(quick: quick))
    }

    /// Runs `pytorch/<script>` when PyTorch is installed (never required) and prints our time ÷ theirs for
    /// each measure both report.
    func compareWithPyTorch(_ script: String, ours: [(name: String, value: String)], keys: [String]) {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("pytorch/\(script)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path.path] + (quick ? ["--quick"] : [])
        var env = ProcessInfo.processInfo.environment
        env["TORCH_NUM_THREADS"] = env["OPENBLAS_NUM_THREADS"] ?? "2"
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { print("\n(PyTorch comparison skipped: no python3)"); return }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var theirs: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let v = Double(parts[1]) { theirs[String(parts[0])] = v }
        }
        var table = Table(["measure", "ours", "PyTorch", "ours ÷ PyTorch"])
        for key in keys {
            guard let mine = ours.first(where: { $0.name == key }).flatMap({ Double($0.value) }), let other = theirs[key] else { continue }
            table.add(key, mine, other, mine / other)
        }
        guard !table.rows.isEmpty else {
            print("\n(PyTorch comparison skipped: \(output.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        print("\n### The same in PyTorch (CPU, \(env["TORCH_NUM_THREADS"]!) threads)\n")
        print(table)
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

Bench.main()
