import ArgumentParser
import Notebook

/// Chapter 5's command line: the common options, the learning rate, and the sweep's size and reuse.
struct Chapter5: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch05",
        abstract: "Chapter 5: sequence models as delay embeddings (paper 000's experiment at laptop scale).")

    @OptionGroup var common: ChapterOptions

    @OptionGroup var training: TrainingOptions

    @Option(help: "Training seeds per configuration (default: 1 at --quick, 3 otherwise); seeds are --seed, --seed+1, …")
    var seeds: Int?

    @Option(help: "Training runs side by side (default: one per core).")
    var workers: Int?

    @Flag(help: "Train every model again, even where a saved model of the same configuration exists.")
    var retrain = false

    func validate() throws {
        if let seeds, seeds < 1 { throw ValidationError("--seeds must be ≥ 1 (got \(seeds)).") }
        if let workers, workers < 1 { throw ValidationError("--workers must be ≥ 1 (got \(workers)).") }
    }
}
