import Foundation
import Testing

// `make bench` is a benchmark, not a test: nothing here looks at a time. These only check that it runs and
// reports, and that a mistyped part is refused with a message, so the command a README advertises keeps working.

private func bench(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    try ChapterRun.executeBinary("bench", arguments)
}

@Suite struct BenchTests {
    @Test func quickRunReportsTheStepTable() throws {
        let run = try bench(["--quick", "--only", "mlp", "--no-pytorch"])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("sgemm check: matches a reference loop"))
        #expect(run.out.contains("One AdamW training step"))
        let row = run.out.split(separator: "\n").first { $0.hasPrefix("    mlp ") }
        #expect(row != nil, "no mlp row in:\n\(run.out)")
    }

    @Test func unknownPartIsRefused() throws {
        let run = try bench(["--only", "lru,attenton"])
        #expect(run.status != 0)
        #expect(run.err.contains("unknown part 'attenton'"), "\(run.err)")
    }
}
