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
        report("k-d tree: build + k = 10 neighbours of every point (Lorenz delay vectors)", runKDTreeBench(quick: quick))
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
