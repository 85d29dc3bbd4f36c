import ArgumentParser

/// How big a run is. Every chapter offers the same three sizes so a student knows what to expect:
/// `quick` (seconds, what the tests and CI run), `standard` (minutes on 2 cores, what `make` runs and what
/// the figures and the chapter's text describe) and `full` (closer to the papers' scale; optional).
public enum Scale: String, Sendable, CaseIterable {
    case quick, standard, full

    /// Chooses a size by scale; `full` falls back to `standard` where a chapter has nothing bigger.
    public func pick<T>(quick q: T, standard s: T, full f: T? = nil) -> T {
        switch self {
        case .quick: return q
        case .standard: return s
        case .full: return f ?? s
        }
    }
}

/// The options every chapter shares: `--seed`, `--quick`, `--full`, `--out`.
/// A chapter pulls them in with `@OptionGroup var options: ChapterOptions`.
public struct ChapterOptions: ParsableArguments, Sendable {
    @Option(help: "Seed for every random draw; the same seed gives the same numbers.")
    public var seed: UInt64 = 1

    @Flag(help: "Toy scale: runs in seconds (tests and CI use this).")
    public var quick = false

    @Flag(help: "Larger scale, closer to the papers (slower).")
    public var full = false

    @Option(help: "Folder for the chapter's TSV data (default: figures/<chapter>/data in the workspace).")
    public var out: String?

    public init() {}

    public var scale: Scale { quick ? .quick : (full ? .full : .standard) }

    public func validate() throws {
        if quick && full { throw ValidationError("--quick and --full exclude each other; pick one.") }
    }
}

/// The option every training chapter shares: `--learning-rate`, the peak AdamW learning rate.
/// A chapter pulls it in with `@OptionGroup var training: TrainingOptions`.
public struct TrainingOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("learning-rate"), help: "Peak AdamW learning rate.")
    public var learningRate: Double = 3e-3

    public init() {}

    public func validate() throws {
        guard learningRate > 0, learningRate.isFinite else {
            throw ValidationError("--learning-rate must be a positive number (got \(learningRate)).")
        }
    }
}
