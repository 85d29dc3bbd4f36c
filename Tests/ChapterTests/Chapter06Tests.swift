import Foundation
import Testing
import Notebook

/// Chapter 6 at --quick: data and figures, and the claims: every mixer's materialised α reproduces its own
/// implementation; linear readouts run recurrently with a fixed state; the shuffle test separates A = I from
/// A ≠ I; normalised outputs stay within max ‖v‖; scaling and selectivity behave as the principles say; the
/// trained models are analysed (loaded when present, trained otherwise).
@Suite struct Chapter06Tests {
    let chapter = "06-coefficient-dynamics"
    let tables = ["equivalence", "coefficients", "forms", "state", "lift", "zero-sets", "selectivity", "position",
                  "eigenvalues", "scaling", "normalisation", "trained-eigenvalues", "trained-lags", "trained-alpha"]
    let figures = 9

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        // --train-own: the claims are checked on the chapter's own pair, whatever chapter 5 left in the workspace.
        let run = try ChapterRun.quick(chapter, seed: seed, extra: ["--train-own"])
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == figures)

        // Every mixer: α·V equals its own implementation (relative, over the whole output).
        let equivalence = try run.table("equivalence")
        #expect(equivalence.rows.count == 13)
        #expect(try equivalence.column("error_double").allSatisfy { $0 <= 1e-10 })
        #expect(try equivalence.column("error_float").allSatisfy { $0 <= 1e-4 })
        // Section 1: chapter 4's attention weights are the coefficients of the A = I, φ = exp system.
        #expect(try resultValue(run.stdout, "chapter 4's attention weights") <= 1e-12)

        // Principle 1: recurrent = materialised where φ is linear; the cache agrees always; a fixed state vs a
        // cache that grows with the position.
        let forms = try run.table("forms")
        let linear = try forms.column("linear"), recurrent = try forms.column("recurrent_error")
        #expect(linear.contains(1) && linear.contains(0))
        for (isLinear, error) in zip(linear, recurrent) {
            if isLinear == 1 { #expect(error <= 1e-10) } else { #expect(error.isNaN) }
        }
        #expect(try forms.column("cached_error").allSatisfy { $0 <= 1e-10 })
        let state = try run.table("state")
        let cache = try state.column("softmax attention (KV cache)"), fixed = try state.column("linear attention (fixed state)")
        #expect(Set(fixed).count == 1)
        #expect(cache.last! > 10 * cache.first! && cache.last! > fixed.last!)
        let lift = try run.table("lift")
        #expect(try lift.column("lift_error").allSatisfy { $0 <= 1e-10 })
        let liftError = try lift.column("error_vs_softmax")
        #expect(zip(liftError, liftError.dropFirst()).allSatisfy { $0 > $1 } && liftError.last! > 0)

        // Principle 2: no linear or ReLU query selects one token; softmax selects the hull vertices, not all keys.
        let zeroSets = try run.table("zero-sets")
        let selectable = try zeroSets.column("selectable"), tokens = try zeroSets.column("tokens")
        #expect(selectable[0] == 0 && selectable[1] == 0)
        #expect(selectable[2] > 0 && selectable[2] < tokens[2])
        #expect(try zeroSets.column("min_residual")[0] > 0.3)

        // Principle 3: the shuffle test is rounding error for A = I and clearly not for any other A.
        let position = try run.table("position")
        let identity = try position.column("identity"), change = try position.column("change")
        #expect(identity.filter { $0 == 1 }.count == 2)
        for (isIdentity, c) in zip(identity, change) {
            if isIdentity == 1 { #expect(c <= 1e-12) } else { #expect(c > 1e-4) }
        }

        // Principle 5: b = 1/√n keeps the score variance near 1 and the entropy flat; b = 1 collapses it.
        let scaling = try run.table("scaling")
        #expect(try scaling.column("variance_scaled").allSatisfy { $0 > 0.7 && $0 < 1.3 })
        let scaled = try scaling.column("entropy_scaled"), unscaled = try scaling.column("entropy_unscaled")
        #expect(scaled.max()! - scaled.min()! < 0.3)
        #expect(unscaled.last! < unscaled.first! - 1)

        // Principle 6: with η = Σ and φ ≥ 0 every output stays within max ‖v‖; without η, a = 1.02 explodes.
        let normalisation = try run.table("normalisation")
        let bound = try normalisation.column("max |v|")[0]
        for column in normalisation.header where column.hasSuffix("η = Σ") {
            #expect(try normalisation.column(column).allSatisfy { $0 <= bound * (1 + 1e-9) }, "\(column)")
        }
        #expect(try normalisation.column("a = 1.02, η = 1").last! > 10 * bound)

        // The trained pair: the LRU's eigenvalues stay inside the disk; lag profiles are distributions.
        #expect(run.stdout.contains("trained its own pair") || run.stdout.contains("Models: loaded"))
        let eigen = try run.table("trained-eigenvalues")
        for (re, im) in zip(try eigen.column("trained re"), try eigen.column("trained im")) { #expect(re * re + im * im < 1) }
        let lags = try run.table("trained-lags")
        for head in lags.header.filter({ $0.hasPrefix("head") }) {
            let w = try lags.column(head)
            #expect(w.allSatisfy { $0 >= 0 } && w.reduce(0, +) <= 1 + 1e-6)
        }
        // The LRU's profile is normalised over every lag of a window, so lags 0–100 hold most, not all, of it.
        let lru = try lags.column("LRU ‖K_k‖ (normalised)")
        #expect(lru.allSatisfy { $0 >= 0 } && lru.reduce(0, +) <= 1 + 1e-6 && lru.reduce(0, +) > 0.5)
        #expect(try resultValue(run.stdout, "the model's own attention weights") <= 1e-5)
    }

    @Test func savedModelsAreLoadedAndGiveTheSameAnalysis() throws {
        // The first run trains its own pair and saves it; pointed at that folder, the second run loads it.
        let first = try ChapterRun.quick(chapter, seed: 3, extra: ["--train-own"])
        let models = first.outputDirectory.appendingPathComponent("models").path
        let second = try ChapterRun.quick(chapter, seed: 3, extra: ["--models", models])
        #expect(first.stdout.contains("trained its own pair"))
        #expect(second.stdout.contains("Models: loaded"))
        for name in ["trained-lags", "trained-alpha", "trained-eigenvalues"] {
            let a = try String(contentsOf: first.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            let b = try String(contentsOf: second.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            #expect(a == b, "\(name)")
        }
    }

    @Test func aFolderWithoutTheModelsIsAnError() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-ch06-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try ChapterRun.execute(chapter, ["--quick", "--models", empty.path, "--out", empty.path])
        #expect(result.status != 0)
        #expect(result.err.contains("error: no trained models for seed 1"))
        #expect(result.err.split(separator: "\n").count == 1)
    }

    @Test func aFileTheUserWroteIsNotOverwritten() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-ch06-foreign-\(UUID().uuidString)")
        let models = out.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        let mine = models.appendingPathComponent("lru-d25-noise0.05-seed1.params")
        try "my notes".write(to: mine, atomically: true, encoding: .utf8)
        let result = try ChapterRun.execute(chapter, ["--quick", "--train-own", "--out", out.path])
        #expect(result.status != 0)
        #expect(result.err.contains("refusing to overwrite"))
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my notes")
    }

    @Test(arguments: [["--models", "/nonexistent/folder"], ["--quick", "--full"], ["--learning-rate", "0"], ["--nonsense"],
                            ["--models", "/tmp", "--train-own"]])
    func badInputGivesAClearError(arguments: [String]) throws {
        let result = try ChapterRun.execute(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
    }

    /// The number printed on the result line that contains `name` ("  name = 1.2e-16").
    func resultValue(_ stdout: String, _ name: String) throws -> Double {
        let line = try #require(stdout.split(separator: "\n").first { $0.contains(name) && $0.contains(" = ") })
        return try #require(Double(line.components(separatedBy: " = ").last!.trimmingCharacters(in: .whitespaces)))
    }
}
