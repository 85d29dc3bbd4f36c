import Foundation
import Testing
import Notebook

/// Chapter 5 at --quick: paper 000's claims that show at toy scale, checked per run from `runs.tsv`; saved
/// models are reused; bad input and foreign files are refused.
@Suite struct Chapter05Tests {
    let chapter = "05-sequence-embeddings"
    let tables = ["runs", "training", "efficiency", "noise", "pca", "attention"]

    /// One row of `runs.tsv` by column name.
    struct Run {
        let model: String
        let values: [String: Double]
        subscript(_ name: String) -> Double { values[name] ?? .nan }
        /// Mean decode R² of y and z at "init" or "final" by "linear" or "mlp".
        func decode(_ when: String, _ decoder: String) -> Double { (self["\(when)_\(decoder)_y"] + self["\(when)_\(decoder)_z"]) / 2 }
    }

    func runs(_ run: ChapterRun) throws -> [Run] {
        let table = try run.table("runs")
        return table.rows.map { cells in
            var values = [String: Double]()
            for (name, cell) in zip(table.header, cells) { values[name] = Double(cell) }
            return Run(model: cells[0], values: values)
        }
    }

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        let run = try ChapterRun.quick(chapter, seed: seed)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == 5)
        let all = try runs(run)
        #expect(all.count >= 9)

        // Every model learns to forecast: the one-step MASE falls from its untrained value (≈ 20) at least
        // twofold, the LRU's fivefold, even in 150 steps.
        for r in all {
            #expect(r["final_mase1"] < r["init_mase1"] / (r.model == "lru" ? 5 : 2), "\(r.model) d=\(r["width"]) σ=\(r["noise"])")
        }

        // Claim 2: at initialisation the LRU's state decodes (y, z) better than either transformer's, by both
        // decoders, and keeps more true neighbours, at every width.
        let atSweepNoise = all.filter { $0["noise"] == 0.05 }
        for width in Set(atSweepNoise.map { $0["width"] }) {
            let same = atSweepNoise.filter { $0["width"] == width }
            let lru = try #require(same.first { $0.model == "lru" })
            for t in same where t.model != "lru" {
                #expect(lru.decode("init", "mlp") > t.decode("init", "mlp") + 0.1, "MLP, \(t.model) d=\(width)")
                #expect(lru.decode("init", "linear") > t.decode("init", "linear") + 0.1, "linear, \(t.model) d=\(width)")
                #expect(lru["init_overlap"] > t["init_overlap"], "overlap, \(t.model) d=\(width)")
            }
        }

        // Claim 1, LRU part: after training its state decodes (y, z) well with the nonlinear decoder.
        for r in all where r.model == "lru" { #expect(r.decode("final", "mlp") > 0.8, "d=\(r["width"]) σ=\(r["noise"])") }

        // Claim 3: the smallest LRU forecasts better than every transformer with at least as many parameters.
        let smallest = try #require(atSweepNoise.filter { $0.model == "lru" }.min { $0["params"] < $1["params"] })
        for t in atSweepNoise where t.model != "lru" && t["params"] >= smallest["params"] {
            #expect(smallest["final_mase1"] < t["final_mase1"], "\(t.model) d=\(t["width"])")
        }

        // The chapter states each claim's verdict from its own numbers.
        for claim in 1...4 { #expect(run.stdout.contains("Claim \(claim) ")) }
    }

    @Test func savedModelsAreReusedWithIdenticalResults() throws {
        let first = try ChapterRun.quick(chapter, seed: 3)
        let again = try ChapterRun.execute(chapter, ["--quick", "--seed", "3", "--out", first.outputDirectory.path])
        #expect(again.status == 0, "\(again.err)")
        let before = try String(contentsOf: first.outputDirectory.appendingPathComponent("runs.tsv"), encoding: .utf8)
        let after = try ChapterRun(chapter: chapter, outputDirectory: first.outputDirectory, stdout: again.out).table("runs")
        #expect(try TSVTable(contentsOf: first.outputDirectory.appendingPathComponent("runs.tsv")).rows == after.rows)
        #expect(before.contains("lru"))
        let models = try FileManager.default.contentsOfDirectory(atPath: first.outputDirectory.appendingPathComponent("models").path)
        #expect(models.filter { $0.hasSuffix(".params") }.count >= 9)
    }

    @Test func aFileTheChapterDidNotWriteIsNotOverwritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-ch05-foreign-\(UUID().uuidString)")
        let models = dir.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let mine = models.appendingPathComponent("lru-d10-noise0.05-seed1.params")
        try "my notes".write(to: mine, atomically: true, encoding: .utf8)
        let result = try ChapterRun.execute(chapter, ["--quick", "--out", dir.path, "--workers", "1"])
        #expect(result.status != 0)
        #expect(result.err.contains("refusing to overwrite"))
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my notes")
    }

    @Test(arguments: [["--seeds", "0"], ["--workers", "0"], ["--learning-rate", "-1"], ["--widths"]])
    func badInputGivesAClearError(arguments: [String]) throws {
        let result = try ChapterRun.execute(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
    }
}
