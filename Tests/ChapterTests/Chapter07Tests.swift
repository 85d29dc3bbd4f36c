import Foundation
import Testing
import Notebook

/// Chapter 7 at --quick, on a text the tests write themselves (ChapterClaims' TestCorpus; the tests never need the
/// fortunes package): vanilla training solves the pre-caching task and myopic training does not; probes find the
/// pre-cached sines in the vanilla model only; on text the myopic model stays much closer to vanilla than the
/// self-only baseline. Claims: Sources/ChapterClaims/Chapter07Claims.swift; bounds from docs/calibration.md, rows ch07.*.
@Suite struct Chapter07Tests {
    let chapter = "07-planning-ahead"
    let tables = ["precaching", "probes", "language", "size", "position", "gradients"]

    // Chapter 7's --quick run is the slowest of the course (about a minute on two cores), so it runs once, for the
    // claims; the claims' spread over seeds is make calibrate's job (docs/calibration.md).
    @Test func quickRunShowsTheClaims() async throws {
        let run = try await ChapterRun.quickAwaited(chapter, seed: 1)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == 6)
        run.expectEveryClaim()
    }

    // The same seed gives the same bytes: two short runs (every section and every kind of training, 20 steps each)
    // must agree in every table and in what they printed. Training is chaotic, so a difference anywhere in a step
    // would show within a few steps; the claims need the full --quick run above, this check does not.
    @Test func theSameSeedGivesTheSameBytes() async throws {
        let short = ["--steps", "20"]
        try ChapterRun.expectSameBytes(try await ChapterRun.quickAwaited(chapter, seed: 2, extra: short),
                                       try await ChapterRun.quickAwaited(chapter, seed: 2, extra: short), tables: tables)
    }

    @Test func missingCorpusIsAOneLineError() async throws {
        let missing = "/nonexistent/t2t-corpus.txt"
        let result = try await ChapterRun.executeAwaited(chapter, ["--quick", "--corpus", missing, "--out", NSTemporaryDirectory()])
        #expect(result.status != 0)
        let errorLines = result.err.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errorLines.count == 1)
        #expect(errorLines.first?.contains(missing) == true)
        #expect(errorLines.first?.contains("--corpus") == true)
    }

    @Test(arguments: [["--window", "0"], ["--frequency", "-1"], ["--learning-rate", "0"], ["--corpus", ""], ["--bogus"],
                      ["--seeds", "0"], ["--seeds", "9223372036854775807"], ["--seed", "18446744073709551615", "--seeds", "2"],
                      ["--steps", "5"]])
    func badInputGivesAClearError(arguments: [String]) async throws {
        let result = try await ChapterRun.executeAwaited(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
    }
}
