import Foundation

/// Every chapter's claims, and what a chapter's `--quick` run needs to make them.
public enum ChapterClaims {
    /// The chapters, in order.
    public static let chapters = ["01-takens", "02-next-step", "03-ssm", "04-attention", "05-sequence-embeddings",
                                  "06-coefficient-dynamics", "07-planning-ahead"]

    public static let all: [Claim] = chapter01 + chapter02 + chapter03 + chapter04 + chapter05 + chapter06 + chapter07

    /// The claims of one chapter (its folder name).
    public static func of(_ chapter: String) -> [Claim] { all.filter { $0.chapter == chapter } }

    /// Arguments a chapter's claim run adds to `--quick --seed S --out DIR`: chapter 6 analyses a pair it trains
    /// itself (whatever chapter 5 left in the workspace), chapter 7 reads the fixed test corpus.
    public static func quickArguments(_ chapter: String) -> [String] {
        switch chapter {
        case "06-coefficient-dynamics": ["--train-own"]
        case "07-planning-ahead": ["--corpus", TestCorpus.url.path]
        default: []
        }
    }
}
