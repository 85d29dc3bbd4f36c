import Courseware
import Foundation
import Testing

/// Grading as hostile students would try it (issue 21): a small course with two exercises, and one student per attack
/// graded in one batch between two honest ones. Each attacker gets no credit it did not earn, leaves no process
/// behind and changes nothing outside its own report; the honest students keep their exact scores.
///
/// The course is built with `swift build` (about half a minute the first time, seconds per student after), and the
/// batch runs through the real `t2t-tool grade`.
@Suite(.serialized) struct HostileGradingTests {
    static let solutionSecret = "SOLUTION-SECRET-6f1c"
    static let hiddenSecret = "HIDDEN-SECRET-93ab"
    /// Marks every process an attacker starts, so the test can look for survivors.
    static let survivorMark = "3000.4242"

    /// The instructor's course: a package of its own, exercises 1.1 (square) and 1.2 (cube), visible and hidden tests.
    static func course() throws -> URL {
        try makeTree([
            "Package.swift": """
            // swift-tools-version:6.0
            import PackageDescription
            let package = Package(name: "Hostile", targets: [
                .target(name: "Exercises", path: "Exercises"),
                .testTarget(name: "ExerciseTests", dependencies: ["Exercises"]),
            ])

            """,
            "Exercises/Support/ExerciseError.swift": """
            public enum ExerciseError: Error, CustomStringConvertible {
                case notImplemented(String)
                public var description: String { switch self { case .notImplemented(let e): return "not implemented: \\(e)" } }
            }

            """,
            "Exercises/01-x/Square.swift": source("""
            %%: ## Exercise 1.1 · Square
            public func square(_ x: Double) throws -> Double {
                %% BEGIN SOLUTION
                let answer = x * x   // \(solutionSecret)
                return answer
                %% END SOLUTION
            }

            """),
            "Exercises/01-x/Cube.swift": source("""
            %%: ## Exercise 1.2 · Cube
            public func cube(_ x: Double) throws -> Double {
                %% BEGIN SOLUTION
                return x * x * x   // \(solutionSecret)
                %% END SOLUTION
            }

            """),
            "Tests/ExerciseTests/01-x/Chapter01Exercises.swift": source("""
            import Exercises
            import Testing

            @Suite struct Chapter01Exercises {
                @Test func exercise1_1() throws { #expect(try square(2) == 4) }

                @Test func exercise1_2() throws { #expect(try cube(2) == 8) }
                %% BEGIN HIDDEN TESTS
                %% \(hiddenSecret)
                @Test func exercise1_1_hidden() throws { #expect(try square(-3) == 9) }

                @Test func exercise1_2_hidden() throws { #expect(try cube(-3) == -27) }
                %% END HIDDEN TESTS
            }

            """),
        ])
    }

    /// A student's copy: the release's files with `files` (relative to `Exercises/01-x/`) replaced.
    static func student(_ name: String, in batch: URL, _ files: [String: String]) throws -> URL {
        let root = batch.appendingPathComponent(name)
        for (path, text) in files {
            let url = root.appendingPathComponent("Exercises/01-x/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let correctSquare = "public func square(_ x: Double) throws -> Double { x * x }\n"
    static let stubSquare = "public func square(_ x: Double) throws -> Double { throw ExerciseError.notImplemented(\"exercise 1.1\") }\n"
    static let stubCube = "public func cube(_ x: Double) throws -> Double { throw ExerciseError.notImplemented(\"exercise 1.2\") }\n"

    /// Square's body for an attacker: runs `attack` (Swift statements), then answers correctly only if told to.
    static func square(attack: String, answer: Bool = false) -> String {
        """
        import Foundation
        #if canImport(Glibc)
        import Glibc
        #endif

        public func square(_ x: Double) throws -> Double {
            \(attack)
            \(answer ? "return x * x" : "throw ExerciseError.notImplemented(\"exercise 1.1\")")
        }

        """
    }

    /// Every process on the machine whose command line carries the attackers' mark.
    static func survivors() -> [String] {
        let fm = FileManager.default
        return ((try? fm.contentsOfDirectory(atPath: "/proc")) ?? []).filter { Int($0) != nil }.compactMap { pid in
            guard let data = fm.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " ")
            return line.contains(survivorMark) ? "\(pid): \(line)" : nil
        }
    }

    /// The tool the Makefile uses, from T2T_BIN_DIR (as `make test` sets it) or this checkout's release build.
    static var tool: URL {
        if let dir = ProcessInfo.processInfo.environment["T2T_BIN_DIR"] {
            return URL(fileURLWithPath: dir).appendingPathComponent("t2t-tool")
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/release/t2t-tool")
    }

    static var canSandbox: Bool {
        if case .success = Sandbox.locate() { return true }
        return false
    }

    /// The points column of each student's row in summary.tsv.
    static func summary(_ url: URL) -> [String: String] {
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var rows: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if cells.count >= 2 { rows[cells[0]] = cells[1] }
        }
        return rows
    }

    /// Hashes of every file of the instructor's course outside build/ (what no student may change).
    static func snapshot(_ root: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileTree.walk(root: root) { files[path] = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) }
        return files
    }

    @Test(.enabled(if: canSandbox, "needs bubblewrap (bwrap) that works here"), .timeLimit(.minutes(20)))
    func aHostileBatchEarnsNothingItDidNotEarn() async throws {
        let root = try HostileGradingTests.course()
        let batch = root.deletingLastPathComponent().appendingPathComponent("t2t-students-\(UUID().uuidString)")
        let reports = root.appendingPathComponent("build/grade")
        let summaryPath = reports.appendingPathComponent("summary.tsv").path
        let workspace = root.appendingPathComponent("build/grading-workspace")
        let mark = HostileGradingTests.survivorMark
        typealias H = HostileGradingTests

        // alice: 1.1 right, 1.2 right only on the visible test → 1 + 1/2.
        let alice = try H.student("alice", in: batch, ["Square.swift": H.correctSquare,
            "Cube.swift": "public func cube(_ x: Double) throws -> Double { x == 2 ? 8 : 0 }\n"])
        // reader: puts the hidden tests and the solution into its error, hoping feedback.txt quotes them.
        let reader = try H.student("reader", in: batch, ["Square.swift": H.square(attack: """
            var found = ""
            for path in ["Tests/ExerciseTests/01-x/Chapter01Exercises.swift", "../../Exercises/01-x/Square.swift",
                         "\(root.path)/Tests/ExerciseTests/01-x/Chapter01Exercises.swift", "\(root.path)/Exercises/01-x/Square.swift",
                         "\(workspace.path)/Tests/ExerciseTests/01-x/Chapter01Exercises.swift"] {
                found += (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            }
            struct Leak: Error, CustomStringConvertible { let description: String }
            throw Leak(description: "leak: " + found)
            """)])
        // faker: writes passing results wherever its arguments say results go, then exits 0 mid-test.
        let faker = try H.student("faker", in: batch, ["Square.swift": H.square(attack: """
            let args = CommandLine.arguments
            let fake = #"<testsuites><testsuite><testcase classname="ExerciseTests.Chapter01Exercises" name="exercise1_1()"/><testcase classname="ExerciseTests.Chapter01Exercises" name="exercise1_1_hidden()"/></testsuite></testsuites>"#
            let events = #"{"kind":"event","payload":{"kind":"runEnded","messages":[]},"version":0}"# + "\\n"
            for (i, a) in args.enumerated() where i + 1 < args.count {
                if a == "--xunit-output" { try? fake.write(toFile: args[i + 1], atomically: false, encoding: .utf8) }
                if a.contains("event-stream-output") {
                    if let h = FileHandle(forWritingAtPath: args[i + 1]) { h.seekToEndOfFile(); h.write(events.data(using: .utf8)!) }
                }
            }
            exit(0)
            """)])
        // escaper: a detached session that outlives grading to rewrite the summary and plant a test, and a
        // grandchild that ignores SIGTERM; both sleep under the mark.
        let escaper = try H.student("escaper", in: batch, ["Square.swift": H.square(attack: """
            _ = system("setsid sh -c 'sleep 3; printf \\"mallory\\\\t75\\\\t75\\\\n\\" >> \(summaryPath); echo \\"@Test func exercise1_2_planted() {}\\" > \(workspace.path)/Tests/ExerciseTests/01-x/Planted.swift; touch \(root.path)/planted; exec sleep \(mark)' </dev/null >/dev/null 2>&1 &")
            _ = system("sh -c 'trap \\"\\" TERM; while true; do sleep \(mark); done' </dev/null >/dev/null 2>&1 &")
            """, answer: true), "Cube.swift": "import Foundation\npublic func cube(_ x: Double) throws -> Double { while true { sleep(1) } }\n"])
        // linker: its exercise files are links to the instructor's solutions.
        let linker = batch.appendingPathComponent("linker/Exercises/01-x")
        try FileManager.default.createDirectory(at: linker, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linker.appendingPathComponent("Square.swift").path,
                                                   withDestinationPath: root.appendingPathComponent("Exercises/01-x/Square.swift").path)
        try FileManager.default.createSymbolicLink(atPath: linker.appendingPathComponent("Cube.swift").path,
                                                   withDestinationPath: root.appendingPathComponent("Exercises/01-x/Cube.swift").path)
        // extra: stubs, and a helper declaring passing tests with the exercises' names.
        let extra = try H.student("extra", in: batch, ["Square.swift": H.stubSquare, "Cube.swift": H.stubCube, "Helper.swift": """
            import Testing
            @Test func exercise1_1_x() {}
            @Test func exercise1_1_y() {}
            @Test func exercise1_2_x() {}
            @Suite struct Chapter01Exercises {
                @Test func exercise1_1() {}
                @Test func exercise1_1_hidden() {}
            }

            """])
        // memory bomb: 3 GB touched in 256 MB blocks before answering (the test's limit is 1 GB).
        let memoryBomb = try H.student("membomb", in: batch, ["Square.swift": H.square(attack: """
            var blocks: [UnsafeMutableRawPointer] = []
            for _ in 0..<12 {
                guard let p = malloc(256 << 20) else { fatalError("out of memory") }
                memset(p, 1, 256 << 20)
                blocks.append(p)
            }
            """, answer: true)])
        // fork bomb (bounded, so a failing test does not take the machine down): 2 000 sleeping processes, then the answer.
        let forkBomb = try H.student("forkbomb", in: batch, ["Square.swift": H.square(attack: """
            var started = 0
            for _ in 0..<2000 {
                var pid: pid_t = 0
                let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("\(mark)"), nil]
                if posix_spawn(&pid, "/bin/sleep", nil, nil, argv, nil) == 0 { started += 1 } else { break }
            }
            struct Refused: Error {}
            if started < 2000 { throw Refused() }
            """, answer: true)])
        // bob: 1.1 right, 1.2 not done → 1.
        let bob = try H.student("bob", in: batch, ["Square.swift": H.correctSquare, "Cube.swift": H.stubCube])
        // dangling: a submission that is a link to nothing; the batch must go on past it.
        let dangling = batch.appendingPathComponent("dangling")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: batch.appendingPathComponent("nowhere").path)

        let before = H.snapshot(root)
        let students = [alice, reader, faker, escaper, linker.deletingLastPathComponent().deletingLastPathComponent(), extra,
                        dangling, memoryBomb, forkBomb, bob]
        let run = try await offThePool {
            Shell.run(H.tool.path, ["grade", "--root", root.path, "--time-limit", "20", "--memory-limit", "1"] + students.map(\.path),
                      in: root, timeLimit: 1_200)
        }
        try await Task.sleep(nanoseconds: 5_000_000_000)   // the escaper's session would strike 3 s after it started

        #expect(run.status == 1, "a submission could not be graded: the tool says so by its status")
        #expect(run.output.contains("error: cannot grade") && run.output.contains("dangling"), "\(run.output.suffix(2000))")
        let points = H.summary(reports.appendingPathComponent("summary.tsv"))
        #expect(points == ["alice": "1.50", "reader": "0", "faker": "0", "escaper": "1", "linker": "0", "extra": "0",
                           "membomb": "0", "forkbomb": "0", "bob": "1"], "\(points)\n\(run.output.suffix(3000))")
        #expect(H.survivors().isEmpty, "processes outlived grading: \(H.survivors())")
        #expect(H.snapshot(root) == before, "the instructor's files changed")
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("Tests/ExerciseTests/01-x/Planted.swift").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("planted").path))
        for name in points.keys {
            for file in ["feedback.txt", "report.txt", "grades.tsv", "grades.xml"] {
                let text = (try? String(contentsOf: reports.appendingPathComponent("\(name)/\(file)"), encoding: .utf8)) ?? ""
                #expect(!text.contains(H.solutionSecret) && !text.contains(H.hiddenSecret), "\(name)/\(file) quotes the instructor's files")
            }
        }
        let linkerReport = (try? String(contentsOf: reports.appendingPathComponent("linker/report.txt"), encoding: .utf8)) ?? ""
        #expect(linkerReport.contains("symbolic link") && linkerReport.contains("refused"), "\(linkerReport)")
        let fakerReport = (try? String(contentsOf: reports.appendingPathComponent("faker/report.txt"), encoding: .utf8)) ?? ""
        #expect(fakerReport.contains("before its test run did"), "\(fakerReport)")
        if H.survivors().isEmpty == false {
            for line in H.survivors() { _ = kill(pid_t(line.prefix { $0 != ":" })!, SIGKILL) }   // leave the machine as it was
        }
    }
}

/// The sandbox runs this course's own test executable (OpenBLAS and LAPACKE through /etc/alternatives, the
/// toolchain's runtime) within its default limits: the instructor's solutions pass there.
@Suite struct SandboxTests {
    @Test(.enabled(if: HostileGradingTests.canSandbox, "needs bubblewrap (bwrap) that works here"))
    func theCoursesOwnTestsRunInTheSandbox() throws {
        let dir = HostileGradingTests.tool.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        guard let name = names.first(where: { $0.hasSuffix("PackageTests.xctest") }) else {
            Issue.record("no test executable in \(dir.path)"); return
        }
        guard case .success(let sandbox) = Sandbox.locate() else { Issue.record("no sandbox"); return }
        let events = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-sandbox-\(UUID().uuidString).jsonl")
        FileManager.default.createFile(atPath: events.path, contents: nil, attributes: [.posixPermissions: 0o666])
        defer { try? FileManager.default.removeItem(at: events) }
        let run = sandbox.run(executable: dir.appendingPathComponent(name),
                              // A suite that passes in the instructor's tree and in the student release alike (an
                              // exercise test fails in the release, where the exercises are stubs).
                              arguments: ["--testing-library", "swift-testing", "--filter", "PrecachingTaskTests",
                                          "--event-stream-output-path", Sandbox.eventsPath, "--event-stream-version", "0"],
                              events: events, environment: ["OPENBLAS_NUM_THREADS": "1"], timeLimit: 120)
        let stream = EventStream(try String(contentsOf: events, encoding: .utf8))
        #expect(run.status == 0 && stream.runEnded, "\(run.output.suffix(1500))")
        #expect(!stream.tests.isEmpty && stream.tests.allSatisfy(\.passed), "\(stream.tests)")
    }

    @Test(.enabled(if: HostileGradingTests.canSandbox, "needs bubblewrap (bwrap) that works here"))
    func theSandboxHoldsNoneOfTheWorkspaceAndNoNetwork() throws {
        guard case .success(let sandbox) = Sandbox.locate() else { Issue.record("no sandbox"); return }
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-probe-\(UUID().uuidString).sh")
        try """
        #!/bin/sh
        ls \(here.path) 2>/dev/null && echo VISIBLE
        ls /work /home /root 2>/dev/null | head -3
        cat /sys/class/net/*/operstate 2>/dev/null; ls /sys 2>/dev/null | head -1
        id -u
        echo done

        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        defer { try? FileManager.default.removeItem(at: script) }
        let events = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-probe-\(UUID().uuidString).jsonl")
        FileManager.default.createFile(atPath: events.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: events) }
        let run = sandbox.run(executable: script, arguments: [], events: events, environment: [:], timeLimit: 30)
        #expect(run.output.contains("done"), "\(run.output)")
        #expect(!run.output.contains("VISIBLE") && !run.output.contains("Tests"), "\(run.output)")
        if geteuid() == 0 { #expect(run.output.contains("\(Sandbox.unprivilegedID)"), "root drops to nobody") }
    }
}

/// `make clean` on a workspace holding the user's files where generated ones also live (issue 21, item 7).
@Suite struct CleanTests {
    @Test func cleanDeletesOnlyWhatTheToolsWroteAndNeverFollowsALink() throws {
        let makefile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Makefile")
        let root = try makeTree([
            "Package.swift": "// swift-tools-version:6.0\n",
            "Chapters/01-x/main.swift": "print(1)\n",
            "figures/01-x/data/made.tsv": "# t2t ch01 01-x seed=1 scale=quick avx2\na\n1\n",
            "figures/01-x/data/output.txt": "# t2t ch01 01-x seed=1 scale=quick avx2 standard output\n",
            "figures/01-x/data/mine.tsv": "# t2tX my own notes\n",
            "figures/01-x/wave.gp": "# a figure\n",
            "figures/01-x/wave.png": "png",
        ])
        try FileManager.default.copyItem(at: makefile, to: root.appendingPathComponent("Makefile"))
        // A data folder that links to a folder outside the workspace, holding a file with a generated-looking marker.
        let outside = try makeTree(["keep.tsv": "# t2t ch03 03-y seed=1 scale=quick avx2\n"])
        try FileManager.default.createDirectory(at: root.appendingPathComponent("figures/03-y"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("figures/03-y/data"), withDestinationURL: outside)
        // A student release the tools wrote, with one of its files edited and one file added by the user.
        let release = try GeneratedFolder(root.appendingPathComponent("build/student"), purpose: "student release", workspace: root)
        try release.sync(["Exercises/A.swift": FileContent(text: "stub"), "README.md": FileContent(text: "readme")])
        try "my answer".write(to: release.url.appendingPathComponent("Exercises/A.swift"), atomically: true, encoding: .utf8)
        try "notes".write(to: release.url.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)

        let tool = HostileGradingTests.tool.path
        let run = Shell.run("/usr/bin/env", ["make", "--no-print-directory", "clean", "TOOL=\(tool)"], in: root, timeLimit: 120)
        #expect(run.status == 0, "\(run.output)")
        let fm = FileManager.default
        func exists(_ path: String) -> Bool { fm.fileExists(atPath: root.appendingPathComponent(path).path) }
        #expect(!exists("figures/01-x/data/made.tsv") && !exists("figures/01-x/data/output.txt") && !exists("figures/01-x/wave.png"))
        #expect(exists("figures/01-x/data/mine.tsv"), "a file with only `# t2t` as its first five bytes is the user's")
        #expect(fm.fileExists(atPath: outside.appendingPathComponent("keep.tsv").path), "clean followed a link out of the workspace")
        #expect(exists("build/student/Exercises/A.swift") && exists("build/student/notes.txt"), "the user's files in build/student went")
        #expect(!exists("build/student/README.md"), "the files the tools wrote, unchanged, go")
        #expect(exists("Chapters/01-x/main.swift") && exists("figures/01-x/wave.gp"))
    }
}
