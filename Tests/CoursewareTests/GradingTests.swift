import Courseware
import Foundation
import Testing

@Suite struct GradingTests {
    /// Swift Testing's `--xunit-output`, as it looks for a passing test, a thrown stub error and a failed expectation.
    let report = """
    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites>
      <testsuite name="TestResults" errors="0" tests="3" failures="2" skipped="0" time="0.5">
        <testcase classname="ExerciseTests.Chapter01Exercises" name="exercise1_1()" time="0.01" />
        <testcase classname="ExerciseTests.Chapter01Exercises" name="exercise1_2()" time="0.02">
          <failure message="Caught error: not implemented: exercise 1.2" />
        </testcase>
        <testcase classname="ExerciseTests.Chapter01Exercises" name="exercise1_3(seed:)" time="0.03">
          <failure message="Expectation failed: (e1[0] → 0.9) &lt; 0.8&#10;E1(1) = &quot;0.9&quot;" />
        </testcase>
      </testsuite>
    </testsuites>
    """

    @Test func readsSwiftTestingsJUnit() {
        let cases = JUnit.parse(report)
        #expect(cases.map(\.name) == ["exercise1_1()", "exercise1_2()", "exercise1_3(seed:)"])
        #expect(cases[0].failure == nil)
        #expect(cases[1].failure.map(ExerciseRunner.isNotImplemented) == true)
        #expect(cases[2].failure == "Expectation failed: (e1[0] → 0.9) < 0.8\nE1(1) = \"0.9\"")
        #expect(cases[2].seconds == 0.03)
        #expect(JUnit.unescape(JUnit.escape("a<b & \"c\"\n")) == "a<b & \"c\"\n")
    }

    @Test func aTimeLimitKillsAnEndlessProgram() {
        let result = Shell.run("/bin/sleep", ["30"], in: FileManager.default.temporaryDirectory, timeLimit: 0.5)
        #expect(result.timedOut)
        #expect(result.seconds < 10)
    }

    @Test func aCrashIsReportedAsOne() {
        let crash = Shell.run("/bin/sh", ["-c", "echo before; kill -SEGV $$"], in: FileManager.default.temporaryDirectory, timeLimit: 10)
        #expect(crash.crashed && !crash.timedOut)
        #expect(crash.output.contains("before"))
        let fine = Shell.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], in: FileManager.default.temporaryDirectory)
        #expect(fine.status == 3 && !fine.crashed && fine.output.contains("out") && fine.output.contains("err"))
    }

    func exercise(_ n: Int, points: Double = 1) -> Exercise {
        Exercise(id: ExerciseID(chapter: 1, number: n), title: "Title \(n)", points: points, chapter: "01-x",
                 file: "Exercises/01-x/E\(n).swift", tests: ["exercise1_\(n)"])
    }

    func sampleReport(_ student: String) -> GradeReport {
        GradeReport(student: student, results: [
            ExerciseResult(exercise: exercise(1), status: .passed, passed: 1, total: 1, messages: [], log: "", seconds: 0.1),
            ExerciseResult(exercise: exercise(2, points: 2), status: .failed, passed: 1, total: 2,
                           messages: ["exercise1_2_hidden(): Expectation failed"], log: "", seconds: 0.2),
            ExerciseResult(exercise: exercise(3), status: .timedOut, passed: 0, total: 1,
                           messages: ["killed after 60 s"], log: "", seconds: 60),
        ])
    }

    @Test func scoreTableTSVAndJUnit() throws {
        let report = sampleReport("alice")
        #expect(report.points == 2 && report.maxPoints == 4)
        #expect(report.table.contains("1.2"))
        #expect(report.table.contains("1/2"))
        #expect(report.table.contains("timed out"))
        #expect(report.table.split(separator: "\n").last!.contains("2/4"))
        let rows = report.tsv.split(separator: "\n")
        #expect(rows.count == 4)
        #expect(rows[2].split(separator: "\t", omittingEmptySubsequences: false)[7] == "1")
        let back = JUnit.parse(report.junit)
        #expect(back.count == 3)
        #expect(back.filter { $0.failure != nil }.count == 2)
        #expect(back[2].failure?.hasPrefix("timed out") == true)
    }

    @Test func studentsFeedbackDoesNotQuoteHiddenTests() {
        let log = """
        ✘ Test exercise1_2() recorded an issue at C.swift:13:9: Expectation failed: visible check
        ↳ the comment
        ✘ Test exercise1_2() recorded an issue at C.swift:20:9: Expectation failed: secretHiddenCheck(42)
        """
        let result = ExerciseResult(exercise: exercise(2), status: .failed, passed: 0, total: 1, messages: ["exercise1_2(): failed"],
                                    log: log, seconds: 0.1)
        let report = GradeReport(student: "dan", results: [result], hiddenLines: ["C.swift": [18...22]])
        let student = report.feedback(forStudent: true), instructor = report.feedback
        #expect(student.contains("C.swift:13: Expectation failed: visible check — the comment"))
        #expect(!student.contains("secretHiddenCheck"))
        #expect(student.contains("1 issue(s) in hidden tests"))
        #expect(instructor.contains("secretHiddenCheck(42)   [hidden test]"))
    }

    @Test func classSummaryKeepsOneRowPerStudent() throws {
        let url = try makeTree([:]).appendingPathComponent("summary.tsv")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try sampleReport("bob").updateSummary(at: url)
        try sampleReport("alice").updateSummary(at: url)
        try sampleReport("bob").updateSummary(at: url)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("alice\t2\t4"))
        #expect(lines[2].hasPrefix("bob\t"))
    }

    @Test func aCrashLogBecomesOneLineWithTheStudentsFrame() {
        let log = """
        ◇ Test exercise3_2() started.
        *** Program crashed: Illegal instruction at 0x00005621a7126f3f ***
          0      0x00007f4e2a892301 sigsuspend + 65 in libc.so.6
          1                         0x00005621a7126f3f static Ch03.adjointScan(lambda:upstream:) + 111 in T.xctest at /w/grade/Exercises/03-ssm/AdjointScan.swift:24:33
          2 [ra]                    0x00005621a71216ab specialized Chapter03Exercises.exercise3_2() + 250 in T.xctest at /w/grade/Tests/ExerciseTests/03-ssm/C.swift:76:29
        """
        let summary = ExerciseRunner.crashSummary(log, tree: URL(fileURLWithPath: "/w/grade"))
        #expect(summary.contains("Illegal instruction"))
        #expect(summary.contains("index out of range"))
        #expect(summary.hasSuffix("in Ch03.adjointScan(lambda:upstream:) at Exercises/03-ssm/AdjointScan.swift:24:33"))
    }

    @Test func anErrorInATestFileIsChargedToTheExerciseWhoseTestHoldsIt() {
        let tests = """
        @Suite struct Chapter02Exercises {
            @Test func exercise2_1() throws {
                let x = try Ch02.mase(actual: [1], predicted: [1], training: [1, 2], horizon: 1)
            }

            func helper() -> Double {
                1
            }

            @Test func exercise2_2_hidden() throws {
                _ = helper()
            }
        }
        """
        #expect(Grader.exercise(enclosing: 3, in: tests) == ExerciseID(chapter: 2, number: 1))
        #expect(Grader.exercise(enclosing: 8, in: tests) == nil, "a shared helper belongs to no exercise")
        #expect(Grader.exercise(enclosing: 12, in: tests) == ExerciseID(chapter: 2, number: 2))
        #expect(Grader.exercise(enclosing: 1, in: tests) == nil)
    }

    @Test func buildErrorsNameTheirFiles() {
        let tree = URL(fileURLWithPath: "/work/grade")
        let log = """
        /work/grade/Exercises/01-x/A.swift:3:9: error: cannot find 'y' in scope
        /work/grade/Exercises/01-x/A.swift:4:1: error: expected '}'
        /work/grade/Tests/ExerciseTests/01-x/T.swift:9:5: warning: unused
        /work/grade/Tests/ExerciseTests/01-x/T.swift:10:5: error: extra argument
        error: fatalError
        """
        #expect(Grader.filesWithErrors(log, in: tree) == ["Exercises/01-x/A.swift", "Tests/ExerciseTests/01-x/T.swift"])
    }
}

/// Results come from Swift Testing's event stream; only the catalogue's tests, where the instructor declared them, count.
@Suite struct EventStreamTests {
    static func record(_ kind: String, _ payload: String) -> String { #"{"kind":"\#(kind)","payload":{\#(payload)},"version":0}"# }
    static func test(_ id: String, _ name: String, file: String, line: Int) -> String {
        record("test", #""id":"\#(id)","kind":"function","name":"\#(name)","sourceLocation":{"fileID":"ExerciseTests/\#(file)","line":\#(line),"column":6}"#)
    }
    static func event(_ kind: String, _ id: String? = nil, _ extra: String = "") -> String {
        record("event", #""kind":"\#(kind)""# + (id.map { #","testID":"\#($0)""# } ?? "") + extra)
    }

    let official = "ExerciseTests.Chapter01Exercises/exercise1_1()/T.swift:4:6"
    let studentOwn = "Exercises.exercise1_1_x()/Helper.swift:2:2"
    let elsewhere = "ExerciseTests.Chapter01Exercises/exercise1_1_hidden()/T.swift:40:6"

    var exercise: Exercise {
        Exercise(id: ExerciseID(chapter: 1, number: 1), title: "t", points: 1, chapter: "01-x", file: "Exercises/01-x/A.swift",
                 tests: ["exercise1_1", "exercise1_1_hidden", "exercise1_1_x"],
                 testLocations: [.init(name: "exercise1_1", file: "T.swift", line: 4), .init(name: "exercise1_1_hidden", file: "T.swift", line: 9),
                                 .init(name: "exercise1_1_x", file: "T.swift", line: 12)])
    }

    @Test func issuesEndsAndTheRunsEndAreRead() {
        let E = EventStreamTests.self
        let stream = EventStream([E.test(official, "exercise1_1()", file: "T.swift", line: 4), "not json",
                                  E.event("testStarted", official),
                                  E.event("issueRecorded", official, #","issue":{"isKnown":false},"messages":[{"symbol":"fail","text":"Expectation failed"}]"#),
                                  E.event("testEnded", official)].joined(separator: "\n"))
        #expect(stream.tests.count == 1 && stream.tests[0].issues == ["Expectation failed"] && !stream.tests[0].passed)
        #expect(stream.tests[0].module == "ExerciseTests" && stream.tests[0].baseName == "exercise1_1" && stream.tests[0].line == 4)
        #expect(!stream.runEnded)
        #expect(EventStream(E.event("runEnded")).runEnded)
    }

    @Test func onlyTheInstructorsTestsAtTheirPlaceCount() {
        let E = EventStreamTests.self
        let stream = EventStream([E.test(official, "exercise1_1()", file: "T.swift", line: 4),
                                  E.test(studentOwn, "exercise1_1_x()", file: "Helper.swift", line: 2),
                                  E.test(elsewhere, "exercise1_1_hidden()", file: "T.swift", line: 40)].joined(separator: "\n"))
        #expect(stream.tests.map(exercise.catalogues) == [true, false, false])
    }
}
