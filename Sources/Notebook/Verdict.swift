/// What a chapter concludes about one of a paper's claims, from its own numbers.
///
/// `untested` is not a polite "refuted": it says the run could not judge the claim — the model it compares
/// against never learned, the scale lacks the data, or the seeds disagree — and gives the reason.
public enum Verdict: Equatable, Sendable {
    case reproduced
    case refuted
    case untested(because: String)

    public var word: String {
        switch self {
        case .reproduced: return "reproduced"
        case .refuted: return "refuted"
        case .untested: return "untested"
        }
    }

    /// From one comparison per seed: reproduced if it holds on every seed, refuted if on none, and untested
    /// (the seeds disagree) otherwise.
    public init(holdsPerSeed: [Bool]) {
        let held = holdsPerSeed.filter { $0 }.count
        if holdsPerSeed.isEmpty { self = .untested(because: "no runs to judge it on") }
        else if held == holdsPerSeed.count { self = .reproduced }
        else if held == 0 { self = .refuted }
        else { self = .untested(because: "the seeds disagree: it holds on \(held) of \(holdsPerSeed.count)") }
    }
}

extension Notebook {
    /// Prints "Claim 2 (statement): reproduced — evidence." (or the reason it is untested) as one line.
    public func verdict(_ claim: String, _ verdict: Verdict, _ evidence: String) {
        switch verdict {
        case .untested(let reason):
            say("\(claim): untested — \(reason). \(evidence)")
        default:
            say("\(claim): \(verdict.word) — \(evidence)")
        }
    }
}
