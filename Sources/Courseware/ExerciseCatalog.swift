import Foundation

/// One exercise: where its text and solution live, and which tests grade it.
public struct Exercise: Equatable, Sendable {
    public let id: ExerciseID
    public let title: String
    public let points: Double
    /// The chapter folder it belongs to, e.g. `01-takens`.
    public let chapter: String
    /// Its source file, relative to the workspace: `Exercises/01-takens/CaoE1.swift`.
    public let file: String
    /// Its test functions (`exercise1_2`, `exercise1_2_hidden`, …), found in `Tests/ExerciseTests`.
    public var tests: [String]
    /// Where each test function is declared: its name, test file name (`Chapter01Exercises.swift`) and line. Grading
    /// credits a test only if the runner reports it from one of these places (a student's own `@Test func exercise1_2_x`
    /// is compiled elsewhere and earns nothing).
    public var testLocations: [TestLocation]

    public struct TestLocation: Equatable, Sendable {
        public let name: String
        public let file: String
        public let line: Int
        public init(name: String, file: String, line: Int) { self.name = name; self.file = file; self.line = line }
    }

    public init(id: ExerciseID, title: String, points: Double, chapter: String, file: String, tests: [String],
                testLocations: [TestLocation] = []) {
        self.id = id
        self.title = title
        self.points = points
        self.chapter = chapter
        self.file = file
        self.tests = tests
        self.testLocations = testLocations
    }

    /// The module the exercise tests are compiled in.
    public static let testModule = String(ExerciseCatalog.testsFolder.split(separator: "/").last!)

    /// Whether a test the runner reported is one of this exercise's catalogued tests: compiled in the tests module,
    /// named like one, and (when the locations are known) declared where the instructor's file declares it — the
    /// runner places a test at its `@Test` attribute, at or a few lines above the `func`.
    public func catalogues(_ record: EventStream.TestRecord) -> Bool {
        guard record.module == Exercise.testModule, tests.contains(record.baseName) else { return false }
        if testLocations.isEmpty { return true }
        return testLocations.contains { $0.name == record.baseName && $0.file == record.file && (0...5).contains($0.line - record.line) }
    }
}

/// Every exercise of a workspace, found by looking, not by a list someone must keep up to date:
///
///     Exercises/NN-name/*.swift          a file with a `//: ## Exercise N.M · title` heading holds exercise N.M
///     Tests/ExerciseTests/**/*.swift     a test function named `exerciseN_M…` grades exercise N.M
///
/// Files under `Exercises/` without a heading are support code (the chapter's namespace, `ExerciseError`).
public struct ExerciseCatalog: Sendable {
    public static let exercisesFolder = "Exercises"
    public static let testsFolder = "Tests/ExerciseTests"

    public let exercises: [Exercise]
    /// Test functions whose name starts with `exercise` but matches no exercise, with their file.
    public let orphanTests: [(name: String, file: String)]
    /// Exercise sources: relative path → the exercises it holds.
    public let exerciseFiles: [String: [ExerciseID]]
    /// Files under `Exercises/` that hold no exercise.
    public let supportFiles: [String]

    public init(root: URL) throws {
        var exercises: [ExerciseID: Exercise] = [:]
        var files: [String: [ExerciseID]] = [:]
        var support: [String] = []
        for path in swiftFiles(under: ExerciseCatalog.exercisesFolder, root: root) {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            let headings = MarkerProcessor.headings(in: text)
            if headings.isEmpty { support.append(path); continue }
            let parts = path.split(separator: "/")
            let chapter = parts.count >= 3 ? String(parts[1]) : ""
            for heading in headings {
                if let other = exercises[heading.id] {
                    throw CoursewareError("\(path):\(heading.line): exercise \(heading.id) is already defined in \(other.file)")
                }
                guard let folderNumber = Int(chapter.prefix(2)), chapter.count > 3,
                      chapter.dropFirst(2).hasPrefix("-") else {
                    throw CoursewareError("\(path):\(heading.line): exercise files go in a chapter folder, "
                                          + "Exercises/NN-name/ (named like the chapter in Chapters/)")
                }
                guard folderNumber == heading.id.chapter else {
                    throw CoursewareError("\(path):\(heading.line): exercise \(heading.id) is in chapter \(folderNumber)'s folder; "
                                          + "number it \(folderNumber).M or move it")
                }
                exercises[heading.id] = Exercise(id: heading.id, title: heading.title, points: heading.points,
                                                 chapter: chapter, file: path, tests: [])
                files[path, default: []].append(heading.id)
            }
        }
        var orphans: [(String, String)] = []
        for path in swiftFiles(under: ExerciseCatalog.testsFolder, root: root) {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            let fileName = String(path.split(separator: "/").last!)
            for (name, line) in ExerciseCatalog.testFunctionLines(in: text) {
                guard let id = ExerciseID(testName: name) else { continue }
                if exercises[id] != nil {
                    if !exercises[id]!.tests.contains(name) { exercises[id]!.tests.append(name) }
                    exercises[id]!.testLocations.append(Exercise.TestLocation(name: name, file: fileName, line: line))
                } else {
                    orphans.append((name, path))
                }
            }
        }
        self.exercises = exercises.values.sorted { $0.id < $1.id }
        self.orphanTests = orphans
        self.exerciseFiles = files
        self.supportFiles = support.sorted()
    }

    /// Names of the `@Test` functions in a Swift file whose names start with `exercise`.
    public static func testFunctions(in text: String) -> [String] {
        testFunctionLines(in: text).map(\.name)
    }

    /// The same with the line (1-based) each is declared on.
    public static func testFunctionLines(in text: String) -> [(name: String, line: Int)] {
        var found: [(name: String, line: Int)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("//"), let range = trimmed.range(of: "func exercise") else { continue }
            let name = trimmed[trimmed.index(range.lowerBound, offsetBy: 5)...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if ExerciseID(testName: String(name)) != nil { found.append((String(name), index + 1)) }
        }
        return found
    }

    /// What is wrong with the catalogue as a course: exercises no test grades, tests that grade nothing.
    public var problems: [String] {
        var problems: [String] = []
        for exercise in exercises where exercise.tests.isEmpty {
            problems.append("\(exercise.file): exercise \(exercise.id) has no test (add `@Test func \(exercise.id.testPrefix)()` "
                            + "under \(ExerciseCatalog.testsFolder)/\(exercise.chapter)/)")
        }
        for orphan in orphanTests {
            problems.append("\(orphan.file): test \(orphan.name) grades no exercise (no heading for exercise "
                            + "\(ExerciseID(testName: orphan.name)!) under Exercises/)")
        }
        return problems
    }

    public var totalPoints: Double { exercises.reduce(0) { $0 + $1.points } }

    public func exercise(_ id: ExerciseID) -> Exercise? { exercises.first { $0.id == id } }
}

/// Relative paths of the `.swift` files under `folder` (recursively), sorted.
func swiftFiles(under folder: String, root: URL) -> [String] {
    let base = root.appendingPathComponent(folder)
    guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
    var result: [String] = []
    while let item = enumerator.nextObject() as? String {
        if item.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
        if item.hasSuffix(".swift") { result.append(folder + "/" + item) }
    }
    return result.sorted()
}
