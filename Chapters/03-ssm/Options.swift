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

    @OptionGroup var training: TrainingOptions

    func validate() throws {
        if let width, width < 1 { throw ValidationError("--width must be ≥ 1 (got \(width)).") }
        if let width { try MemoryCheck.require(Chapter3.bytes(width: width), option: "--width", value: width) }
    }

    /// Roughly what an LRU of width H = N costs: complex B and C (4·H² Floats) with gradients and AdamW's moments,
    /// the states of a 10 × 500 training batch and of the validation sequences (complex, with their gradients), and
    /// the probe's Gram matrix over the H channels (Double).
    static func bytes(width: Int) -> Double {
        let h = Double(width)
        return 16 * 4 * h * h + 8 * h * h + 60 * 500 * h * 4 * 24
    }
}
