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

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        let run = try ChapterRun.quick(chapter, seed: seed)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == 6)

        run.expectEveryClaim()
    }

    @Test func sameSeedSameOutput() throws {
        try ChapterRun.expectSameBytes(try ChapterRun.quick(chapter, seed: 3), try ChapterRun.quick(chapter, seed: 3),
                                       tables: tables)
    }

    @Test func missingCorpusIsAOneLineError() throws {
        let missing = "/nonexistent/t2t-corpus.txt"
        let result = try ChapterRun.execute(chapter, ["--quick", "--corpus", missing, "--out", NSTemporaryDirectory()])
        #expect(result.status != 0)
        let errorLines = result.err.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(errorLines.count == 1)
        #expect(errorLines.first?.contains(missing) == true)
        #expect(errorLines.first?.contains("--corpus") == true)
    }

    @Test(arguments: [["--window", "0"], ["--frequency", "-1"], ["--learning-rate", "0"], ["--corpus", ""], ["--bogus"]])
    func badInputGivesAClearError(arguments: [String]) throws {
        let result = try ChapterRun.execute(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
    }
}
