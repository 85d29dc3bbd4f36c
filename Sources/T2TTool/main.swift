import ArgumentParser
import Courseware
import Foundation
import Notebook

/// The workspace's course tools: the student release, validation, grading and the woven book.
/// The Makefile calls them (`make assignments`, `make validate`, `make grade`, `make book`).
struct T2TTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "t2t-tool",
        abstract: "Course tools for Takens to Transformers: student release, validation, grading, the book.",
        subcommands: [Assign.self, Validate.self, Grade.self, Weave.self, List.self, Clean.self])
}

/// Options every subcommand shares.
struct Common: ParsableArguments {
    @Option(help: "The instructor's workspace (default: the one containing the current folder).")
    var root: String?

    func workspace() throws -> URL {
        if let root {
            let url = URL(fileURLWithPath: root).standardizedFileURL
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) else {
                throw ValidationError("--root \(root) has no Package.swift")
            }
            return url
        }
        guard let url = Workspace.root(near: FileManager.default.currentDirectoryPath + "/.") else {
            throw ValidationError("not inside the workspace (no Package.swift and Chapters/ above \(FileManager.default.currentDirectoryPath)); pass --root")
        }
        return url.standardizedFileURL
    }

    func path(_ path: String, in root: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }
}

/// Runs a tool body, turning its errors into one line on standard error and exit status 1.
func runReporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CoursewareError {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode.failure
    } catch let error as MarkerError {
        FileHandle.standardError.write(Data("\(error.description)\n".utf8))
        throw ExitCode.failure
    }
}

func timeLimitValid(_ seconds: Double) throws {
    guard seconds > 0, seconds.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds (got \(seconds)).") }
}

struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the student release: solutions replaced by throwing stubs, hidden tests removed.")

    @OptionGroup var common: Common
    @Option(help: "Where to write it (outside the workspace, or under its build/ folder).")
    var out = "build/student"

    func run() throws {
        try runReporting {
            let root = try common.workspace()
            let release = try StudentRelease(root: root)
            let folder = try GeneratedFolder(common.path(out, in: root), purpose: "student release", workspace: root)
            let written = try release.write(to: folder)
            print("student release → \(folder.url.path)")
            print("  \(release.files.count) files (\(written) changed); \(release.solutionCount) solutions stubbed, "
                  + "\(release.hiddenRegionCount) hidden-test regions removed")
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the course: instructor passes every exercise; the release builds and fails exactly the exercise tests.")

    @OptionGroup var common: Common
    @Option(help: "Where to write the student release.")
    var out = "build/student"
    @Option(name: .customLong("time-limit"), help: "Seconds each exercise's tests may run.")
    var timeLimit: Double = 60

    func validate() throws { try timeLimitValid(timeLimit) }

    func run() throws {
        try runReporting {
            let root = try common.workspace()
            let problems = try Validator(root: root, releaseFolder: common.path(out, in: root), timeLimit: timeLimit).run()
            if problems.isEmpty {
                print("validate: OK")
            } else {
                print("validate: \(problems.count) problem(s)")
                for p in problems { print("  ✘ " + p) }
                throw ExitCode.failure
            }
        }
    }
}

struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade students' trees: run the instructor's exercise tests (hidden ones too) on each student's exercises.")

    @OptionGroup var common: Common
    @Argument(help: "Students' copies of the workspace (each with its Exercises/ folder). The workspace itself grades in place.")
    var students: [String]
    @Option(name: .customLong("time-limit"), help: "Seconds each exercise's tests may run before they are killed.")
    var timeLimit: Double = 60
    @Option(help: "Where reports go: one folder per student, and summary.tsv.")
    var reports = "build/grade"
    @Option(help: "The grading workspace (rebuilt incrementally for each student).")
    var work = "build/grading-workspace"
    @Flag(help: "Run students' code without the bubblewrap sandbox, with your permissions and your files in reach (only for code you trust).")
    var unsandboxed = false
    @Option(name: .customLong("memory-limit"), help: "Gigabytes of address space each exercise's test process may reserve (RLIMIT_AS).")
    var memoryLimit: Double = Double(Sandbox.defaultMemoryLimit >> 30)

    func validate() throws {
        try timeLimitValid(timeLimit)
        guard memoryLimit >= 0.25, memoryLimit <= 1024 else {
            throw ValidationError("--memory-limit must be between 0.25 and 1024 gigabytes (got \(memoryLimit)).")
        }
        guard !students.isEmpty else { throw ValidationError("name at least one student's tree (make grade STUDENT=path)") }
    }

    func run() throws {
        try runReporting {
            let root = try common.workspace()
            let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/")
            let urls = students.map { URL(fileURLWithPath: $0, relativeTo: here).standardizedFileURL }
            let isWorkspace = { (url: URL) in url.resolvingSymlinksInPath().path == root.resolvingSymlinksInPath().path }
            // Students' code runs in the sandbox, or not at all unless asked: without it, it could read the hidden tests
            // and solutions and rewrite other students' grades. Your own workspace (STUDENT=.) is your code.
            var sandbox: Sandbox?
            if !unsandboxed && urls.contains(where: { !isWorkspace($0) }) {
                switch Sandbox.locate(memoryLimit: UInt64(memoryLimit * Double(1 << 30))) {
                case .success(let found): sandbox = found
                case .failure(let error): throw error
                }
            } else if unsandboxed {
                print("warning: --unsandboxed: students' code runs as you, with your files in reach")
            }
            let grader = try Grader(root: root, timeLimit: timeLimit, sandbox: sandbox)
            let reportRoot = common.path(reports, in: root)
            var failed: [String] = []
            for (student, url) in zip(students, urls) {
                // One submission that cannot be graded (a dangling link, an unreadable folder) must not stop the batch.
                do {
                    try grade(student, url, root: root, grader: grader, reportRoot: reportRoot, inPlace: isWorkspace(url))
                } catch let error as CoursewareError {
                    print("error: cannot grade \(student): \(error.description)")
                    failed.append(student)
                } catch {
                    print("error: cannot grade \(student): \(error.localizedDescription)")
                    failed.append(student)
                }
            }
            if !failed.isEmpty {
                throw CoursewareError("graded \(students.count - failed.count) of \(students.count); not graded: \(failed.joined(separator: ", "))")
            }
        }
    }

    func grade(_ student: String, _ url: URL, root: URL, grader: Grader, reportRoot: URL, inPlace: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CoursewareError("no such folder: \(student)")
        }
        print("── grading \(url.path)")
        let report: GradeReport
        if inPlace {
            print("building in place (this is the workspace itself)")
            let build = try Grader.build(root)
            guard build.status == 0 else {
                throw CoursewareError("the workspace does not build:\n"
                                      + build.output.split(separator: "\n").filter { $0.contains("error:") }.prefix(10).joined(separator: "\n"))
            }
            report = GradeReport(student: url.resolvingSymlinksInPath().lastPathComponent,
                                 results: try grader.runAll(in: root, sandboxed: false), hiddenLines: try grader.hiddenTestLines())
        } else {
            let workFolder = try GeneratedFolder(common.path(work, in: root), purpose: "grading workspace", workspace: root)
            report = try grader.grade(student: url, work: workFolder)
        }
        let folder = try GeneratedFolder(reportRoot.appendingPathComponent(report.student), purpose: "grade report", workspace: root)
        try report.write(to: folder)
        try report.updateSummary(at: reportRoot.appendingPathComponent("summary.tsv"))
        print("")
        print(report.table)
        if !report.feedback.isEmpty { print(""); print(report.feedback) }
        print("")
        print("reports: \(folder.url.path)/ (report.txt for you, feedback.txt for the student, grades.tsv, grades.xml, logs/); "
              + "class summary: \(reportRoot.path)/summary.tsv")
    }
}

struct Weave: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Weave every chapter into a page (Markdown and HTML with its SVG figures) and an index.")

    @OptionGroup var common: Common
    @Option(help: "Where to write the book (outside the workspace, or under its build/ folder).")
    var out = "build/book"

    func run() throws {
        try runReporting {
            let root = try common.workspace()
            let pages = try Weaver(root: root).weaveAll()
            guard !pages.isEmpty else { throw CoursewareError("no chapters in \(root.path)/Chapters") }
            let folder = try GeneratedFolder(common.path(out, in: root), purpose: "book", workspace: root)
            try folder.sync(try BookWriter(pages: pages).files())
            for page in pages {
                let outputs = page.nodes.filter { if case .output = $0 { return true } else { return false } }.count
                let figures = page.nodes.filter { if case .figure = $0 { return true } else { return false } }.count
                print("  \(page.slug): \(outputs) output blocks, \(figures) figures")
                for warning in page.warnings { print("    warning: \(warning)") }
            }
            print("book → \(folder.url.path)/index.html (and index.md)")
        }
    }
}

struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the exercises and their tests.")

    @OptionGroup var common: Common

    func run() throws {
        try runReporting {
            let catalog = try ExerciseCatalog(root: try common.workspace())
            for e in catalog.exercises {
                print("\(e.id)\t\(e.title)\t\(GradeReport.number(e.points)) point(s)\t\(e.file)\t\(e.tests.joined(separator: ", "))")
            }
            for problem in catalog.problems { print("problem: \(problem)") }
        }
    }
}

struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove what the tools wrote into build/book, build/student and build/grading-workspace, and nothing else.")

    @OptionGroup var common: Common

    func run() throws {
        try runReporting {
            let root = try common.workspace()
            for folder in ["build/book", "build/student", "build/grading-workspace"] {
                let kept = try GeneratedFolder.clean(root.appendingPathComponent(folder))
                if !kept.isEmpty {
                    print("kept in \(folder): \(kept.count) file(s) edited or added since the tools wrote them (\(kept.prefix(3).joined(separator: ", "))\(kept.count > 3 ? ", …" : ""))")
                }
            }
        }
    }
}

T2TTool.main()
