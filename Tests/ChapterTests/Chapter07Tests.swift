import Foundation
import Testing
import Notebook

/// Chapter 7 at --quick, on a text the test writes itself (the tests never need the fortunes package):
/// vanilla training solves the pre-caching task and myopic training does not; probes find the pre-cached sines in
/// the vanilla model only; on text the myopic model stays much closer to vanilla than the self-only baseline.
@Suite struct Chapter07Tests {
    let chapter = "07-planning-ahead"
    let tables = ["precaching", "probes", "language", "size", "position", "gradients"]

    /// About 60 000 characters of random words: inside a word the next character follows from the last few (context
    /// helps a lot), across words it is a fresh draw. Written once per test run, the same every time.
    static let corpus: URL = {
        let words = ["delay", "embedding", "attractor", "lorenz", "system", "hidden", "state", "memory", "attention",
                     "transformer", "recurrence", "sequence", "position", "gradient", "training", "future", "present",
                     "breadcrumb", "window", "signal"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {  // SplitMix64, so the text does not depend on any library code
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % 1_000)
        }
        var text = ""
        while text.count < 60_000 { text += words[next() % words.count] + (next() < 100 ? "\n" : " ") }
        // One fixed name: every run writes the same text (atomically), so concurrent test runs cannot disagree.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-ch07-test-corpus.txt")
        try! text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }()

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        let run = try ChapterRun.quick(chapter, seed: seed, extra: ["--corpus", Self.corpus.path])
        for name in tables { _ = try run.table(name) }
        #expect(try run.renderFigures().count == 6)

        // The myopic forward pass is the vanilla one, and the last position's loss reaches no earlier embedding.
        #expect(run.stdout.contains("largest |myopic − vanilla| over all logits = 0\n"))
        #expect(run.stdout.contains("myopic: ‖∂ℓ_7/∂(embeddings of positions 0…6)‖ = 0\n"))

        // Pre-caching task: vanilla far below the predict-zero baseline, myopic near it.
        let precaching = try run.table("precaching")
        for (baseline, (vanilla, myopic)) in zip(try precaching.column("baseline"),
                                                 zip(try precaching.column("vanilla"), try precaching.column("myopic"))) {
            #expect(vanilla < 0.75 * baseline, "vanilla \(vanilla), baseline \(baseline)")
            #expect(myopic > 0.85 * baseline, "myopic \(myopic), baseline \(baseline)")
            #expect(myopic - vanilla > 0.2 * baseline, "vanilla \(vanilla), myopic \(myopic)")
        }

        // Probes: the vanilla model's layer 1 holds sin(w·x_n) at position n (which position n never uses); the
        // myopic model's streams hold much less of any sine. At --quick the myopic models are barely trained and
        // vary: over seeds 1–8 their layer-1 R² for sin(w·x_n) ranged 0–0.42 (vanilla: 0.84–0.96), so the bound is
        // relative and generous; at the default scale the myopic R² is ≤ 0.01.
        let probes = try run.table("probes")
        let vanillaSine = try probes.column("vanilla layer 1")[0]
        #expect(vanillaSine > 0.5)
        for layer in 0...2 {
            let myopic = try probes.column("myopic layer \(layer)")
            #expect(myopic.allSatisfy { $0 < 0.5 } && myopic[0] < 0.6 * vanillaSine, "myopic layer \(layer): \(myopic)")
        }

        // Text: the myopic model is much closer to vanilla than self-only is (at the largest width), and better
        // than self-only at every width.
        let size = try run.table("size")
        let gap = try size.column("myopia gap"), selfGap = try size.column("self-only gap")
        #expect(gap.last! < 0.5 * selfGap.last!, "myopia gap \(gap.last!), self-only gap \(selfGap.last!)")
        for (g, s) in zip(gap, selfGap) { #expect(g < s) }

        // Gradients: on D_p, the future part of layer 1's MLP gradient is of the same order as the myopic part late in
        // training (the MLP is where sin(w·x) is computed, for later positions).
        let gradients = try run.table("gradients")
        let mlpFuture = try gradients.column("MLP 1 ‖g_f‖", block: 0), mlpMyopic = try gradients.column("MLP 1 ‖g_m‖", block: 0)
        let late = mlpFuture.indices.dropFirst(mlpFuture.count / 2)
        #expect(late.map { mlpFuture[$0] / mlpMyopic[$0] }.reduce(0, +) / Double(late.count) > 0.7)
        for c in try gradients.column("cos(g_m, g_f)") where !c.isNaN { #expect(abs(c) <= 1 + 1e-9) }
    }

    @Test func sameSeedSameOutput() throws {
        let a = try ChapterRun.quick(chapter, seed: 3, extra: ["--corpus", Self.corpus.path])
        let b = try ChapterRun.quick(chapter, seed: 3, extra: ["--corpus", Self.corpus.path])
        for name in tables {
            let first = try String(contentsOf: a.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            let second = try String(contentsOf: b.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            #expect(first == second, "\(name).tsv differs between two runs with seed 3")
        }
        #expect(a.stdout.replacingOccurrences(of: a.outputDirectory.path, with: "")
                == b.stdout.replacingOccurrences(of: b.outputDirectory.path, with: ""))
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
