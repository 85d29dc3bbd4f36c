import ArgumentParser
import Notebook

/// Chapter 1's command line: the common options plus optional overrides for the delay and the dimension,
/// so a student can see what a poor choice does (`--tau 1`, `--dimension 2`).
struct Chapter1: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch01",
        abstract: "Chapter 1: Takens delay embeddings of the partially observed Lorenz system.")

    @OptionGroup var common: ChapterOptions

    @Option(help: "Use this delay τ (in steps) instead of the first minimum of the mutual information.")
    var tau: Int?

    @Option(help: "Use this embedding dimension d instead of the one false nearest neighbours choose.")
    var dimension: Int?

    func validate() throws {
        if let tau, tau < 1 { throw ValidationError("--tau must be a whole number of steps ≥ 1 (got \(tau)).") }
        if let dimension, dimension < 1 { throw ValidationError("--dimension must be ≥ 1 (got \(dimension)).") }
    }
}
