import Foundation

/// One student's results: the score table printed at the end of `make grade`, and the same as TSV and JUnit XML.
public struct GradeReport: Sendable {
    public let student: String
    public let results: [ExerciseResult]
    /// Lines of hidden tests, by test file name: issues there are summarised, not quoted, in the student's feedback.
    public let hiddenLines: [String: [ClosedRange<Int>]]

    public init(student: String, results: [ExerciseResult], hiddenLines: [String: [ClosedRange<Int>]] = [:]) {
        self.student = student
        self.results = results
        self.hiddenLines = hiddenLines
    }

    public var points: Double { results.reduce(0) { $0 + $1.score } }
    public var maxPoints: Double { results.reduce(0) { $0 + $1.exercise.points } }

    public static func number(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.2f", x)
    }

    /// The printed table.
    public var table: String {
        var rows: [[String]] = [["exercise", "title", "tests", "points", "status"]]
        for r in results {
            rows.append([r.exercise.id.description, r.exercise.title, "\(r.passed)/\(r.total)",
                         "\(GradeReport.number(r.score))/\(GradeReport.number(r.exercise.points))", r.status.rawValue])
        }
        rows.append(["total", "", "", "\(GradeReport.number(points))/\(GradeReport.number(maxPoints))", ""])
        let widths = (0..<5).map { j in rows.map { $0[j].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { j, c in j == cells.count - 1 ? c : c.padding(toLength: widths[j], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "──")
        return ([line(rows[0]), rule] + rows.dropFirst().dropLast().map(line) + [rule, line(rows.last!)])
            .map { "  " + $0 }.joined(separator: "\n")
    }

    /// What went wrong, exercise by exercise, in full: for the instructor.
    public var feedback: String { feedback(forStudent: false) }

    /// What went wrong, exercise by exercise. For the student, an issue recorded inside a hidden test is counted, not
    /// quoted: its expectation would show the hidden test's code.
    public func feedback(forStudent: Bool) -> String {
        results.filter { $0.status != .passed && $0.status != .notImplemented }.map { r in
            var lines: [String] = []
            let issues = r.issues
            if r.status == .failed && !issues.isEmpty {
                var hidden = 0
                for issue in issues {
                    let isHidden = hiddenLines[issue.file]?.contains { $0.contains(issue.line) } ?? false
                    if forStudent && isHidden { hidden += 1; continue }
                    lines.append("\(issue.file):\(issue.line): \(issue.message.prefix(300))\(isHidden ? "   [hidden test]" : "")")
                }
                if hidden > 0 { lines.append("\(hidden) issue(s) in hidden tests") }
            } else {
                lines = r.messages.prefix(5).map { String($0.prefix(400)) }
            }
            return "exercise \(r.exercise.id) (\(r.status.rawValue), \(r.passed) of \(r.total) tests passed):\n"
                + lines.prefix(8).map { "    " + $0.replacingOccurrences(of: "\n", with: "\n    ") }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// One row per exercise, tab-separated, with a header row (opens in any spreadsheet).
    public var tsv: String {
        var lines = [["student", "exercise", "title", "chapter", "status", "tests_passed", "tests_total", "points",
                      "max_points", "seconds", "message"].joined(separator: "\t")]
        for r in results {
            let message = (r.messages.first ?? "").replacingOccurrences(of: "\t", with: " ")
                .replacingOccurrences(of: "\n", with: " ")
            lines.append([student, r.exercise.id.description, r.exercise.title, r.exercise.chapter, r.status.rawValue,
                          "\(r.passed)", "\(r.total)", GradeReport.number(r.score), GradeReport.number(r.exercise.points),
                          String(format: "%.2f", r.seconds), String(message.prefix(300))].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JUnit XML: one suite per chapter, one test case per exercise, failed unless every test of it passed.
    public var junit: String {
        let e = JUnit.escape
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let failures = results.filter { $0.status != .passed }.count
        let time = results.reduce(0) { $0 + $1.seconds }
        out.append("<testsuites name=\"\(e(student))\" tests=\"\(results.count)\" failures=\"\(failures)\" time=\"\(String(format: "%.3f", time))\">")
        var chapters: [String] = []
        for r in results where !chapters.contains(r.exercise.chapter) { chapters.append(r.exercise.chapter) }
        for chapter in chapters {
            let mine = results.filter { $0.exercise.chapter == chapter }
            out.append("  <testsuite name=\"\(e(chapter))\" tests=\"\(mine.count)\" failures=\"\(mine.filter { $0.status != .passed }.count)\" "
                       + "time=\"\(String(format: "%.3f", mine.reduce(0) { $0 + $1.seconds }))\">")
            for r in mine {
                let name = "exercise \(r.exercise.id) · \(r.exercise.title)"
                out.append("    <testcase classname=\"\(e(chapter))\" name=\"\(e(name))\" time=\"\(String(format: "%.3f", r.seconds))\">")
                if r.status != .passed {
                    out.append("      <failure type=\"\(e(r.status.rawValue))\" message=\"\(e(r.status.rawValue)): \(r.passed) of \(r.total) tests passed\">"
                               + e(r.messages.joined(separator: "\n")) + "</failure>")
                }
                out.append("      <system-out>points \(GradeReport.number(r.score)) of \(GradeReport.number(r.exercise.points))</system-out>")
                out.append("    </testcase>")
            }
            out.append("  </testsuite>")
        }
        out.append("</testsuites>")
        return out.joined(separator: "\n") + "\n"
    }

    /// Writes `grades.tsv`, `grades.xml`, `report.txt` (for the instructor), `feedback.txt` (for the student, hidden
    /// tests not quoted) and one log per exercise (which may quote hidden tests) into `folder`.
    public func write(to folder: GeneratedFolder) throws {
        var files: [String: FileContent] = [
            "grades.tsv": FileContent(text: tsv),
            "grades.xml": FileContent(text: junit),
            "report.txt": FileContent(text: "Grades for \(student) (instructor's copy: quotes hidden tests)\n\n\(table)\n\n\(feedback)\n"),
            "feedback.txt": FileContent(text: "Grades for \(student)\n\n\(table)\n\n\(feedback(forStudent: true))\n"),
        ]
        for r in results { files["logs/exercise\(r.exercise.id).txt"] = FileContent(text: r.log) }
        try folder.sync(files)
    }

    /// Adds (or replaces) this student's row in a class summary: one row per student, one column per exercise.
    public func updateSummary(at url: URL) throws {
        let header = ["student", "points", "max_points"] + results.map { "exercise \($0.exercise.id)" }
        var rows: [String: String] = [:]
        if let text = try? String(contentsOf: url, encoding: .utf8) {
            let lines = text.split(separator: "\n")
            if let first = lines.first, first.split(separator: "\t").map(String.init) == header {
                for line in lines.dropFirst() {
                    let name = String(line.prefix { $0 != "\t" })
                    rows[name] = String(line)
                }
            }
        }
        rows[student] = ([student, GradeReport.number(points), GradeReport.number(maxPoints)]
                         + results.map { GradeReport.number($0.score) }).joined(separator: "\t")
        let text = ([header.joined(separator: "\t")] + rows.keys.sorted().map { rows[$0]! }).joined(separator: "\n") + "\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
