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
        try MemoryCheck.require(Chapter2.bytes(hidden: hidden), option: "--hidden", value: hidden)
    }

    /// Roughly what an MLP of this width costs: weights with their gradients and AdamW's two moments (16 bytes per
    /// parameter, the h×h layer dominating), activations of a 256-row batch, and the linear probe's Gram matrix
    /// over the hidden units (Double).
    static func bytes(hidden: Int) -> Double {
        let h = Double(hidden)
        return 16 * (h * h + 64 * h) + 256 * 8 * h * 4 + 8 * h * h + 20_000 * 8 * h
    }
}
