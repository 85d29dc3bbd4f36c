import Foundation
import Testing
import Notebook

/// Chapter 4 at --quick: data and figures; every variant trains; attention weights are a distribution over
/// lags; bad sizes are refused (Sources/ChapterClaims/Chapter04Claims.swift; bounds from docs/calibration.md,
/// rows ch04.*).
@Suite struct Chapter04Tests {
    let chapter = "04-attention"
    let tables = ["loss", "decoding", "attention", "predictions"]

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        let run = try ChapterRun.quick(chapter, seed: seed)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == tables.count)

        run.expectEveryClaim()
    }

    @Test func sameSeedSameNumbers() throws {
        try ChapterRun.expectSameBytes(try ChapterRun.quick(chapter, seed: 4), try ChapterRun.quick(chapter, seed: 4), tables: tables)
    }

    @Test(arguments: [["--width", "10", "--heads", "4"], ["--heads", "0"], ["--learning-rate", "0"]])
    func badInputGivesAClearError(arguments: [String]) throws {
        let result = try ChapterRun.execute(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
    }

    /// A width that cannot fit is refused at once with the estimate and the limit (issue 21).
    @Test func aWidthThatCannotFitIsRefusedWithTheEstimate() throws {
        let result = try ChapterRun.execute(chapter, ["--quick", "--width", "100000000", "--heads", "4"])
        #expect(result.status != 0)
        #expect(result.err.contains("needs about") && result.err.contains("this machine has"), "\(result.err)")
        #expect(!result.err.contains("Fatal error") && !result.err.contains("crashed"))
    }
}
