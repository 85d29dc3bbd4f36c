import ArgumentParser
import Notebook

/// Chapter 2's command line: the common options plus the knobs a student will want to turn.
struct Chapter2: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch02",
        abstract: "Chapter 2: learning next-step prediction of the partially observed Lorenz system.")

    @OptionGroup var common: ChapterOptions

    @OptionGroup var training: TrainingOptions

    @Option(help: "Width of the MLP's two hidden layers.")
    var hidden: Int = 64

    func validate() throws {
        guard hidden >= 1 else { throw ValidationError("--hidden must be ≥ 1 (got \(hidden)).") }
    }
}
