import ArgumentParser
import Notebook

/// Chapter 4's command line: the common options plus the transformer's size and learning rate.
struct Chapter4: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ch04",
        abstract: "Chapter 4: attention layers and the one-layer transformer as learned delay selection.")

    @OptionGroup var common: ChapterOptions

    @Option(help: "Model width d (default: 16 at --quick, 32 otherwise); must be divisible by --heads.")
    var width: Int?

    @Option(help: "Number of attention heads.")
    var heads: Int = 4

    @OptionGroup var training: TrainingOptions

    func validate() throws {
        guard heads >= 1 else { throw ValidationError("--heads must be ≥ 1 (got \(heads)).") }
        if let width {
            guard width >= 1, width % heads == 0 else {
                throw ValidationError("--width must be a positive multiple of --heads (got \(width) and \(heads)).")
            }
            try MemoryCheck.require(Chapter4.bytes(width: width, heads: heads), option: "--width", value: width)
        }
    }

    /// Roughly what a one-layer transformer of width d costs: about 12·d² weights with gradients and AdamW's moments,
    /// activations of a 10 × 500 batch and of the validation sequences (~30 Floats per position and channel), the
    /// attention matrices (heads × 500²), and the probe's Gram matrix over the d channels (Double).
    static func bytes(width: Int, heads: Int) -> Double {
        let d = Double(width), h = Double(heads)
        return 16 * 12 * d * d + 60 * 500 * d * 4 * 30 + 60 * h * 500 * 500 * 4 * 3 + 8 * d * d
    }
}
