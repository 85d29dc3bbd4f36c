import Foundation
import Notebook

/// One scientific claim a chapter makes, as a number its `--quick` run writes and a bound that number must keep.
///
/// Claims are written once, here, and used twice: `Tests/ChapterTests` checks every claim on the runs it makes,
/// and `make calibrate` (Sources/Calibrate) runs every chapter over ten seeds and several compute configurations
/// and writes what each claim's number did to `docs/calibration.md`, one row per claim id. A bound is set from that
/// table, with a margin beyond the worst value seen on any seed and configuration; never from one run.
public struct Claim: Sendable {
    /// A stable name, `chNN.topic.what` (the row of docs/calibration.md).
    public let id: String
    /// The chapter folder, e.g. "07-planning-ahead".
    public let chapter: String
    /// What the chapter claims, in words.
    public let statement: String
    /// The number, in words, when it is not obvious from the statement ("min over p of myopic ÷ baseline").
    public let statistic: String
    /// The bound the number must keep.
    public let bound: Bound
    /// Whether margins are judged on a log scale (positive numbers spanning decades, such as rounding errors).
    public let logScale: Bool
    /// Why the tests do not assert this claim at `--quick`, if they do not: calibration still measures it, so
    /// docs/calibration.md shows how far from holding it is (a claim that needs the chapter's own scale).
    public let notTestedBecause: String?
    let measure: @Sendable (ChapterOutput) throws -> Double

    public init(_ id: String, chapter: String, _ statement: String, statistic: String = "", bound: Bound,
                logScale: Bool = false, notTestedBecause: String? = nil,
                measure: @escaping @Sendable (ChapterOutput) throws -> Double) {
        self.id = id
        self.chapter = chapter
        self.statement = statement
        self.statistic = statistic
        self.bound = bound
        self.logScale = logScale
        self.notTestedBecause = notTestedBecause
        self.measure = measure
    }

    /// Whether the chapter tests assert it.
    public var isTested: Bool { notTestedBecause == nil }

    /// How far `x` is inside the bound, on the claim's scale (log₁₀ units for log-scale claims).
    public func margin(_ x: Double) -> Double {
        guard logScale else { return bound.margin(x) }
        return Bound.logged(bound).margin(log10(x))
    }

    /// max − min of `values` on the claim's scale.
    public func spread(_ values: [Double]) -> Double {
        let v = logScale ? values.map { log10($0) } : values
        return (v.max() ?? 0) - (v.min() ?? 0)
    }

    /// The claim's number in one run.
    public func value(in output: ChapterOutput) throws -> Double { try measure(output) }
}

/// Which side of a threshold a claim's number must stay on. NaN never holds.
public enum Bound: Sendable, CustomStringConvertible, Equatable {
    case above(Double)          // x > a
    case atLeast(Double)        // x ≥ a
    case below(Double)          // x < a
    case atMost(Double)         // x ≤ a
    case within(Double, Double) // a ≤ x ≤ b

    public func holds(_ x: Double) -> Bool {
        switch self {
        case .above(let a): x > a
        case .atLeast(let a): x >= a
        case .below(let a): x < a
        case .atMost(let a): x <= a
        case .within(let a, let b): x >= a && x <= b
        }
    }

    /// How far `x` is inside the bound (negative: outside), in the number's own units.
    public func margin(_ x: Double) -> Double {
        switch self {
        case .above(let a), .atLeast(let a): x - a
        case .below(let a), .atMost(let a): a - x
        case .within(let a, let b): Swift.min(x - a, b - x)
        }
    }

    public var description: String {
        switch self {
        case .above(let a): "> \(Self.format(a))"
        case .atLeast(let a): "≥ \(Self.format(a))"
        case .below(let a): "< \(Self.format(a))"
        case .atMost(let a): "≤ \(Self.format(a))"
        case .within(let a, let b): "in [\(Self.format(a)), \(Self.format(b))]"
        }
    }

    static func format(_ x: Double) -> String { Format.number(x, digits: 3) }

    /// The same bound on log₁₀ of the number.
    static func logged(_ b: Bound) -> Bound {
        switch b {
        case .above(let a): .above(log10(a))
        case .atLeast(let a): .atLeast(log10(a))
        case .below(let a): .below(log10(a))
        case .atMost(let a): .atMost(log10(a))
        case .within(let a, let c): .within(log10(a), log10(c))
        }
    }
}

/// What one chapter run left behind: its data folder and what it printed.
public struct ChapterOutput: Sendable {
    public let directory: URL
    public let stdout: String

    public init(directory: URL, stdout: String) {
        self.directory = directory
        self.stdout = stdout
    }

    public func table(_ name: String) throws -> TSVTable {
        try TSVTable(contentsOf: directory.appendingPathComponent("\(name).tsv"))
    }

    /// The number on the printed result line that contains `name` ("  name = 1.2e-16").
    public func printed(_ name: String) throws -> Double {
        guard let line = stdout.split(separator: "\n").first(where: { $0.contains(name) && $0.contains(" = ") }),
              let value = Double(line.components(separatedBy: " = ").last!.trimmingCharacters(in: .whitespaces))
        else { throw ClaimError("no printed result line for '\(name)'") }
        return value
    }

    /// 1 if the chapter printed `text`, else 0 (for claims that are exact statements in the transcript).
    public func printedLine(_ text: String) -> Double { stdout.contains(text) ? 1 : 0 }
}

public struct ClaimError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Array where Element == Double {
    /// The largest element (NaN for an empty array, so a claim on nothing never holds).
    var largest: Double { self.max() ?? .nan }
    var smallest: Double { self.min() ?? .nan }
    var mean: Double { isEmpty ? .nan : reduce(0, +) / Double(count) }
}

/// An index or a thrown error naming what was missing.
func index<T: Equatable>(of value: T, in values: [T], _ what: String) throws -> Int {
    guard let i = values.firstIndex(of: value) else { throw ClaimError("no \(what) = \(value) in the data") }
    return i
}
