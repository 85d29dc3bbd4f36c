import Foundation

/// `make validate`, nbgrader's `validate` for this workspace: proves the course works before it is handed out.
///
///   1. the exercise catalogue is consistent (every exercise has a solution region and tests);
///   2. the instructor's workspace passes every exercise test (each exercise in its own process, as grading runs it);
///   3. the student release is written, with no solution line and no marker left in it;
///   4. the release builds on its own, and its test suite fails exactly the exercise tests, each with
///      "not implemented: exercise N.M", while every other test passes.
public struct Validator {
    public let root: URL
    public let releaseFolder: URL
    public let timeLimit: Double
    public let log: (String) -> Void

    public init(root: URL, releaseFolder: URL, timeLimit: Double, log: @escaping (String) -> Void = { print($0) }) {
        self.root = root
        self.releaseFolder = releaseFolder
        self.timeLimit = timeLimit
        self.log = log
    }

    /// Runs every check; returns the problems found (empty means the course is valid).
    public func run() throws -> [String] {
        var problems: [String] = []
        let started = Date()

        log("1. exercises")
        let catalog = try ExerciseCatalog(root: root)
        problems += catalog.problems
        let release = try StudentRelease(root: root)
        let solved = Set(release.processed.values.flatMap { $0.solutions.map(\.exercise) })
        for exercise in catalog.exercises where !solved.contains(exercise.id) {
            problems.append("\(exercise.file): exercise \(exercise.id) has no `\(Marker.beginSolution.line)` region, so the student "
                            + "release would already pass its tests")
        }
        log("   \(catalog.exercises.count) exercises in \(Set(catalog.exercises.map(\.chapter)).count) chapters, "
            + "\(release.solutionCount) solution regions, \(release.hiddenRegionCount) hidden-test regions")
        guard problems.isEmpty else { return problems }

        log("2. the instructor's workspace passes every exercise test")
        let build = try Grader.build(root)
        guard build.status == 0 else { return ["the instructor's workspace does not build:\n" + Validator.errors(build.output)] }
        let grader = try Grader(root: root, timeLimit: timeLimit) { self.log("  " + $0) }
        for result in try grader.runAll(in: root) where result.status != .passed {
            problems.append("exercise \(result.exercise.id) fails in the instructor's workspace (\(result.status.rawValue)): "
                            + (result.messages.first ?? ""))
        }

        log("3. the student release → \(releaseFolder.path)")
        let folder = try GeneratedFolder(releaseFolder, purpose: "student release", workspace: root)
        let written = try release.write(to: folder)
        log("   \(release.files.count) files (\(written) changed); \(release.processed.count) files had markers")
        problems += try release.leaks(root: root, folder: folder.url)

        log("4. the student release builds and fails exactly the exercise tests")
        log("   building \(folder.url.path) (the first build takes minutes)")
        let studentBuild = try Grader.build(folder.url)
        guard studentBuild.status == 0 else {
            return problems + ["the student release does not build:\n" + Validator.errors(studentBuild.output)]
        }
        let studentCatalog = try ExerciseCatalog(root: folder.url)
        for exercise in studentCatalog.exercises where exercise.tests.isEmpty {
            problems.append("exercise \(exercise.id) has no visible test: students cannot see it fail before they hand it in")
        }
        let runner = ExerciseRunner(tree: folder.url, timeLimit: timeLimit)
        let suite = try runner.runTests(filter: nil, timeLimit: 30 * 60,
                                        environment: ["T2T_BIN_DIR": folder.url.appendingPathComponent(".build/release").path])
        if suite.run.timedOut || suite.run.crashed || suite.cases.isEmpty {
            problems.append("the student release's test suite did not finish normally (\(suite.run.timedOut ? "timed out" : "exit \(suite.run.status)")):\n"
                            + ExerciseRunner.lastLines(suite.run.output, 10))
            return problems
        }
        var exerciseTests = 0
        for test in suite.cases {
            let isExercise = test.classname.hasPrefix("ExerciseTests.") && ExerciseID(testName: test.name) != nil
            if isExercise {
                exerciseTests += 1
                if let failure = test.failure {
                    if !ExerciseRunner.isNotImplemented(failure) {
                        problems.append("student release: \(test.classname).\(test.name) fails, but not with the stub's error: \(failure)")
                    }
                } else {
                    problems.append("student release: \(test.classname).\(test.name) passes without a solution")
                }
            } else if let failure = test.failure {
                problems.append("student release: \(test.classname).\(test.name) fails, and it is not an exercise test: \(failure)")
            }
        }
        log("   \(suite.cases.count) tests: \(exerciseTests) exercise tests fail with \"not implemented\", "
            + "\(suite.cases.count - exerciseTests) others pass")
        for exercise in studentCatalog.exercises {
            let result = try runner.run(exercise)
            if result.status != .notImplemented {
                problems.append("student release: exercise \(exercise.id) grades as \"\(result.status.rawValue)\", not \"not implemented\"")
            }
        }
        log("   done in \(Int(Date().timeIntervalSince(started))) s")
        return problems
    }

    static func errors(_ output: String) -> String {
        let lines = output.split(separator: "\n").filter { $0.contains("error:") }
        return (lines.isEmpty ? Array(output.split(separator: "\n").suffix(15)) : Array(lines.prefix(15))).joined(separator: "\n")
    }
}
