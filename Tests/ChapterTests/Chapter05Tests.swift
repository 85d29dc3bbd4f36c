import Foundation
import Testing
import Notebook

/// Chapter 5 at --quick: paper 000's claims that show at toy scale, checked per run from `runs.tsv`
/// (Sources/ChapterClaims/Chapter05Claims.swift; bounds from docs/calibration.md, rows ch05.*); saved models are
/// reused; bad input and foreign files are refused.
@Suite struct Chapter05Tests {
    let chapter = "05-sequence-embeddings"
    let tables = ["runs", "training", "efficiency", "noise", "pca", "attention"]

    // One seed: chapter 5's --quick run is the second most expensive of the course, and the claims' spread over
    // seeds is measured by make calibrate (10 seeds × 7 configurations, docs/calibration.md), not here.
    @Test func quickRunShowsTheClaims() async throws {
        let run = try await ChapterRun.quickAwaited(chapter, seed: 1)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == 5)
        #expect(try run.table("runs").rows.count >= 8)
        run.expectEveryClaim()
    }

    // The saved-run tests check the store, not the science: their runs train `short` steps (a fraction of --quick's
    // 600) and are scored at the start and the end only, which exercises every model, the records and the
    // checksums at a small part of the cost.
    static let short = ["--steps", "40", "--evaluations", "1"]

    @Test func savedModelsAreReusedWithIdenticalResults() async throws {
        let first = try await ChapterRun.quickAwaited(chapter, seed: 3, extra: Self.short)
        let again = try await ChapterRun.executeAwaited(chapter, ["--quick", "--seed", "3", "--out", first.outputDirectory.path] + Self.short)
        #expect(again.status == 0, "\(again.err)")
        let before = try String(contentsOf: first.outputDirectory.appendingPathComponent("runs.tsv"), encoding: .utf8)
        let after = try ChapterRun(chapter: chapter, outputDirectory: first.outputDirectory, stdout: again.out).table("runs")
        #expect(try TSVTable(contentsOf: first.outputDirectory.appendingPathComponent("runs.tsv")).rows == after.rows)
        #expect(before.contains("lru"))
        let models = try FileManager.default.contentsOfDirectory(atPath: first.outputDirectory.appendingPathComponent("models").path)
        #expect(models.filter { $0.hasSuffix(".params") }.count >= 8)
    }

    @Test func aDamagedSavedRunIsTrainedAgainWithANotice() async throws {
        let first = try await ChapterRun.quickAwaited(chapter, seed: 4, extra: Self.short)
        let models = first.outputDirectory.appendingPathComponent("models")
        let before = try String(contentsOf: first.outputDirectory.appendingPathComponent("runs.tsv"), encoding: .utf8)
        // Cut one parameter file short and swap two curves: both must be noticed, not silently reused.
        let params = models.appendingPathComponent("lru-d10-noise0.05-seed4.params")
        try Data(try Data(contentsOf: params).prefix(4)).write(to: params)
        let a = models.appendingPathComponent("lru-d25-noise0.05-seed4.tsv"), b = models.appendingPathComponent("transformer-none-d25-noise0.05-seed4.tsv")
        let (textA, textB) = (try Data(contentsOf: a), try Data(contentsOf: b))
        try textB.write(to: a)
        try textA.write(to: b)
        let again = try await ChapterRun.executeAwaited(chapter, ["--quick", "--seed", "4", "--out", first.outputDirectory.path] + Self.short)
        #expect(again.status == 0, "\(again.err)")
        #expect(again.err.contains("lru-d10-noise0.05-seed4.params does not match its record"))
        #expect(again.err.contains("lru-d25-noise0.05-seed4.tsv does not match its record"))
        let after = try String(contentsOf: first.outputDirectory.appendingPathComponent("runs.tsv"), encoding: .utf8)
        #expect(before == after, "retrained runs give the same bytes")
    }

    @Test func aComparisonWithAModelThatNeverLearnedIsUntested() async throws {
        // Two training steps: no transformer gets anywhere near persistence, so claims that race against one
        // must say "untested", with the reason, never "reproduced" or "refuted".
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-ch05-untested-\(UUID().uuidString)")
        let result = try await ChapterRun.executeAwaited(chapter, ["--quick", "--steps", "2", "--out", dir.path])
        #expect(result.status == 0, "\(result.err)")
        let text = result.out.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
        #expect(text.contains("Claim 3 ("))
        #expect(text.contains("untested — no transformer with at least"))
        #expect(text.contains("untested — no transformer beat persistence at both noise levels"))
        #expect(!text.contains("at least as large): reproduced"))
    }

    @Test func aFileTheChapterDidNotWriteIsNotOverwritten() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-ch05-foreign-\(UUID().uuidString)")
        let models = dir.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let mine = models.appendingPathComponent("lru-d10-noise0.05-seed1.params")
        try "my notes".write(to: mine, atomically: true, encoding: .utf8)
        let result = try await ChapterRun.executeAwaited(chapter, ["--quick", "--out", dir.path, "--workers", "1"] + Self.short)
        #expect(result.status != 0)
        #expect(result.err.contains("refusing to overwrite"))
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my notes")
    }

    @Test(arguments: [["--seeds", "0"], ["--workers", "0"], ["--learning-rate", "-1"], ["--widths"], ["--evaluations", "0"], ["--seeds", "9223372036854775807"], ["--length", "5"], ["--widths", "7"], ["--models", "gru"], ["--input", "cubed"], ["--seed", "18446744073709551615", "--seeds", "2"]])
    func badInputGivesAClearError(arguments: [String]) async throws {
        let result = try await ChapterRun.executeAwaited(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
    }
}
