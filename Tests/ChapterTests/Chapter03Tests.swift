import Foundation
import Testing
import Notebook

/// Chapter 3 at --quick: data and figures, and the claims: an untrained LRU's state is a delay embedding
/// (nonlinearly; a linear probe cannot find z by symmetry), its memory must fit the delays, training keeps
/// |λ| < 1 and lowers the loss (Sources/ChapterClaims/Chapter03Claims.swift; bounds from docs/calibration.md,
/// rows ch03.*).
@Suite struct Chapter03Tests {
    let chapter = "03-ssm"
    let tables = ["kernels", "eigenvalues", "size", "radius", "training"]

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

    @Test(arguments: [["--width", "0"], ["--learning-rate", "0"], ["--nonsense"]])
    func badInputGivesAClearError(arguments: [String]) throws {
        let result = try ChapterRun.execute(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
    }

    /// A width that cannot fit is refused at once with the estimate and the limit (issue 21).
    @Test func aWidthThatCannotFitIsRefusedWithTheEstimate() throws {
        let result = try ChapterRun.execute(chapter, ["--quick", "--width", "100000000"])
        #expect(result.status != 0)
        #expect(result.err.contains("needs about") && result.err.contains("this machine has"), "\(result.err)")
        #expect(!result.err.contains("Fatal error") && !result.err.contains("crashed"))
    }
}
