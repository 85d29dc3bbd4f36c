import Courseware
import Testing

/// Source text for the tests, with `%%` standing for `//` so that this file holds no marker itself (the student
/// release processes every Swift file, this one included).
func source(_ text: String) -> String { text.replacingOccurrences(of: "%%", with: "//") }

/// The marker processor: what the student gets, and a clear `file:line` error for every broken marker.
@Suite struct MarkerTests {
    let instructor = source("""
    %%: ## Exercise 2.3 · Something to write
    %%: The text stays.
    extension Ch02 {
        public static func answer(_ x: Double) throws -> Double {
            %% BEGIN SOLUTION
            let y = x * x
            return y + 1
            %% END SOLUTION
        }
    }
    @Test func exercise2_3() throws {
        #expect(try Ch02.answer(1) == 2)
        %% BEGIN HIDDEN TESTS
        #expect(try Ch02.answer(2) == 5)
        %% END HIDDEN TESTS
    }
    """)

    @Test func solutionsBecomeThrowingStubsAndHiddenTestsDisappear() throws {
        let result = try MarkerProcessor.process(instructor, file: "Exercises/02-x/A.swift")
        let expected = source("""
        %%: ## Exercise 2.3 · Something to write
        %%: The text stays.
        extension Ch02 {
            public static func answer(_ x: Double) throws -> Double {
                %% YOUR CODE HERE (exercise 2.3)
                throw ExerciseError.notImplemented("exercise 2.3")
            }
        }
        @Test func exercise2_3() throws {
            #expect(try Ch02.answer(1) == 2)
        }
        """)
        #expect(result.studentText == expected)
        #expect(result.solutions.count == 1)
        #expect(result.solutions[0].exercise == ExerciseID(chapter: 2, number: 3))
        #expect(result.solutions[0].begin == 5 && result.solutions[0].end == 8)
        #expect(result.solutions[0].body.map { $0.trimmingCharacters(in: .whitespaces) } == ["let y = x * x", "return y + 1"])
        #expect(result.hiddenRegions == 1)
        #expect(result.headings.map(\.title) == ["Something to write"])
    }

    @Test func filesWithoutMarkersAreUnchanged() throws {
        let text = "import Foundation\n/// Mentions `// BEGIN SOLUTION` in passing.\n//: BEGIN SOLUTION in prose is text\nlet x = 1\n"
        let result = try MarkerProcessor.process(text, file: "a.swift")
        #expect(result.studentText == text)
        #expect(!result.hasMarkers)
    }

    @Test func stubNamesTheNearestExerciseAbove() throws {
        let text = source("""
        %%: ## Exercise 1.1 · First
        func a() throws {
            %% BEGIN SOLUTION
            %% END SOLUTION
        }
        %%: ### Exercise 1.2 · Second (2 points)
        func b() throws {
            %% BEGIN SOLUTION
            %% END SOLUTION
        }
        """)
        let result = try MarkerProcessor.process(text, file: "x.swift")
        #expect(result.solutions.map(\.exercise.description) == ["1.1", "1.2"])
        #expect(result.studentText.contains("notImplemented(\"exercise 1.2\")"))
        #expect(result.headings.map(\.points) == [1, 2])
        #expect(result.headings[1].title == "Second")
    }

    /// Processes `text` and returns the error it must raise.
    func error(_ text: String) -> MarkerError? {
        do {
            _ = try MarkerProcessor.process(source(text), file: "Exercises/01-x/Broken.swift")
            return nil
        } catch let error as MarkerError {
            return error
        } catch {
            return nil
        }
    }

    @Test func nestedRegionsAreAnErrorAtTheInnerMarker() throws {
        let e = try #require(error("""
        %%: ## Exercise 1.1 · x
        func f() throws {
            %% BEGIN SOLUTION
            %% BEGIN HIDDEN TESTS
            %% END HIDDEN TESTS
            %% END SOLUTION
        }
        """))
        #expect(e.line == 4)
        #expect(e.description.hasPrefix("Exercises/01-x/Broken.swift:4: error:"))
        #expect(e.message.contains("opened at line 3"))
        #expect(e.message.contains("cannot nest"))
    }

    @Test func unterminatedRegionPointsAtItsBeginning() throws {
        let e = try #require(error("""
        %%: ## Exercise 1.1 · x
        func f() throws {
            %% BEGIN SOLUTION
            return
        }
        """))
        #expect(e.line == 3)
        #expect(e.message.contains("never closed"))
        #expect(e.message.contains("END SOLUTION"))
    }

    @Test func endMarkersMustCloseTheirOwnKind() throws {
        let stray = try #require(error("let a = 1\n%% END HIDDEN TESTS\n"))
        #expect(stray.line == 2)
        #expect(stray.message.contains("without a matching"))
        let crossed = try #require(error("%%: ## Exercise 1.1 · x\n%% BEGIN SOLUTION\n%% END HIDDEN TESTS\n"))
        #expect(crossed.line == 3)
        #expect(crossed.message.contains("cannot close the solution region opened at line 2"))
    }

    @Test(arguments: ["%% begin solution", "%%BEGIN SOLUTION", "%% BEGIN SOLUTION here", "/* BEGIN SOLUTION */",
                      "%% END SOLUTIONS", "%% BEGIN HIDDEN TEST", "%%  END  HIDDEN  TESTS", "/// BEGIN SOLUTION"])
    func malformedMarkersAreErrorsNotSilence(marker: String) throws {
        let e = try #require(error("%%: ## Exercise 1.1 · x\nlet a = 1\n    \(marker)\n"))
        #expect(e.line == 3)
        #expect(e.message.contains("malformed marker"))
    }

    @Test func aSolutionNeedsAnExerciseHeading() throws {
        let e = try #require(error("func f() throws {\n    %% BEGIN SOLUTION\n    %% END SOLUTION\n}\n"))
        #expect(e.line == 2)
        #expect(e.message.contains("no exercise heading"))
    }

    @Test func headingsAndTestNames() {
        let h = ExerciseHeading.parse("    //: ## Exercise 12.3: A title (2.5 points)", line: 7)
        #expect(h?.id == ExerciseID(chapter: 12, number: 3))
        #expect(h?.title == "A title" && h?.points == 2.5 && h?.line == 7)
        #expect(ExerciseHeading.parse("// ## Exercise 1.1 · code comment", line: 1) == nil)
        #expect(ExerciseHeading.parse("//: Exercise 1.1 in a sentence", line: 1) == nil)
        #expect(ExerciseID(testName: "exercise3_2_hidden()") == ExerciseID(chapter: 3, number: 2))
        #expect(ExerciseID(testName: "exercise3_20(seed:)") == ExerciseID(chapter: 3, number: 20))
        #expect(ExerciseID(testName: "quickRun()") == nil)
        #expect(ExerciseID(chapter: 1, number: 2) < ExerciseID(chapter: 1, number: 10))
    }
}
