import Foundation

// The instructor's source holds everything: reference solutions and hidden tests sit between marker lines
// (nbgrader's markers, written as Swift line comments), and the student release is made by processing every
// Swift file line by line:
//
//     solution region   →  a stub that throws `ExerciseError.notImplemented("exercise N.M")`
//     hidden tests      →  removed
//
// A marker is a line of its own, exactly as `Marker.line` spells it. Anything that looks like a marker but is not
// exactly one (lower case, a missing word, text after it, `/* … */`) is an error, not a silent no-op: a typo in a
// marker would otherwise ship a solution to every student.

/// The four marker lines.
public enum Marker: String, CaseIterable, Sendable {
    case beginSolution = "BEGIN SOLUTION"
    case endSolution = "END SOLUTION"
    case beginHiddenTests = "BEGIN HIDDEN TESTS"
    case endHiddenTests = "END HIDDEN TESTS"

    /// The line as it must be written (after indentation).
    public var line: String { "// " + rawValue }

    var opens: Bool { self == .beginSolution || self == .beginHiddenTests }

    /// The marker that closes a region this one opens, or that opens the region this one closes.
    var partner: Marker {
        switch self {
        case .beginSolution: return .endSolution
        case .endSolution: return .beginSolution
        case .beginHiddenTests: return .endHiddenTests
        case .endHiddenTests: return .beginHiddenTests
        }
    }

    var regionName: String { self == .beginSolution || self == .endSolution ? "solution" : "hidden-tests" }
}

/// A marker problem, reported the way a compiler reports errors (`file:line: error: …`) so editors can jump to it.
public struct MarkerError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): error: \(message)" }
}

/// One reference solution found in the instructor's source.
public struct SolutionRegion: Equatable, Sendable {
    public let exercise: ExerciseID
    /// Line numbers (1-based) of its `BEGIN` and `END` markers.
    public let begin: Int
    public let end: Int
    /// The lines between the markers: what the student has to write.
    public let body: [String]
}

/// The result of processing one file.
public struct ProcessedSource: Sendable {
    /// The student's version of the file.
    public let studentText: String
    /// Exercise headings in the file, in order.
    public let headings: [ExerciseHeading]
    public let solutions: [SolutionRegion]
    /// How many hidden-test regions were removed.
    public var hiddenRegions: Int { hiddenLines.count }
    /// The lines (1-based, markers included) of each hidden-test region in the instructor's file.
    public let hiddenLines: [ClosedRange<Int>]

    /// Whether the student version differs from the instructor's.
    public var hasMarkers: Bool { !solutions.isEmpty || hiddenRegions > 0 }
}

public enum MarkerProcessor {
    /// What a line is, as far as markers go.
    public enum LineKind: Equatable, Sendable {
        case code
        case marker(Marker)
        /// Looks like a marker but is not exactly one; the reason says what is wrong.
        case malformed(String)
    }

    /// Classifies one line. A comment whose words start like a marker, in any case and spacing (`// begin solution`,
    /// `//END SOLUTION`, `/* BEGIN HIDDEN TEST */`, `// END SOLUTION here`), is meant as one, and must then be exactly one.
    public static func classify(_ line: Substring) -> LineKind {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if let marker = Marker.allCases.first(where: { $0.line == trimmed }) { return .marker(marker) }
        guard let words = commentWords(trimmed) else { return .code }
        let normalised = words.joined(separator: " ").uppercased()
        let intended: [(String, Marker)] = [("BEGIN SOLUTION", .beginSolution), ("END SOLUTION", .endSolution),
                                            ("BEGIN HIDDEN TEST", .beginHiddenTests), ("END HIDDEN TEST", .endHiddenTests)]
        guard let (_, marker) = intended.first(where: { normalised.hasPrefix($0.0) }) else { return .code }
        return .malformed("malformed marker `\(trimmed)`: write `\(marker.line)` exactly, on a line of its own")
    }

    /// The words of a comment line (`//`, `/*`, `#`), or nil for code.
    private static func commentWords(_ trimmed: String) -> [Substring]? {
        var text = Substring(trimmed)
        if text.hasPrefix("//") {
            text = text.drop { $0 == "/" }
            if text.hasPrefix(":") { return nil }          // literate prose (`//:`) is text, never a marker
        } else if text.hasPrefix("/*") {
            text = text.dropFirst(2).drop { $0 == "*" }
        } else {
            return nil
        }
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "*" || $0 == "/" })
    }

    /// The lines that replace a solution region in the student's file.
    public static func stub(for exercise: ExerciseID, indent: String) -> [String] {
        ["\(indent)// YOUR CODE HERE (exercise \(exercise))",
         "\(indent)throw ExerciseError.notImplemented(\"exercise \(exercise)\")"]
    }

    /// Processes one file: the student version, the exercise headings and the solution regions.
    ///
    /// Throws `MarkerError` (with `file` and the line) for a malformed marker, a region opened inside another, an
    /// end marker that closes nothing or the wrong kind of region, a region never closed, and a solution region with
    /// no `//: ## Exercise N.M` heading above it (the stub must name its exercise).
    public static func process(_ text: String, file: String) throws -> ProcessedSource {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        out.reserveCapacity(lines.count)
        var headings: [ExerciseHeading] = []
        var solutions: [SolutionRegion] = []
        var hidden: [ClosedRange<Int>] = []
        var open: (marker: Marker, line: Int, exercise: ExerciseID?)?
        var body: [String] = []

        func fail(_ line: Int, _ message: String) -> MarkerError { MarkerError(file: file, line: line, message: message) }

        for (index, line) in lines.enumerated() {
            let number = index + 1
            switch classify(line) {
            case .malformed(let reason):
                throw fail(number, reason)
            case .marker(let marker) where marker.opens:
                if let current = open {
                    throw fail(number, "`\(marker.line)` inside the \(current.marker.regionName) region opened at line "
                               + "\(current.line); regions cannot nest (close it first with `\(current.marker.partner.line)`)")
                }
                var exercise: ExerciseID?
                if marker == .beginSolution {
                    guard let heading = headings.last else {
                        throw fail(number, "`\(marker.line)` has no exercise heading above it; add a line like "
                                   + "`//: ## Exercise 1.2 · title` before it so the student's stub can name the exercise")
                    }
                    exercise = heading.id
                    let indent = String(line.prefix { $0 == " " || $0 == "\t" })
                    out += stub(for: heading.id, indent: indent)
                }
                open = (marker, number, exercise)
                body = []
            case .marker(let marker):   // an end marker
                guard let current = open else {
                    throw fail(number, "`\(marker.line)` without a matching `\(marker.partner.line)` before it")
                }
                guard current.marker == marker.partner else {
                    throw fail(number, "`\(marker.line)` cannot close the \(current.marker.regionName) region opened at line "
                               + "\(current.line); close that with `\(current.marker.partner.line)`")
                }
                if let exercise = current.exercise {
                    solutions.append(SolutionRegion(exercise: exercise, begin: current.line, end: number, body: body))
                } else {
                    hidden.append(current.line...number)
                }
                open = nil
            case .code:
                if let heading = ExerciseHeading.parse(line, line: number) {
                    if let current = open {
                        throw fail(number, "exercise heading inside the \(current.marker.regionName) region opened at line \(current.line)")
                    }
                    headings.append(heading)
                }
                if open == nil { out.append(String(line)) } else { body.append(String(line)) }
            }
        }
        if let current = open {
            throw fail(current.line, "`\(current.marker.line)` is never closed: add `\(current.marker.partner.line)` "
                       + "(the file ends at line \(lines.count))")
        }
        return ProcessedSource(studentText: out.joined(separator: "\n"), headings: headings, solutions: solutions,
                               hiddenLines: hidden)
    }

    /// Exercise headings of a file, without processing markers (for files that are not Swift sources of exercises).
    public static func headings(in text: String) -> [ExerciseHeading] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap {
            ExerciseHeading.parse($0.element, line: $0.offset + 1)
        }
    }
}
