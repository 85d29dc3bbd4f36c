import Foundation

/// Swift Testing's event stream (`--event-stream-output-path`, schema version 0): one JSON record per line, first the
/// tests that will run, then events (a test started, recorded an issue, ended; the run ended).
///
/// Grading reads results from here rather than from the JUnit file: the stream names each test by module, suite,
/// function *and source location*, so a test the student declared (in the `Exercises` module, or at a line where the
/// instructor's file has none) is told from the instructor's; and it has an explicit end of the run, so a process
/// that calls `exit(0)` in the middle of a test has not passed it.
public struct EventStream: Sendable {
    /// One test function, as the stream describes it and as it went.
    public struct TestRecord: Sendable, Equatable {
        /// `ExerciseTests.Chapter01Exercises/exercise1_1()/Tests.swift:4:6`
        public let id: String
        /// The function with its labels: `exercise1_2(x:)`.
        public let name: String
        /// The function's name alone: `exercise1_2`.
        public var baseName: String { String(name.prefix { $0 != "(" }) }
        /// The module the test was compiled in (the part of the id before the first dot).
        public let module: String
        /// The file name (`Tests.swift`) and line of its `@Test` attribute.
        public let file: String
        public let line: Int
        public var started = false
        public var ended = false
        public var skipped = false
        /// What each failing issue said.
        public var issues: [String] = []

        public var passed: Bool { started && ended && !skipped && issues.isEmpty }
    }

    /// The test functions, in the order the stream announced them.
    public private(set) var tests: [TestRecord] = []
    /// Whether the runner reported the end of the run (its last record).
    public private(set) var runEnded = false

    public init(_ text: String) {
        var index: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let kind = object["kind"] as? String, let payload = object["payload"] as? [String: Any] else { continue }
            if kind == "test" {
                guard payload["kind"] as? String == "function", let id = payload["id"] as? String, index[id] == nil,
                      let name = payload["name"] as? String else { continue }
                let location = payload["sourceLocation"] as? [String: Any]
                let fileID = location?["fileID"] as? String ?? ""
                index[id] = tests.count
                tests.append(TestRecord(id: id, name: name, module: String(id.prefix { $0 != "." }),
                                        file: String(fileID.split(separator: "/").last ?? ""),
                                        line: location?["line"] as? Int ?? 0))
                continue
            }
            guard kind == "event", let event = payload["kind"] as? String else { continue }
            if event == "runEnded" { runEnded = true; continue }
            guard let id = payload["testID"] as? String, let i = index[id] else { continue }
            switch event {
            case "testStarted": tests[i].started = true
            case "testEnded": tests[i].ended = true
            case "testSkipped": tests[i].skipped = true
            case "issueRecorded":
                let issue = payload["issue"] as? [String: Any]
                if issue?["isKnown"] as? Bool == true || issue?["severity"] as? String == "warning" { continue }
                let messages = (payload["messages"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
                tests[i].issues.append(messages.isEmpty ? "failed" : messages.joined(separator: "\n"))
            default: break
            }
        }
    }
}
