import ArgumentParser
import Notebook

extension InputScaling: ExpressibleByArgument {}

/// Chapter 5's command line: the common options, the learning rate, and the sweep's size and reuse.
struct Chapter5: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch05",
        abstract: "Chapter 5: sequence models as delay embeddings (paper 000's experiment at laptop scale).")

    @OptionGroup var common: ChapterOptions

    // Not Notebook's TrainingOptions: its fixed default (3e-3) is not this chapter's (see Settings).
    @Option(name: .customLong("learning-rate"), help: "Peak AdamW learning rate, after a warm-up and before a cosine decay (default: 1e-2).")
    var learningRate: Double?

    @Option(help: "Training seeds per configuration (default: 1 at --quick, 3 otherwise); seeds are --seed, --seed+1, …")
    var seeds: Int?

    @Option(help: "Training runs side by side (default: one per core).")
    var workers: Int?

    @Flag(help: "Train every model again, even where a saved model of the same configuration exists.")
    var retrain = false

    @Option(help: "What the models read: raw (x in the system's units, as paper 000) or standardised (x ÷ its std).")
    var input: InputScaling = .raw

    @Option(help: "AdamW steps per run (default: 600 at --quick, 1 000 otherwise, 5 000 at --full).")
    var steps: Int?

    @Option(help: "Evaluations of each run after its initialisation, evenly spaced up to the last step (default: 3 at --quick, 5 otherwise, 10 at --full); each fits the decoders again, which is most of a short run's cost.")
    var evaluations: Int?

    @Option(help: "Steps per trajectory (default: 200, 500 at --full as paper 000).")
    var length: Int?

    @Option(help: "Widths d to sweep, comma-separated (default: 10,25 at --quick, 10,25,50 otherwise, 10,25,50,100 at --full).")
    var widths: String?

    @Option(help: "Models, comma-separated: lru, transformer-learned, transformer-none (default: all three).")
    var models: String?

    @Option(help: "Noise levels σ of the noise sweep at d = 25, comma-separated (default: 0,0.05; 0,0.01,0.05,0.1 at --full; 0.05 alone skips it).")
    var noiseLevels: String?

    func validate() throws {
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ValidationError("--learning-rate must be a positive number (got \(learningRate)).")
        }
        if let seeds, seeds < 1 || seeds > 100 { throw ValidationError("--seeds must be from 1 to 100 (got \(seeds)).") }
        if common.seed > UInt64.max - UInt64((seeds ?? 3) - 1) {
            throw ValidationError("--seed \(common.seed) leaves no room for \(seeds ?? 3) consecutive seeds (seeds are --seed, --seed+1, …).")
        }
        if let workers, workers < 1 || workers > 256 { throw ValidationError("--workers must be from 1 to 256 (got \(workers)).") }
        if let steps, steps < 1 || steps > 10_000_000 { throw ValidationError("--steps must be from 1 to 10 000 000 (got \(steps)).") }
        if let evaluations, evaluations < 1 || evaluations > 100 { throw ValidationError("--evaluations must be from 1 to 100 (got \(evaluations)).") }
        if let length, length < 100 || length > 5_000 { throw ValidationError("--length must be from 100 to 5 000 (got \(length)).") }
        _ = try widthList()
        _ = try modelList()
        _ = try noiseList()
    }

    /// The comma-separated lists, parsed (nil: the scale's default).
    func widthList() throws -> [Int]? {
        guard let widths else { return nil }
        let values = widths.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 5 && ($0 ?? 0) <= 1024 && ($0 ?? 0) % 5 == 0 }) else {
            throw ValidationError("--widths must be multiples of 5 (5 heads) from 5 to 1024, e.g. 10,25,50 (got \(widths)).")
        }
        return values.map { $0! }
    }

    func modelList() throws -> [ModelKind]? {
        guard let models else { return nil }
        let values = models.split(separator: ",").map { ModelKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
            throw ValidationError("--models takes lru, transformer-learned, transformer-none (got \(models)).")
        }
        return values.map { $0! }
    }

    func noiseList() throws -> [Double]? {
        guard let noiseLevels else { return nil }
        let values = noiseLevels.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? -1) >= 0 && ($0 ?? 99) <= 10 }) else {
            throw ValidationError("--noise-levels must be numbers from 0 to 10, e.g. 0,0.05 (got \(noiseLevels)).")
        }
        return values.map { $0! }
    }
}
