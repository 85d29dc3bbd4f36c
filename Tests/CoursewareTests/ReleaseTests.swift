import Courseware
import Foundation
import Testing

/// A temporary folder with the given files (relative path → text).
func makeTree(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-courseware-\(UUID().uuidString)")
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return root
}

/// A small course: one chapter, two exercises, their tests, and a figure's generated data that must not ship.
func courseTree() throws -> URL {
    try makeTree([
        "Package.swift": "// swift-tools-version:6.0\n",
        "Chapters/01-x/main.swift": "//: # Chapter\nprint(1)\n",
        "Exercises/Support/ExerciseError.swift": "public enum ExerciseError: Error { case notImplemented(String) }\n",
        "Exercises/01-x/Square.swift": source("""
        %%: ## Exercise 1.1 · Square
        public func square(_ x: Double) throws -> Double {
            %% BEGIN SOLUTION
            let squaredValueOfX = x * x
            return squaredValueOfX
            %% END SOLUTION
        }
        %%: ## Exercise 1.2 · Cube (3 points)
        public func cube(_ x: Double) throws -> Double {
            %% BEGIN SOLUTION
            return x * x * x
            %% END SOLUTION
        }
        """),
        "Tests/ExerciseTests/01-x/Tests.swift": source("""
        @Test func exercise1_1() throws { #expect(try square(2) == 4) }
        %% BEGIN HIDDEN TESTS
        @Test func exercise1_1_hidden() throws { #expect(try square(3) == 9) }
        %% END HIDDEN TESTS
        @Test func exercise1_3() throws {}
        """),
        "figures/01-x/data/a.tsv": "# t2t\n",
        "figures/01-x/a.png": "png",
        "figures/01-x/a.gp": "# a figure\n",
        "docs/decisions.md": "## 30. What exercise 1.2's experiment shows\n",
    ])
}

@Suite struct CatalogueTests {
    @Test func exercisesAndTestsAreFoundByLooking() throws {
        let catalog = try ExerciseCatalog(root: try courseTree())
        #expect(catalog.exercises.map(\.id.description) == ["1.1", "1.2"])
        #expect(catalog.exercises[0].tests == ["exercise1_1", "exercise1_1_hidden"])
        #expect(catalog.exercises[1].points == 3)
        #expect(catalog.exercises[0].chapter == "01-x")
        #expect(catalog.supportFiles == ["Exercises/Support/ExerciseError.swift"])
        #expect(catalog.totalPoints == 4)
        let problems = catalog.problems
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("exercise 1.2 has no test") })
        #expect(problems.contains { $0.contains("exercise1_3 grades no exercise") })
    }

    @Test func anExerciseMustSitInItsChaptersFolder() throws {
        let root = try makeTree(["Exercises/02-y/A.swift": "//: ## Exercise 1.1 · misplaced\n"])
        #expect(throws: CoursewareError.self) { try ExerciseCatalog(root: root) }
        let twice = try makeTree(["Exercises/01-y/A.swift": "//: ## Exercise 1.1 · a\n", "Exercises/01-y/B.swift": "//: ## Exercise 1.1 · b\n"])
        #expect(throws: CoursewareError.self) { try ExerciseCatalog(root: twice) }
    }

    @Test func runnerFilterSelectsOneExercise() throws {
        let filter = try Regex(ExerciseRunner.filter(for: ExerciseID(chapter: 1, number: 2)))
        #expect("ExerciseTests.Chapter01Exercises/exercise1_2()".contains(filter))
        #expect("ExerciseTests.Chapter01Exercises/exercise1_2_hidden(seed:)".contains(filter))
        #expect(!"ExerciseTests.Chapter01Exercises/exercise1_20()".contains(filter))
        #expect(!"ExerciseTests.Chapter01Exercises/exercise11_2()".contains(filter))
    }
}

@Suite struct ReleaseTests {
    @Test func theReleaseStubsSolutionsDropsHiddenTestsAndGeneratedFiles() throws {
        let root = try courseTree()
        let release = try StudentRelease(root: root)
        #expect(release.solutionCount == 2 && release.hiddenRegionCount == 1)
        #expect(release.files["figures/01-x/data/a.tsv"] == nil, "chapter data is regenerated, not shipped")
        #expect(release.files["figures/01-x/a.png"] == nil)
        #expect(release.files["figures/01-x/a.gp"] != nil)
        #expect(release.files["docs/decisions.md"] == nil, "the decision records answer the prediction exercises")
        let square = String(decoding: release.files["Exercises/01-x/Square.swift"]!.data, as: UTF8.self)
        #expect(!square.contains("squaredValueOfX"))
        #expect(square.contains("throw ExerciseError.notImplemented(\"exercise 1.1\")"))
        #expect(square.contains("throw ExerciseError.notImplemented(\"exercise 1.2\")"))
        let tests = String(decoding: release.files["Tests/ExerciseTests/01-x/Tests.swift"]!.data, as: UTF8.self)
        #expect(!tests.contains("hidden"))
        #expect(release.files["Chapters/01-x/main.swift"]!.data == Data("//: # Chapter\nprint(1)\n".utf8))

        let out = root.appendingPathComponent("build/student")
        let folder = try GeneratedFolder(out, purpose: "test release", workspace: root)
        try release.write(to: folder)
        #expect(try release.leaks(root: root, folder: out).isEmpty)
        // A solution line that reaches the student's copy is caught.
        let shipped = out.appendingPathComponent("Exercises/01-x/Square.swift")
        try (String(contentsOf: shipped, encoding: .utf8) + "\n    let squaredValueOfX = x * x\n").write(to: shipped, atomically: true, encoding: .utf8)
        let found = try release.leaks(root: root, folder: out)
        #expect(found.count == 1, "\(found)")
    }

    @Test func aBrokenMarkerStopsTheReleaseWithItsLocation() throws {
        let root = try makeTree(["Exercises/01-x/A.swift": source("%%: ## Exercise 1.1 · a\n%% BEGIN SOLUTION\n")])
        do {
            _ = try StudentRelease(root: root)
            Issue.record("expected a MarkerError")
        } catch let error as MarkerError {
            #expect(error.description.hasPrefix("Exercises/01-x/A.swift:2: error:"))
        }
    }

    @Test func generatedFoldersRefuseTheWorkspaceAndForeignFolders() throws {
        let root = try courseTree()
        #expect(throws: CoursewareError.self) { try GeneratedFolder(root, purpose: "x", workspace: root) }
        #expect(throws: CoursewareError.self) { try GeneratedFolder(root.appendingPathComponent("Exercises/out"), purpose: "x", workspace: root) }
        #expect(throws: CoursewareError.self) { try GeneratedFolder(root.deletingLastPathComponent(), purpose: "x", workspace: root) }
        let foreign = try makeTree(["notes.txt": "mine"])
        #expect(throws: CoursewareError.self) { try GeneratedFolder(foreign, purpose: "x", workspace: root) }
        #expect(try String(contentsOf: foreign.appendingPathComponent("notes.txt"), encoding: .utf8) == "mine")
    }

    @Test func syncRewritesOnlyWhatChangedAndDeletesOnlyWhatItWrote() throws {
        let root = try courseTree()
        let folder = try GeneratedFolder(root.appendingPathComponent("build/out"), purpose: "x", workspace: root)
        #expect(try folder.sync(["a.txt": FileContent(text: "a"), "sub/b.txt": FileContent(text: "b")]) == 2)
        let keep = folder.url.appendingPathComponent(".build/cache")
        try FileManager.default.createDirectory(at: keep.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "compiled".write(to: keep, atomically: true, encoding: .utf8)
        #expect(try folder.sync(["a.txt": FileContent(text: "a"), "c.txt": FileContent(text: "c", mode: 0o755)]) == 1)
        let fm = FileManager.default
        #expect(!fm.fileExists(atPath: folder.url.appendingPathComponent("sub/b.txt").path))
        #expect(!fm.fileExists(atPath: folder.url.appendingPathComponent("sub").path))
        #expect(fm.fileExists(atPath: keep.path), "files the tools did not write stay")
        #expect(fm.isExecutableFile(atPath: folder.url.appendingPathComponent("c.txt").path))
        // A second folder object over the same path accepts it: it carries the stamp.
        let again = try GeneratedFolder(folder.url, purpose: "x", workspace: root)
        // A file edited since it was written (a student's work in a copy of the release) is never overwritten.
        let edited = folder.url.appendingPathComponent("a.txt")
        try "my answer".write(to: edited, atomically: true, encoding: .utf8)
        #expect(throws: CoursewareError.self) { try again.sync(["a.txt": FileContent(text: "a"), "c.txt": FileContent(text: "c2")]) }
        #expect(try String(contentsOf: edited, encoding: .utf8) == "my answer")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("c.txt"), encoding: .utf8) == "c", "nothing was written")
        #expect(throws: CoursewareError.self) { try again.sync([:]) }   // nor deleted
    }
}
