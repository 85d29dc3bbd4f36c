import Foundation

/// How one exercise came out.
public enum ExerciseStatus: String, Sendable, CaseIterable {
    case passed
    /// Some of its tests failed (partial credit for the ones that passed).
    case failed
    /// Still the stub: every failure was "not implemented: exercise N.M".
    case notImplemented = "not implemented"
    /// Killed at the time limit (an infinite loop, or far too slow).
    case timedOut = "timed out"
    /// The test process died (a trap such as an index out of range, or `fatalError`).
    case crashed
    /// The student's file did not compile and was replaced by the stub for grading.
    case doesNotCompile = "does not compile"
    /// The student's file is not a regular file (a symbolic link, a device, a FIFO): not read, graded as the stub.
    case refused
    /// No test of the exercise ran (the tests were renamed, or the build is broken).
    case noTests = "no tests ran"
}

/// The result of running one exercise's tests.
public struct ExerciseResult: Sendable {
    public let exercise: Exercise
    public var status: ExerciseStatus
    public var passed: Int
    public var total: Int
    /// Failure messages, one per failed test.
    public var messages: [String]
    /// What the test process printed.
    public var log: String
    /// Where each recorded issue is (`Chapter02Exercises.swift`, line) and what it says, from the log.
    public var issues: [(file: String, line: Int, message: String)] { ExerciseRunner.issues(in: log) }
    public var seconds: Double

    public init(exercise: Exercise, status: ExerciseStatus, passed: Int, total: Int, messages: [String], log: String,
                seconds: Double) {
        self.exercise = exercise
        self.status = status
        self.passed = passed
        self.total = total
        self.messages = messages
        self.log = log
        self.seconds = seconds
    }

    /// Points earned: the exercise's points times the fraction of its tests that passed.
    public var score: Double { total > 0 ? exercise.points * Double(passed) / Double(total) : 0 }
}

/// Runs exercise tests in a built workspace, each exercise in its own process with a time limit, so an infinite
/// loop or a crash costs one exercise and the others are still graded.
///
/// Students' code runs in a `Sandbox` when one is given (grading); without one (validation, your own copy) it runs
/// as you. Either way the results come from the runner's event stream, and only the catalogue's tests count.
public struct ExerciseRunner {
    public let tree: URL
    public let timeLimit: Double
    public let configuration: String
    public let sandbox: Sandbox?

    public init(tree: URL, timeLimit: Double, configuration: String = "release", sandbox: Sandbox? = nil) {
        self.tree = tree
        self.timeLimit = timeLimit
        self.configuration = configuration
        self.sandbox = sandbox
    }

    /// The test executable SwiftPM builds on Linux (`.build/release/<Package>PackageTests.xctest`), run directly:
    /// it starts in milliseconds, where `swift test` reloads the package first.
    public var testExecutable: URL? {
        let dir = tree.appendingPathComponent(".build/\(configuration)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix("PackageTests.xctest") }.sorted().map { dir.appendingPathComponent($0) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The filter that selects exactly one exercise's tests: `.exercise1_2(` and `.exercise1_2_…(` but not `exercise1_20`.
    public static func filter(for id: ExerciseID) -> String {
        "[./]\(id.testPrefix)(_[A-Za-z0-9_]*)?\\("
    }

    /// Runs Swift Testing with `arguments` (filters) and returns the parsed JUnit results and the process result.
    public func runTests(filter: String?, skip: [String] = [], timeLimit: Double?,
                         environment: [String: String] = [:]) throws -> (cases: [JUnit.TestCase], run: Shell.Result) {
        let xml = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-junit-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: xml) }
        var env = ["OPENBLAS_NUM_THREADS": "1", "NO_COLOR": "1"]
        for (k, v) in environment { env[k] = v }
        var arguments: [String] = []
        if let filter { arguments += ["--filter", filter] }
        for s in skip { arguments += ["--skip", s] }
        let run: Shell.Result
        var reportURL = xml
        if let executable = testExecutable {
            run = Shell.run(executable.path, ["--testing-library", "swift-testing"] + arguments + ["--xunit-output", xml.path],
                            in: tree, environment: env, timeLimit: timeLimit)
        } else {
            guard let swift = Shell.which("swift") else { throw CoursewareError("no `swift` on the PATH") }
            run = Shell.run(swift, ["test", "-c", configuration, "--skip-build"] + arguments + ["--xunit-output", xml.path],
                            in: tree, environment: env, timeLimit: timeLimit)
            // `swift test` writes Swift Testing's report beside the XCTest one.
            reportURL = URL(fileURLWithPath: xml.path.replacingOccurrences(of: ".xml", with: "-swift-testing.xml"))
        }
        let text = (try? String(contentsOf: reportURL, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: reportURL)
        return (JUnit.parse(text), run)
    }

    /// Runs Swift Testing with a filter and returns its event stream and the process result. The stream goes to a
    /// file in a private folder of ours; in a sandbox only that one file is bound in, and it is read after the
    /// sandbox (with every process it held) has gone.
    public func runEvents(filter: String, timeLimit: Double?) throws -> (stream: EventStream, run: Shell.Result) {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("t2t-events-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? fm.removeItem(at: folder) }
        let events = folder.appendingPathComponent("events.jsonl")
        // Write-only for the test process: what the runner has announced (the tests' ids) cannot be read back.
        guard fm.createFile(atPath: events.path, contents: nil, attributes: [.posixPermissions: 0o222]) else {
            throw CoursewareError("cannot create \(events.path)")
        }
        let env = ["OPENBLAS_NUM_THREADS": "1", "NO_COLOR": "1"]
        let filterArguments = ["--filter", filter]
        let run: Shell.Result
        if let sandbox {
            guard let executable = testExecutable else {
                throw CoursewareError("no test executable in \(tree.path)/.build/\(configuration) (the sandbox runs it directly)")
            }
            var passed = env
            // The compute configuration (T2T_SIMD, OPENBLAS_CORETYPE, …) is the grader's, as for the chapters.
            for (key, value) in ProcessInfo.processInfo.environment
            where key.hasPrefix("T2T_") || (key.hasPrefix("OPENBLAS_") && key != "OPENBLAS_NUM_THREADS") {
                passed[key] = value
            }
            run = sandbox.run(executable: executable,
                              arguments: ["--testing-library", "swift-testing"] + filterArguments
                                + ["--event-stream-output-path", Sandbox.eventsPath, "--event-stream-version", "0"],
                              events: events, environment: passed, timeLimit: timeLimit)
        } else if let executable = testExecutable {
            run = Shell.run(executable.path, ["--testing-library", "swift-testing"] + filterArguments
                                + ["--event-stream-output-path", events.path, "--event-stream-version", "0"],
                            in: tree, environment: env, timeLimit: timeLimit)
        } else {
            guard let swift = Shell.which("swift") else { throw CoursewareError("no `swift` on the PATH") }
            run = Shell.run(swift, ["test", "-c", configuration, "--skip-build"] + filterArguments
                                + ["--experimental-event-stream-output", events.path, "--experimental-event-stream-version", "0"],
                            in: tree, environment: env, timeLimit: timeLimit)
        }
        try? fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: events.path)
        let text = (try? String(contentsOf: events, encoding: .utf8)) ?? ""
        return (EventStream(text), run)
    }

    /// Runs one exercise's tests and classifies the outcome. Only tests of the catalogue count (`Exercise.catalogues`),
    /// each once; a run whose stream has no end (an `exit` in the exercise, a crash) earns nothing.
    public func run(_ exercise: Exercise) throws -> ExerciseResult {
        let (stream, run) = try runEvents(filter: ExerciseRunner.filter(for: exercise.id), timeLimit: timeLimit)
        var mine: [String: EventStream.TestRecord] = [:]
        for record in stream.tests where exercise.catalogues(record) && mine[record.baseName] == nil {
            mine[record.baseName] = record
        }
        let tests = exercise.tests.compactMap { mine[$0] }
        var result = ExerciseResult(exercise: exercise, status: .passed, passed: 0, total: exercise.tests.count, messages: [],
                                    log: run.output, seconds: run.seconds)
        if run.timedOut {
            result.status = .timedOut
            result.messages = ["killed after \(Int(timeLimit)) s (time limit): an infinite loop, or far too slow"]
            return result
        }
        let failures = tests.filter { !$0.passed }
        // A test that started and never ended, or a run with no end: the process left in the middle (an `exit`), whatever
        // it wrote on its way out.
        let unfinished = !stream.runEnded || stream.tests.contains { $0.started && !$0.ended }
        if run.crashed || unfinished || (run.status != 0 && run.status != 1) || (run.status == 0 && !failures.isEmpty) {
            result.status = .crashed
            if run.crashed {
                result.messages = [ExerciseRunner.crashSummary(run.output, tree: tree)]
            } else if unfinished {
                result.messages = ["the test process ended (exit status \(run.status)) before its test run did: an `exit`, or a "
                                   + "crash, in the exercise's code? " + ExerciseRunner.lastLines(run.output, 3)]
            } else {
                result.messages = ["the test process failed (exit status \(run.status)): " + ExerciseRunner.lastLines(run.output, 3)]
            }
            return result
        }
        if tests.isEmpty {
            result.status = .noTests
            result.messages = ["no test matched \(exercise.id.testPrefix)…"]
            return result
        }
        result.passed = tests.filter(\.passed).count
        result.messages = failures.map { "\($0.name): \($0.issues.first ?? ($0.skipped ? "skipped" : "did not finish"))" }
        if result.passed == result.total {
            result.status = .passed
        } else if result.passed == 0 && failures.allSatisfy({ $0.issues.allSatisfy(ExerciseRunner.isNotImplemented) && !$0.issues.isEmpty }) {
            result.status = .notImplemented
        } else {
            result.status = .failed
        }
        return result
    }

    /// The issues Swift Testing reports: `✘ Test f() recorded an issue at File.swift:13:9: message`.
    public static func issues(in log: String) -> [(file: String, line: Int, message: String)] {
        var issues: [(file: String, line: Int, message: String)] = []
        var continues = false
        for line in log.split(separator: "\n") {
            if let at = line.range(of: " recorded an issue at ") {
                let parts = line[at.upperBound...].split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
                continues = parts.count == 4 && Int(parts[1]) != nil
                if continues { issues.append((String(parts[0]), Int(parts[1])!, parts[3].trimmingCharacters(in: .whitespaces))) }
            } else if continues, line.hasPrefix("↳ ") {
                issues[issues.count - 1].message += " — " + line.dropFirst(2)   // the comment of #expect or Issue.record
            } else {
                continues = false
            }
        }
        return issues
    }

    /// Whether a failure message is a stub's "not implemented".
    public static func isNotImplemented(_ message: String) -> Bool {
        message.contains("not implemented: exercise")
    }

    /// What a crash log says in one line: the signal, and the first frame in the exercises' code with its file and line.
    /// (Release builds trap without a message: an index out of range, a nil force-unwrapped or an overflow all end in
    /// "Illegal instruction".)
    public static func crashSummary(_ output: String, tree: URL) -> String {
        let lines = output.split(separator: "\n")
        var summary = "the test process crashed"
        if let crash = lines.first(where: { $0.contains("Program crashed:") }) {
            let what = crash.components(separatedBy: "Program crashed:").last!.replacingOccurrences(of: "***", with: "")
                .trimmingCharacters(in: .whitespaces)
            summary += " (\(what.split(separator: " at ").first ?? Substring(what)))"
            if what.hasPrefix("Illegal instruction") { summary += ": a trap, such as an index out of range, a nil unwrapped or an overflow" }
        } else if let fatal = lines.first(where: { $0.contains("Fatal error") }) {
            summary += ": " + fatal.trimmingCharacters(in: .whitespaces)
        }
        let prefix = tree.path.hasSuffix("/") ? tree.path : tree.path + "/"
        if let frame = lines.first(where: { $0.contains("/\(ExerciseCatalog.exercisesFolder)/") && $0.contains(" at ") }) {
            let location = frame.components(separatedBy: " at ").last!.replacingOccurrences(of: prefix, with: "")
            var symbol = ""
            if let plus = frame.range(of: " + "), let start = frame[..<plus.lowerBound].range(of: "0x") {
                symbol = frame[start.lowerBound..<plus.lowerBound].split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
                for word in ["specialized ", "static "] where symbol.hasPrefix(word) { symbol = String(symbol.dropFirst(word.count)) }
            }
            summary += "; in \(symbol.isEmpty ? "" : symbol + " at ")\(location)"
        }
        return summary
    }

    static func lastLines(_ text: String, _ count: Int) -> String {
        text.split(separator: "\n").suffix(count).joined(separator: " / ")
    }
}
