import ArgumentParser
import Notebook

/// Chapter 3's command line: the common options plus the size of the trained model.
struct Chapter3: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch03",
        abstract: "Chapter 3: state-space layers (LRU, S4D) as filtered delay embeddings.")

    @OptionGroup var common: ChapterOptions

    @Option(help: "Width H (channels) and state size N of the LRU model trained in section 5 (default: 16 at --quick, 32 otherwise).")
    var width: Int?

    @Option(name: .customLong("learning-rate"), help: "Peak AdamW learning rate for section 5.")
    var learningRate: Double = 3e-3

    func validate() throws {
        if let width, width < 1 { throw ValidationError("--width must be ≥ 1 (got \(width)).") }
        guard learningRate > 0, learningRate.isFinite else {
            throw ValidationError("--learning-rate must be a positive number (got \(learningRate)).")
        }
    }
}
