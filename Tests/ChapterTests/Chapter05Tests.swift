import Foundation
import Testing
import Notebook

/// Chapter 5 at --quick: paper 000's claims that show at toy scale, checked per run from `runs.tsv`
/// (Sources/ChapterClaims/Chapter05Claims.swift; bounds from docs/calibration.md, rows ch05.*); saved models are
/// reused; bad input and foreign files are refused.
@Suite struct Chapter05Tests {
    let chapter = "05-sequence-embeddings"
    let tables = ["runs", "training", "efficiency", "noise", "pca", "attention"]

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        let run = try ChapterRun.quick(chapter, seed: seed)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == 5)
        #expect(try run.table("runs").rows.count >= 9)
        run.expectEveryClaim()
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
