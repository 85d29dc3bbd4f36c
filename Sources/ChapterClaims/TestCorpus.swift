import Foundation

/// Chapter 7's text for tests and calibration: about 60 000 characters of random words, the same every time, so
/// neither needs the fortunes package. Inside a word the next character follows from the last few (context helps
/// a lot); across words it is a fresh draw.
public enum TestCorpus {
    /// Written once per process to one fixed name in the temporary folder (atomically, so concurrent runs
    /// cannot disagree).
    public static let url: URL = {
        let words = ["delay", "embedding", "attractor", "lorenz", "system", "hidden", "state", "memory", "attention",
                     "transformer", "recurrence", "sequence", "position", "gradient", "training", "future", "present",
                     "breadcrumb", "window", "signal"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {  // SplitMix64, so the text does not depend on any library code
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % 1_000)
        }
        var text = ""
        while text.count < 60_000 { text += words[next() % words.count] + (next() < 100 ? "\n" : " ") }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-ch07-test-corpus.txt")
        try! text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }()
}
