import Foundation
import Testing
import Notebook

/// Chapter 2 at --quick: every figure's data and figure, and the chapter's claims as inequalities.
@Suite struct Chapter02Tests {
    let chapter = "02-next-step"
    let tables = ["learning", "predictions", "mase", "decoding"]

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        let run = try ChapterRun.quick(chapter, seed: seed)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == tables.count)

        // Training works: the held-out loss falls by an order of magnitude from the untrained network.
        let validation = try run.table("learning").column("val_loss")
        #expect(validation.last! < validation.first! / 10)

        // Free-running forecasts: beyond a few steps the MLP's rollouts beat the linear AR model's (lower MASE),
        // and both beat the naive forecast early on.
        let mase = try run.table("mase")
        let horizons = try mase.column("horizon"), ar = try mase.column("ar"), mlp = try mase.column("mlp")
        let longer = horizons.indices.filter { horizons[$0] >= 10 }
        #expect(!longer.isEmpty)
        #expect(longer.map { mlp[$0] }.reduce(0, +) < longer.map { ar[$0] }.reduce(0, +))
        #expect(mlp[0] < 1 && ar[0] < 1)

        // The hidden layer holds z a linear read-out away; the raw window does not (the x → −x symmetry).
        let decoding = try run.table("decoding")
        let zHidden = try decoding.column("r2_z_hidden").last!, zWindow = try decoding.column("r2_z_delay").last!
        #expect(zHidden >= 0.8)
        #expect(zWindow < 0.3)
        #expect(zHidden > zWindow + 0.5)
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
        for name in tables {
            let fa = try String(contentsOf: a.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            let fb = try String(contentsOf: b.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            #expect(fa == fb, "\(name).tsv differs between two runs with the same seed")
        }
    }
}
