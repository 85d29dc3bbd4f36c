import Foundation
import Testing
import Experiments
import Learning
import LinearAlgebra
import SequenceModels
import _Differentiation

/// Chapter 7's shared pieces: paper 002's synthetic task, the text corpus, the gradient decomposition.
@Suite struct PrecachingTaskTests {
    @Test func targetsFollowTheDefinition() throws {
        let task = try PrecachingTask(window: 2, frequency: 3, probability: 0.5, length: 5)
        let x = [0.1, -0.4, 0.7, 1.2, -2.0], z = [true, false, true, true, false]
        let y = task.targets(x: x, z: z)
        // Position 0 asks for a sum over an empty past: 0. Positions 2 and 3 sum sin(3x) over the two before.
        #expect(y[0] == 0)
        #expect(y[1] == -0.4)
        #expect(abs(y[2] - (sin(3 * -0.4) + sin(3 * 0.1))) < 1e-15)
        #expect(abs(y[3] - (sin(3 * 0.7) + sin(3 * -0.4))) < 1e-15)
        #expect(y[4] == -2.0)
    }

    @Test func batchesBaselineAndProbeTargets() throws {
        let task = try PrecachingTask(window: 3, frequency: 2, probability: 0.3, length: 16)
        var rng = SeededRNG(seed: 1)
        let batch = task.batch(50, rng: &rng)
        #expect(batch.inputs.shape == [50, 16, 2] && batch.targets.shape == [50, 16, 1])
        #expect(batch.inputs.scalars[2] == Float(batch.x[1]) && batch.inputs.scalars[3] == (batch.z[1] ? 1 : 0))
        let fraction = Double(batch.z.filter { $0 }.count) / Double(batch.z.count)
        #expect(abs(fraction - 0.3) < 0.05)
        // A perfect prediction scores 0, the copy-or-zero baseline scores the Huber loss of the sums, divided by p.
        #expect(batch.normalizedLoss(batch.y) == 0)
        var huber = 0.0
        for (yn, zn) in zip(batch.y, batch.z) where zn { let r = abs(yn); huber += r <= 1 ? 0.5 * r * r : r - 0.5 }
        #expect(abs(batch.baselineLoss - huber / Double(batch.y.count) / 0.3) < 1e-12)
        // sin(w·x_{n−lag}), zero before the start of each sequence.
        let lag2 = batch.laggedSine(lag: 2)
        #expect(lag2[16] == 0 && lag2[17] == 0 && lag2[18] == sin(2 * batch.x[16]))
        // The target at a z = 1 position is the sum of the probe targets at lags 1…k.
        let n = batch.z.indices.first { $0 % 16 >= 3 && batch.z[$0] }!
        let sum = (1...3).reduce(0.0) { $0 + batch.laggedSine(lag: $1)[n] }
        #expect(abs(batch.y[n] - sum) < 1e-12)
        // Same seed, same data.
        var again = SeededRNG(seed: 1)
        #expect(task.batch(50, rng: &again).x == batch.x)
    }

    @Test func theControlAsksForZeroWhereThePaperAsksForTheInput() throws {
        let task = try PrecachingTask(window: 2, frequency: 3, probability: 0.5, length: 5, copiesPresent: false)
        let x = [0.1, -0.4, 0.7, 1.2, -2.0], z = [true, false, true, true, false]
        let y = task.targets(x: x, z: z)
        #expect(y[1] == 0 && y[4] == 0)
        #expect(abs(y[3] - (sin(3 * 0.7) + sin(3 * -0.4))) < 1e-15)
        // Its baseline predicts 0 everywhere, and scores exactly the paper task's baseline on the same draws:
        // the z = 0 positions cost nothing in either.
        var a = SeededRNG(seed: 2), b = SeededRNG(seed: 2)
        let control = task.batch(40, rng: &a)
        let paper = try PrecachingTask(window: 2, frequency: 3, probability: 0.5, length: 5).batch(40, rng: &b)
        #expect(control.x == paper.x && control.z == paper.z)
        #expect(control.baselineLoss == control.normalizedLoss([Double](repeating: 0, count: control.y.count)))
        #expect(abs(control.baselineLoss - paper.baselineLoss) < 1e-15)
    }

    @Test func badSettingsAreClearErrors() {
        #expect(throws: ExperimentError.self) { try PrecachingTask(window: 0, frequency: 1, probability: 1, length: 8) }
        #expect(throws: ExperimentError.self) { try PrecachingTask(window: 8, frequency: 1, probability: 1, length: 8) }
        #expect(throws: ExperimentError.self) { try PrecachingTask(window: 2, frequency: 0, probability: 1, length: 8) }
        #expect(throws: ExperimentError.self) { try PrecachingTask(window: 2, frequency: 1, probability: 0, length: 8) }
    }
}

@Suite struct TextCorpusTests {
    func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// About `characters` characters of words, the same for the same seed.
    func words(_ characters: Int, seed: UInt64) -> String {
        let vocabulary = ["the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "far"]
        var rng = SeededRNG(seed: seed), text = ""
        while text.count < characters { text += vocabulary[Int(rng.next() % 10)] + (rng.next() % 8 == 0 ? ".\n" : " ") }
        return text
    }

    @Test func splitVocabularyAndWindows() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("text.txt")
        try words(30_000, seed: 1).write(to: file, atomically: true, encoding: .utf8)
        let corpus = try TextCorpus(path: file.path, blockSize: 1_000)
        #expect(corpus.decode(Array(corpus.training.prefix(20))) == String(words(30_000, seed: 1).prefix(20)))
        #expect(corpus.alphabet.count == Set(words(30_000, seed: 1).unicodeScalars).count)
        #expect(abs(Double(corpus.validation.count) / Double(corpus.training.count + corpus.validation.count) - 0.1) < 0.02)
        var rng = SeededRNG(seed: 2)
        let batch = corpus.trainingBatch(4, context: 16, rng: &rng)
        #expect(batch.inputs.count == 64 && batch.targets.count == 64)
        #expect(Array(batch.inputs[1..<16]) == Array(batch.targets[0..<15]))
        let held = corpus.validationWindows(context: 16, maxWindows: 10)
        #expect(held.count == 10 && held.inputs.count == 160)
        #expect(Array(held.inputs[0..<16]) == Array(corpus.validation[0..<16]))
    }

    @Test func cleaningAndFolders() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Fortune's layout: cookies separated by "%" lines, overstruck bold, a binary .dat index, a .u8 link.
        let cookie = "B\u{8}Bold\tmove\r\n%\nnext\n"
        try (String(repeating: cookie, count: 1_000)).write(to: dir.appendingPathComponent("a"), atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x00]).write(to: dir.appendingPathComponent("a.dat"))
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("a.u8"), withDestinationURL: dir.appendingPathComponent("a"))
        let corpus = try TextCorpus(path: dir.path, blockSize: 100)
        #expect(corpus.decode(Array(corpus.training.prefix(16))) == "Bold move\n\nnext\n")
        #expect(corpus.training.count + corpus.validation.count == 16 * 1_000)
    }

    @Test func unusableCorporaAreOneLineErrorsNamingThePathAndTheFix() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.txt"), latin1 = dir.appendingPathComponent("latin1.txt")
        let short = dir.appendingPathComponent("short.txt")
        try Data().write(to: empty)
        try Data(Array("caf".utf8) + [0xE9] + Array(String(repeating: " text", count: 10_000).utf8)).write(to: latin1)
        try "a few words".write(to: short, atomically: true, encoding: .utf8)
        for path in [dir.appendingPathComponent("missing.txt").path, empty.path, latin1.path, short.path] {
            do {
                _ = try TextCorpus(path: path)
                Issue.record("\(path) was accepted")
            } catch let error as ExperimentError {
                #expect(error.description.contains(path), "\(error)")
                #expect(error.description.contains("--corpus"), "\(error)")
                #expect(!error.description.contains("\n"))
                if path == empty.path { #expect(error.description.contains("is empty"), "\(error)") }
            }
        }
    }

    @Test func aHugeAlphabetKeepsItsCommonestCharactersAndFoldsTheRest() {
        // 3 000 distinct characters (a CJK block), the first 100 common: without a cap the vocabulary, and with it
        // the embedding and the read-out, would be 3 000 wide.
        var text = [Unicode.Scalar]()
        for i in 0..<30_000 { text.append(Unicode.Scalar(0x4E00 + (i % 7 == 0 ? i % 3_000 : i % 100))!) }
        let corpus = TextCorpus(text: text, source: "test", blockSize: 100)
        #expect(corpus.vocabularySize == TextCorpus.maximumVocabulary)
        #expect(corpus.folded == 3_000 - (TextCorpus.maximumVocabulary - 1))
        #expect((corpus.training + corpus.validation).allSatisfy { (0..<TextCorpus.maximumVocabulary).contains($0) })
        #expect(corpus.alphabet.contains("\u{FFFD}"))
        // The common characters keep their own ids.
        for c in 0..<100 { #expect(corpus.alphabet.contains(Unicode.Scalar(0x4E00 + c)!)) }
        // A small alphabet is untouched.
        let small = TextCorpus(text: Array("the cat sat on the mat".unicodeScalars), source: "test", blockSize: 4)
        #expect(small.folded == 0 && !small.alphabet.contains("\u{FFFD}"))
    }
}

@Suite struct GradientDecompositionTests {
    @Test func normsAndCosineOfKnownVectors() {
        // g = (3, 4), g_m = (3, 0): g_f = (0, 4), orthogonal to g_m.
        var a = Dense<Double>(weight: Tensor(shape: [1, 2], scalars: [3, 4]), bias: Tensor(shape: [2], scalars: [0, 0]))
        let b = Dense<Double>(weight: Tensor(shape: [1, 2], scalars: [3, 0]), bias: Tensor(shape: [2], scalars: [0, 0]))
        var split = GradientDecomposition(full: a, myopic: b)
        #expect(split.full == 5 && split.myopic == 3 && split.future == 4 && split.cosine == 0)
        // g_m = g/2: g_f = g/2, cosine 1. Restricted to the bias (all zeros): norms 0, cosine undefined.
        a.weight = Tensor(shape: [1, 2], scalars: [6, 8])
        split = GradientDecomposition(full: a, myopic: b.scaledWeights(by: 0, plus: a, times: 0.5))
        #expect(abs(split.cosine - 1) < 1e-15 && abs(split.future - 5) < 1e-12)
        let biasOnly = GradientDecomposition(full: a, myopic: b) { $0 == "bias" }
        #expect(biasOnly.full == 0 && biasOnly.cosine.isNaN)
    }

    @Test func futureGradientVanishesExactlyWhenThereIsNoPast() {
        var rng = SeededRNG(seed: 3)
        let net = GPT<Double>(vocabularySize: 5, width: 4, layers: 2, heads: 2, maxLength: 6, rng: &rng)
        let ids = [1, 3, 0, 4, 2, 2], targets = [3, 0, 4, 2, 2, 1]
        // A vanilla GPT on 6 tokens: later losses reach earlier positions, g_f ≠ 0.
        let six = GradientDecomposition.measure(net, parts: ["blocks.0.mlp"]) { m in
            crossEntropy(logits: m(ids, shape: [1, 6]), targets: targets)
        }
        #expect(six.total.future > 0.01 * six.total.full && six.parts[0].future > 0)
        #expect(abs(six.total.future - six.total.full) < six.total.myopic + 1e-12)  // triangle inequality
        // One token: nothing is in the past of anything, so g = g_m exactly.
        let one = GradientDecomposition.measure(net) { m in crossEntropy(logits: m([1], shape: [1, 1]), targets: [3]) }
        #expect(one.total.future <= 1e-12 * one.total.full && abs(one.total.full - one.total.myopic) <= 1e-12 * one.total.full)
        // Self-only attention: no position reads another, so again g_f = 0.
        var selfOnly = net
        selfOnly.selfOnly = true
        let alone = GradientDecomposition.measure(selfOnly) { m in crossEntropy(logits: m(ids, shape: [1, 6]), targets: targets) }
        #expect(alone.total.future == 0)
    }
}

extension Dense where Scalar == Double {
    /// self·s + other·t (weights and biases), for building known gradients.
    func scaledWeights(by s: Double, plus other: Dense, times t: Double) -> Dense {
        Dense(weight: Tensor(shape: weight.shape, scalars: zip(weight.scalars, other.weight.scalars).map { s * $0 + t * $1 }),
              bias: Tensor(shape: bias.shape, scalars: zip(bias.scalars, other.bias.scalars).map { s * $0 + t * $1 }))
    }
}
