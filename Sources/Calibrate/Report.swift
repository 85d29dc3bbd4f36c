import ChapterClaims
import Foundation
import Notebook

/// One claim's number in one run.
struct Measurement: Sendable {
    let claim: String
    let configuration: String
    let chapter: String
    let seed: Int
    let value: Double
}

/// Order statistics of a claim's numbers.
struct Spread {
    let min: Double, median: Double, max: Double
    init(_ values: [Double]) {
        let sorted = values.filter { !$0.isNaN }.sorted()
        min = sorted.first ?? .nan
        max = sorted.last ?? .nan
        median = sorted.isEmpty ? .nan : (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2]) / 2
    }
}

/// docs/calibration.md: what every claim's number did over the seeds and configurations.
struct CalibrationReport {
    let measurements: [Measurement]
    let failures: [String]          // runs that did not finish
    let configurations: [CalibrationConfiguration]
    let seeds: [Int]
    let machine: String
    let commit: String
    let date: String

    func values(_ claim: String, _ configuration: String? = nil) -> [Measurement] {
        measurements.filter { $0.claim == claim && (configuration == nil || $0.configuration == configuration) }
    }

    /// The worst run: the one with the smallest margin (NaN counts as the worst of all).
    func worst(_ claim: Claim) -> Measurement? {
        values(claim.id).min { a, b in
            let ma = a.value.isNaN ? -Double.infinity : claim.margin(a.value)
            let mb = b.value.isNaN ? -Double.infinity : claim.margin(b.value)
            return ma < mb
        }
    }

    var markdown: String {
        var lines = [String]()
        let timings = measurements.filter { $0.claim == RawStore.secondsClaim }
        lines += [
            "# Calibration of the chapter claims",
            "",
            "Written by `make calibrate` (Sources/Calibrate); do not edit by hand. Every chapter ran at `--quick` with "
                + "seeds \(seeds.first!)–\(seeds.last!) under each configuration below: \(timings.count) chapter runs, "
                + "\(Format.duration(timings.map(\.value).reduce(0, +))) of running time.",
            "",
            "- machine: \(machine)",
            "- commit: \(commit) · \(date)",
            "",
            "A claim's **bound** lives with the claim (`Sources/ChapterClaims/ChapterNNClaims.swift`, under the id in the "
                + "first column), and `Tests/ChapterTests` checks it on every run it makes. **Margin** is how far the "
                + "worst run stayed inside the bound, in the claim's own units; **÷ spread** divides it by the range "
                + "(max − min) over all runs, on a log scale for claims marked (log₁₀). A bound is set so that the margin is positive on every seed and "
                + "configuration here, by at least a fifth of that range (`Tests/ChapterTests/CalibrationTests.swift` checks it "
                + "against the raw numbers in `docs/calibration-raw.tsv`); where a claim could not be separated, the "
                + "chapter's `--quick` size was changed, not the bound. A claim the tests do not assert at `--quick` says "
                + "why in the last column.",
            "",
            "## Configurations",
            "",
            "| name | environment |",
            "|---|---|",
        ]
        for c in configurations { lines.append("| `\(c.name)` | `\(c.summary)` |") }
        if !failures.isEmpty {
            lines += ["", "## Runs that failed", ""] + failures.map { "- \($0)" }
        }
        lines += ["", "## Every claim over all runs", "",
                  "| claim | statement | statistic | bound | min | median | max | worst run | margin | ÷ spread | holds |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for claim in ChapterClaims.all {
            let all = values(claim.id).map(\.value)
            guard !all.isEmpty else { continue }
            let spread = Spread(all)
            let held = all.filter { claim.bound.holds($0) }.count
            let worst = worst(claim)
            let margin = worst.map { claim.margin($0.value) } ?? .nan
            let range = claim.spread(all)
            let relative = range > 0 ? Format.number(margin / range, digits: 2) : "—"
            let verdict = claim.isTested ? "\(held)/\(all.count)\(held == all.count ? "" : " **✘**")"
                : "\(held)/\(all.count), not tested at --quick: \(cell(claim.notTestedBecause!))"
            lines.append("| `\(claim.id)` | \(cell(claim.statement)) | \(cell(claim.statistic)) | \(claim.bound) | "
                         + "\(n(spread.min)) | \(n(spread.median)) | \(n(spread.max)) | "
                         + "\(worst.map { "\($0.configuration) seed \($0.seed)" } ?? "—") | "
                         + "\(n(margin))\(claim.logScale ? " (log₁₀)" : "") | \(relative) | \(verdict) |")
        }
        lines += ["", "## Per configuration", "",
                  "min / median / max over the seeds.", "",
                  "| claim | bound | " + configurations.map { "`\($0.name)`" }.joined(separator: " | ") + " |",
                  "|---|---|" + String(repeating: "---|", count: configurations.count)]
        for claim in ChapterClaims.all where !values(claim.id).isEmpty {
            let cells = configurations.map { c -> String in
                let v = values(claim.id, c.name).map(\.value)
                guard !v.isEmpty else { return "—" }
                let s = Spread(v)
                return "\(n(s.min)) / \(n(s.median)) / \(n(s.max))"
            }
            lines.append("| `\(claim.id)` | \(claim.bound) | " + cells.joined(separator: " | ") + " |")
        }
        lines += ["", "## Seconds per --quick run", "", "median over the seeds (wall clock, one run at a time unless "
                  + "the calibration ran with --jobs).", "",
                  "| chapter | " + configurations.map { "`\($0.name)`" }.joined(separator: " | ") + " |",
                  "|---|" + String(repeating: "---|", count: configurations.count)]
        for chapter in ChapterClaims.chapters where timings.contains(where: { $0.chapter == chapter }) {
            let cells = configurations.map { c in
                n(Spread(timings.filter { $0.chapter == chapter && $0.configuration == c.name }.map(\.value)).median)
            }
            lines.append("| \(chapter) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func n(_ x: Double) -> String { Format.number(x, digits: 3) }

    /// Text for a Markdown table cell: a literal | would end the cell.
    func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
