import Foundation
import Testing
import Notebook

/// Chapter 4 at --quick: data and figures; every variant trains; attention weights are a distribution over
/// lags; bad sizes are refused.
@Suite struct Chapter04Tests {
    let chapter = "04-attention"
    let tables = ["loss", "decoding", "attention", "predictions"]

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        let run = try ChapterRun.quick(chapter, seed: seed)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == tables.count)

        // Every positional-encoding variant learns next-step prediction.
        let loss = try run.table("loss")
        for variant in loss.header.dropFirst() {
            let curve = try loss.column(variant)
            #expect(curve.last! < curve.first! / 5, "\(variant): \(curve.first!) → \(curve.last!)")
        }

        // Mean attention weight per lag: non-negative, and at most 1 in total for every head.
        let attention = try run.table("attention")
        for head in attention.header.filter({ $0.hasPrefix("head") }) {
            let w = try attention.column(head)
            #expect(w.allSatisfy { $0 >= 0 })
            #expect(w.reduce(0, +) <= 1 + 1e-6)
        }

        // Causality, printed by section 1: changing the last input moves no earlier output.
        #expect(run.stdout.contains("after changing input 31 = 0\n"))
    }

    @Test(arguments: [["--width", "10", "--heads", "4"], ["--heads", "0"], ["--learning-rate", "0"]])
    func badInputGivesAClearError(arguments: [String]) throws {
        let result = try ChapterRun.execute(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
    }
}
