import Foundation
import Testing
import Notebook

/// Chapter 2 at --quick: every figure's data and figure, and the chapter's claims as inequalities
/// (Sources/ChapterClaims/Chapter02Claims.swift; bounds from docs/calibration.md, rows ch02.*).
@Suite struct Chapter02Tests {
    let chapter = "02-next-step"
    let tables = ["learning", "predictions", "mase", "decoding"]

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        let run = try ChapterRun.quick(chapter, seed: seed)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == tables.count)

        run.expectEveryClaim()
    }

    @Test func divergingTrainingStopsWithTheStepAndAHint() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-ch02-nan-\(UUID().uuidString)")
        let result = try ChapterRun.execute(chapter, ["--quick", "--learning-rate", "1e8", "--out", out.path])
        #expect(result.status != 0)
        #expect(result.err.contains("step"))
        #expect(result.err.contains("--learning-rate"))
        #expect(!result.err.contains("Fatal error"))
    }

    @Test func sameSeedSameNumbers() throws {
        let a = try ChapterRun.quick(chapter, seed: 5), b = try ChapterRun.quick(chapter, seed: 5)
        try ChapterRun.expectSameBytes(a, b, tables: tables)
    }

    /// A width that cannot fit is refused at once with the estimate and the limit, not an allocation trap (issue 21).
    @Test func aHiddenLayerThatCannotFitIsRefusedWithTheEstimate() throws {
        let result = try ChapterRun.execute(chapter, ["--quick", "--hidden", "100000000"])
        #expect(result.status != 0)
        #expect(result.err.contains("needs about") && result.err.contains("this machine has"), "\(result.err)")
        #expect(!result.err.contains("Fatal error") && !result.err.contains("crashed"))
    }

    /// A data folder that cannot be written is an error before anything is computed.
    @Test func anUnwritableOutFailsUpFront() throws {
        let result = try ChapterRun.execute(chapter, ["--quick", "--out", "/proc/self"])
        #expect(result.status != 0)
        #expect(result.err.contains("cannot write into the data folder"), "\(result.err)")
        #expect(!result.out.contains("## 1."), "it computed first")
    }
}
