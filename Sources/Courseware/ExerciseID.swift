import Foundation

/// An exercise's number, "chapter.number" as the text prints it (exercise 3.2 is chapter 3's second).
///
/// The same number names the exercise everywhere: its heading `//: ## Exercise 3.2 · title` in `Exercises/`, the
/// student's stub (`not implemented: exercise 3.2`), and its tests, whose function names start with `exercise3_2`.
public struct ExerciseID: Hashable, Comparable, CustomStringConvertible, Sendable {
    public let chapter: Int
    public let number: Int

    public init(chapter: Int, number: Int) {
        self.chapter = chapter
        self.number = number
    }

    /// Parses "3.2".
    public init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 2, let c = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(chapter: c, number: n)
    }

    public var description: String { "\(chapter).\(number)" }

    /// The prefix of every test function of this exercise: `exercise3_2`, `exercise3_2_hidden`, ….
    public var testPrefix: String { "exercise\(chapter)_\(number)" }

    /// Whether `testName` (a function name, with or without its argument list) is one of this exercise's tests.
    public func owns(testName: String) -> Bool {
        guard let parsed = ExerciseID(testName: testName) else { return false }
        return parsed == self
    }

    /// The exercise a test function belongs to: `exercise3_2`, `exercise3_2_hidden()`, `exercise3_2(seed:)`.
    public init?(testName: String) {
        let name = testName.prefix { $0 != "(" }
        guard name.hasPrefix("exercise") else { return nil }
        let parts = name.dropFirst("exercise".count).split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, let c = Int(parts[0]), let n = Int(parts[1]) else { return nil }
        self.init(chapter: c, number: n)
    }

    public static func < (a: ExerciseID, b: ExerciseID) -> Bool {
        (a.chapter, a.number) < (b.chapter, b.number)
    }
}

/// An exercise heading found in a source file: `//: ## Exercise 1.2 · Cao's E1 (2 points)`.
public struct ExerciseHeading: Equatable, Sendable {
    public let id: ExerciseID
    public let title: String
    /// What the exercise is worth; `(N points)` at the end of the heading, 1 by default.
    public let points: Double
    /// 1-based line number in its file.
    public let line: Int

    /// Parses a line if it is an exercise heading (a `//:` prose line whose Markdown heading starts with "Exercise N.M").
    public static func parse(_ rawLine: Substring, line: Int) -> ExerciseHeading? {
        let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("//:") else { return nil }
        var rest = trimmed.dropFirst(3).drop { $0 == " " }
        guard rest.hasPrefix("#") else { return nil }
        rest = rest.drop { $0 == "#" }.drop { $0 == " " }
        guard rest.hasPrefix("Exercise ") else { return nil }
        rest = rest.dropFirst("Exercise ".count)
        let number = rest.prefix { $0.isNumber || $0 == "." }
        guard let id = ExerciseID(String(number)) else { return nil }
        var title = rest.dropFirst(number.count).trimmingCharacters(in: .whitespaces)
        for separator in ["·", ":", "—", "-"] where title.hasPrefix(separator) {
            title = String(title.dropFirst(separator.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        var points = 1.0
        if title.hasSuffix(")"), let open = title.lastIndex(of: "(") {
            let inside = title[title.index(after: open)..<title.index(before: title.endIndex)]
            let words = inside.split(separator: " ")
            if words.count == 2, words[1].hasPrefix("point"), let value = Double(words[0]), value >= 0 {
                points = value
                title = title[..<open].trimmingCharacters(in: .whitespaces)
            }
        }
        return ExerciseHeading(id: id, title: title, points: points, line: line)
    }
}
