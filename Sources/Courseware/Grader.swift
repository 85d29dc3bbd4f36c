import Foundation

/// Grades students' trees against the instructor's tests.
///
/// A student's tree is not graded where it stands: only its exercise files are taken, and put into a grading
/// workspace made from the instructor's workspace (with the hidden tests, and the instructor's copy of everything
/// else), as nbgrader restores test cells from the master copy. So a student cannot change the tests, hidden tests
/// stay hidden, and since the workspace is the same folder for every student, each build after the first recompiles
/// only the exercises.
///
/// If a student's file does not compile, it is replaced by its stub and the build is retried: a syntax error costs
/// the exercises of that file, not the whole grade.
///
/// The build compiles the student's code but runs none of it. The tests, which do run it, run in `sandbox`
/// (see `Sandbox`) when there is one: there the grading workspace, the hidden tests' sources, the solutions and the
/// other students' reports do not exist.
public struct Grader {
    public let root: URL
    public let catalog: ExerciseCatalog
    public let timeLimit: Double
    public let sandbox: Sandbox?
    public let log: (String) -> Void

    public init(root: URL, timeLimit: Double, sandbox: Sandbox? = nil, log: @escaping (String) -> Void = { print($0) }) throws {
        self.root = root
        self.catalog = try ExerciseCatalog(root: root)
        self.timeLimit = timeLimit
        self.sandbox = sandbox
        self.log = log
    }

    /// Builds `tree` (release, with tests) where it stands. Returns the build's output; throws if it fails.
    public static func build(_ tree: URL) throws -> Shell.Result {
        guard let swift = Shell.which("swift") else { throw CoursewareError("no `swift` on the PATH") }
        return Shell.run(swift, ["build", "-c", "release", "--build-tests"], in: tree)
    }

    /// Runs every exercise's tests in an already built tree.
    public func runAll(in tree: URL, exercises: [Exercise]? = nil, sandboxed: Bool = true) throws -> [ExerciseResult] {
        let runner = ExerciseRunner(tree: tree, timeLimit: timeLimit, sandbox: sandboxed ? sandbox : nil)
        var results: [ExerciseResult] = []
        for exercise in exercises ?? catalog.exercises {
            let result = try runner.run(exercise)
            log("  exercise \(exercise.id)  \(result.status.rawValue)  (\(result.passed)/\(result.total) tests, "
                + "\(String(format: "%.1f", result.seconds)) s)")
            results.append(result)
        }
        return results
    }

    /// Grades the tree at `student`: builds the grading workspace `work` from the instructor's workspace and the
    /// student's `Exercises/`, and runs every exercise.
    public func grade(student: URL, work: GeneratedFolder) throws -> GradeReport {
        let studentRoot = student.standardizedFileURL
        let name = studentRoot.resolvingSymlinksInPath().lastPathComponent
        guard FileManager.default.fileExists(atPath: studentRoot.appendingPathComponent(ExerciseCatalog.exercisesFolder).path) else {
            throw CoursewareError("\(studentRoot.path) has no \(ExerciseCatalog.exercisesFolder)/ folder: is it a student's copy of the workspace?")
        }
        var files = try workspaceFiles()
        let release = try StudentRelease(root: root)
        let submission = try Submission(root: studentRoot)
        let exerciseFiles = Set(catalog.exerciseFiles.keys)
        var extras: [String] = []
        var stubbed: [String: String] = [:]     // exercise file → why it was replaced
        var refused: Set<String> = []
        for (path, reason) in submission.refused.sorted(by: { $0.key < $1.key }) {
            log("  \(path) \(reason)")
            if exerciseFiles.contains(path) { stubbed[path] = reason; refused.insert(path) }
        }
        for path in exerciseFiles {
            files[path] = refused.contains(path) ? release.files[path]! : submission.files[path] ?? release.files[path]!   // not handed in: the stub
        }
        for path in submission.files.keys.sorted() where !exerciseFiles.contains(path) && !catalog.supportFiles.contains(path) {
            files[path] = submission.files[path]!   // the student's own helpers
            extras.append(path)
        }

        var attempt = 0
        while true {
            attempt += 1
            try work.sync(files)
            log(attempt == 1 ? "building the grading workspace \(work.url.path) (the first build takes minutes; later ones recompile only the exercises)"
                             : "rebuilding without the files that did not compile")
            let result = try Grader.build(work.url)
            if result.status == 0 { break }
            let broken = Grader.filesWithErrors(result.output, in: work.url)
            var progress = false
            for path in broken {
                if exerciseFiles.contains(path), stubbed[path] == nil {
                    let errors = Grader.errors(in: result.output, for: path, tree: work.url)
                    stubbed[path] = "does not compile" + (errors.isEmpty ? "" : ":\n" + errors.joined(separator: "\n"))
                    files[path] = release.files[path]!
                    log("  \(path) does not compile; it is graded as its stub")
                    progress = true
                } else if extras.contains(path) {
                    files[path] = nil
                    extras.removeAll { $0 == path }
                    log("  \(path) (the student's own file) does not compile; left out")
                    progress = true
                } else if path.hasPrefix(ExerciseCatalog.testsFolder + "/") {
                    // The tests do not compile against the student's code: a changed signature, or a helper whose name
                    // clashes. The exercise is the one whose test function holds the error; if the error is outside any
                    // (a shared helper), every exercise file of that chapter still the student's goes back to its stub.
                    let text = (try? String(contentsOf: work.url.appendingPathComponent(path), encoding: .utf8)) ?? ""
                    let owners = Grader.errorLines(in: result.output, for: path, tree: work.url)
                        .map { Grader.exercise(enclosing: $0, in: text) }
                    var culprits: [String] = []
                    if owners.contains(where: { $0 == nil }) || owners.isEmpty {
                        let chapter = path.split(separator: "/").dropFirst(2).first.map(String.init) ?? ""
                        culprits = exerciseFiles.sorted().filter { $0.hasPrefix("\(ExerciseCatalog.exercisesFolder)/\(chapter)/") }
                    } else {
                        culprits = owners.compactMap { $0.flatMap { catalog.exercise($0)?.file } }
                    }
                    for file in Set(culprits).sorted() where stubbed[file] == nil {
                        stubbed[file] = "does not compile with the tests (a changed signature?):\n"
                            + Grader.errors(in: result.output, for: path, tree: work.url).joined(separator: "\n")
                        files[file] = release.files[file]!
                        log("  \(file) does not compile with the tests; it is graded as its stub")
                        progress = true
                    }
                    if !progress {
                        for extra in extras { files[extra] = nil; progress = true }
                        extras.removeAll()
                    }
                }
            }
            guard progress, attempt < 8 else {
                let errors = result.output.split(separator: "\n").filter { $0.contains("error:") }.prefix(10).joined(separator: "\n")
                throw CoursewareError("the grading workspace does not build, and not because of an exercise file:\n\(errors)")
            }
        }

        var results = try runAll(in: work.url)
        for index in results.indices {
            let file = results[index].exercise.file
            if let reason = stubbed[file] {
                results[index].status = refused.contains(file) ? .refused : .doesNotCompile
                results[index].passed = 0
                results[index].messages = ["\(file) \(reason)\n(graded as the stub)"]
            }
        }
        return GradeReport(student: name, results: results, hiddenLines: try hiddenTestLines())
    }

    /// The hidden-test lines of the instructor's exercise tests, by file name (as Swift Testing names files in issues).
    public func hiddenTestLines() throws -> [String: [ClosedRange<Int>]] {
        var lines: [String: [ClosedRange<Int>]] = [:]
        for path in swiftFiles(under: ExerciseCatalog.testsFolder, root: root) {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            let name = String(path.split(separator: "/").last!)
            lines[name, default: []] += try MarkerProcessor.process(text, file: path).hiddenLines
        }
        return lines
    }

    /// The instructor's workspace as the grading workspace starts from it (with `Package.resolved`, so it resolves the
    /// same package versions without asking the network).
    func workspaceFiles() throws -> [String: FileContent] {
        var paths = try FileTree.sourceFiles(root: root)
        if FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.resolved").path),
           !paths.contains("Package.resolved") {
            paths.append("Package.resolved")
        }
        return try FileTree.read(paths, root: root)
    }

    /// The compiler's error lines about one file (path relative to the tree), at most three.
    static func errors(in output: String, for path: String, tree: URL, limit: Int = 3) -> [String] {
        let prefixes = [tree.path, tree.resolvingSymlinksInPath().path].map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        var found: [String] = []
        for line in output.split(separator: "\n") where line.contains(": error:") {
            var text = String(line)
            for prefix in prefixes where text.hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
            if text.hasPrefix(path + ":") && !found.contains(text) { found.append(text) }
        }
        return Array(found.prefix(limit))
    }

    /// The line numbers of the compiler's errors in one file.
    static func errorLines(in output: String, for path: String, tree: URL) -> [Int] {
        errors(in: output, for: path, tree: tree, limit: 100).compactMap { line in
            Int(line.dropFirst(path.count + 1).prefix { $0.isNumber })
        }
    }

    /// The exercise whose test function (`func exerciseN_M…`) encloses `line` of a test file: the last one declared
    /// at or above it, if no other declaration (`func`, `struct`, …) at the same or a lower indentation comes between.
    public static func exercise(enclosing line: Int, in text: String) -> ExerciseID? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return nil }
        for index in stride(from: line - 1, through: 0, by: -1) {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("func ") || trimmed.contains(" func ") || trimmed.hasPrefix("@Test func ")
                    || trimmed.hasPrefix("struct ") || trimmed.hasPrefix("@Suite") else { continue }
            guard let range = trimmed.range(of: "func exercise") else { return nil }
            let name = trimmed[trimmed.index(range.lowerBound, offsetBy: 5)...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            return ExerciseID(testName: String(name))
        }
        return nil
    }

    /// Workspace-relative paths of the files a build log reports errors in.
    public static func filesWithErrors(_ output: String, in tree: URL) -> [String] {
        let prefixes = [tree.path, tree.resolvingSymlinksInPath().path].map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        var files: [String] = []
        for line in output.split(separator: "\n") where line.contains(": error:") {
            let path = String(line.prefix { $0 != ":" })
            guard path.hasSuffix(".swift") else { continue }
            var relative = path
            for prefix in prefixes where path.hasPrefix(prefix) { relative = String(path.dropFirst(prefix.count)) }
            if !files.contains(relative) { files.append(relative) }
        }
        return files
    }
}
