import Foundation
import Testing
import Notebook

/// Chapter 6 at --quick: data and figures, and the claims: every mixer's materialised α reproduces its own
/// implementation; linear readouts run recurrently with a fixed state; the shuffle test separates A = I from
/// A ≠ I; normalised outputs stay within max ‖v‖; scaling and selectivity behave as the principles say; the
/// trained models are analysed (loaded when present, trained otherwise). Claims:
/// Sources/ChapterClaims/Chapter06Claims.swift; bounds from docs/calibration.md, rows ch06.*.
@Suite struct Chapter06Tests {
    let chapter = "06-coefficient-dynamics"
    let tables = ["equivalence", "coefficients", "forms", "state", "lift", "zero-sets", "graded-selectivity", "selectivity", "position",
                  "eigenvalues", "scaling", "normalisation", "trained-eigenvalues", "trained-lags", "trained-alpha"]
    let figures = 9

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) async throws {
        // --train-own (ChapterClaims.quickArguments): the claims are checked on the chapter's own pair, whatever
        // chapter 5 left in the workspace.
        let run = try await ChapterRun.quickAwaited(chapter, seed: seed)
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == figures)

        #expect(try run.table("equivalence").rows.count == 13)
        #expect(run.stdout.contains("trained its own pair"))
        run.expectEveryClaim()
    }

    @Test func savedModelsAreLoadedAndGiveTheSameAnalysis() async throws {
        // The first run trains its own pair and saves it; pointed at that folder, the second run loads it.
        let first = try await ChapterRun.quickAwaited(chapter, seed: 3)
        let models = first.outputDirectory.appendingPathComponent("models").path
        let second = try await ChapterRun.quickAwaited(chapter, seed: 3, claimArguments: false, extra: ["--models", models])
        #expect(first.stdout.contains("trained its own pair"))
        #expect(second.stdout.contains("Models: loaded"))
        for name in ["trained-lags", "trained-alpha", "trained-eigenvalues"] {
            let a = try String(contentsOf: first.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            let b = try String(contentsOf: second.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            #expect(a == b, "\(name)")
        }
    }

    @Test func chapter5sModelsAreReadOnTheDataTheyWereTrainedOn() async throws {
        // Through the shared specification (Experiments/Paper000.swift): the record beside each model says what
        // it was trained on, and chapter 6 rebuilds exactly that data.
        // What is checked is which models are read and on what data, not how well they learned: a short chapter 5.
        let five = try await ChapterRun.quickAwaited("05-sequence-embeddings", seed: 5, extra: Chapter05Tests.short)
        let models = five.outputDirectory.appendingPathComponent("models").path
        let six = try await ChapterRun.quickAwaited(chapter, seed: 5, claimArguments: false, extra: ["--models", models])
        let text = six.stdout.split(separator: "\n").joined(separator: " ")
        #expect(text.contains("Models: loaded lru-d25-noise0.05-seed5 and transformer-learned-d25-noise0.05-seed5"))
        #expect(text.contains("trained on 100 trajectories of 200 steps, raw x"))
    }

    @Test func aFolderWithoutTheModelsIsAnError() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-ch06-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try await ChapterRun.executeAwaited(chapter, ["--quick", "--models", empty.path, "--out", empty.path])
        #expect(result.status != 0)
        #expect(result.err.contains("error: chapter 5's models for seed 1 cannot be used"))
        #expect(result.err.split(separator: "\n").count == 1)
    }

    @Test func aFileTheUserWroteIsNotOverwritten() async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-ch06-foreign-\(UUID().uuidString)")
        let models = out.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let mine = models.appendingPathComponent("lru-d25-noise0.05-seed1.params")
        try "my notes".write(to: mine, atomically: true, encoding: .utf8)
        let result = try await ChapterRun.executeAwaited(chapter, ["--quick", "--train-own", "--out", out.path])
        #expect(result.status != 0)
        #expect(result.err.contains("refusing to overwrite"))
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my notes")
    }

    @Test(arguments: [["--models", "/nonexistent/folder"], ["--quick", "--full"], ["--learning-rate", "0"], ["--nonsense"],
                            ["--models", "/tmp", "--train-own"]])
    func badInputGivesAClearError(arguments: [String]) async throws {
        let result = try await ChapterRun.executeAwaited(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
    }
}
