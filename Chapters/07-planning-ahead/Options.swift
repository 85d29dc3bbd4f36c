import ArgumentParser
import Experiments
import Notebook

/// Chapter 7's command line: the common options, the synthetic task's k and w, and the text corpus.
struct Chapter7: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch07",
        abstract: "Chapter 7: do sequence models plan ahead? Myopic training, pre-caching and breadcrumbs.")

    @OptionGroup var common: ChapterOptions

    @Option(help: "Window k of the synthetic task: the target sums sin(w·x) over the k previous inputs (paper: 10).")
    var window: Int = 10

    @Option(help: "Frequency w of the synthetic task's sine (paper: 10; 3 is what our CPU budget can learn).")
    var frequency: Double = 3

    @Option(help: "Training seeds for every experiment (default: 1 at --quick, 3 otherwise); seeds are --seed, --seed+1, …")
    var seeds: Int?

    @Option(help: "A UTF-8 text file, or a folder of them, for the language model (default: the fortunes package's \(TextCorpus.fortunesPath)).")
    var corpus: String = TextCorpus.fortunesPath

    @Option(help: "Training steps of every model, instead of the scale's (D_p: 1 000 by default, text: 400; the local myopia runs a quarter of it). A short run's numbers support no claim; the tests use one to check that the same seed gives the same bytes.")
    var steps: Int?

    // Not Notebook's TrainingOptions: the two tasks train best at different rates, so the default depends on the
    // task and only an explicit value applies to both (TrainingOptions has one fixed default).
    @Option(name: .customLong("learning-rate"),
            help: "Peak AdamW learning rate for every model (default: 1e-2 on the synthetic task, 2e-2 for the character models).")
    var learningRate: Double?

    func validate() throws {
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ValidationError("--learning-rate must be a positive number (got \(learningRate)).")
        }
        guard window >= 1, window <= 32 else { throw ValidationError("--window must be between 1 and 32 (got \(window)).") }
        guard frequency > 0, frequency.isFinite else { throw ValidationError("--frequency must be positive (got \(frequency)).") }
        if let steps, steps < 10 || steps > 1_000_000 { throw ValidationError("--steps must be from 10 to 1000000 (got \(steps)).") }
        guard !corpus.isEmpty else { throw ValidationError("--corpus needs a path.") }
        if let seeds, seeds < 1 || seeds > 20 { throw ValidationError("--seeds must be from 1 to 20 (got \(seeds)).") }
        if common.seed > UInt64.max - UInt64((seeds ?? 3) - 1) {
            throw ValidationError("--seed \(common.seed) leaves no room for \(seeds ?? 3) consecutive seeds (seeds are --seed, --seed+1, …).")
        }
    }
}
