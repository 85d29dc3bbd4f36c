import Foundation
import Testing
import Notebook

@Suite struct TSVTests {
    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func roundTripWithBlocksAndLabels() throws {
        let url = try temporaryDirectory().appendingPathComponent("a.tsv")
        var file = TSVFile(url: url, header: ["model", "x"], provenance: "test")
        file.row(cells: ["lru", 1.5])
        file.newBlock()
        file.row(cells: ["gpt", .number(.nan)])
        try file.write()
        let table = try TSVTable(contentsOf: url)
        #expect(table.header == ["model", "x"])
        #expect(table.blocks.count == 2)
        #expect(try table.column("x", block: 0) == [1.5])
        #expect(try table.column("x", block: 1)[0].isNaN)
        #expect(throws: NotebookError.self) { try table.column("missing") }
    }

    @Test func overwritesItsOwnFilesButNotYours() throws {
        let dir = try temporaryDirectory()
        let ours = dir.appendingPathComponent("ours.tsv"), yours = dir.appendingPathComponent("yours.tsv")
        var file = TSVFile(url: ours, header: ["x"], provenance: "test")
        file.row([1])
        try file.write()
        try file.write()   // a rerun replaces its own output
        try "my notes\n".write(to: yours, atomically: true, encoding: .utf8)
        let theirs = TSVFile(url: yours, header: ["x"], provenance: "test")
        #expect(throws: NotebookError.self) { try theirs.write() }
        #expect(try String(contentsOf: yours, encoding: .utf8) == "my notes\n")
        // Only the whole marker and a provenance count: a note that merely starts like it is the reader's.
        for text in ["# t2tX my notes\n", "# t2t\n", "# t2t \n"] {
            try text.write(to: yours, atomically: true, encoding: .utf8)
            #expect(throws: NotebookError.self) { try theirs.write() }
            #expect(try String(contentsOf: yours, encoding: .utf8) == text)
        }
    }
}

@Suite struct FormattingTests {
    @Test func numbers() {
        #expect(Format.number(0.123456) == "0.1235")
        #expect(Format.number(23.51) == "23.51")
        #expect(Format.number(.nan) == "NaN")
        #expect(Format.data(.infinity) == "Inf")
        #expect(Format.number(1234.5, digits: 3) == "1234")
    }

    @Test func tableAlignsColumns() {
        var t = Table(["d", "value"])
        t.add(1, 0.5)
        t.add(10, 0.25)
        let lines = t.description.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[2].hasPrefix("    1 "))
        #expect(lines[3].hasPrefix("    10"))
    }

    @Test func wrapKeepsWordsWhole() {
        let wrapped = Notebook.wrap("aaa bbb ccc", width: 7)
        #expect(wrapped == "aaa bbb\nccc")
    }

    @Test func progressLineShowsCounts() {
        let bar = ProgressBar("train", total: 10, enabled: false)
        #expect(bar.line(5, "loss 0.1", now: Date()).contains("5/10"))
    }
}

@Suite struct OptionTests {
    @Test func defaultsAndScales() throws {
        let o = try ChapterOptions.parse([])
        #expect(o.seed == 1 && o.scale == .standard)
        #expect(try ChapterOptions.parse(["--quick", "--seed", "5"]).scale == .quick)
        #expect(Scale.full.pick(quick: 1, standard: 2) == 2)
        #expect(Scale.full.pick(quick: 1, standard: 2, full: 3) == 3)
    }

    @Test func aSizeThatCannotFitIsRefusedWithTheEstimateAndTheLimit() {
        #expect(throws: Never.self) { try MemoryCheck.require(1e9, option: "--width", value: 1024, limit: 8e9) }
        do {
            try MemoryCheck.require(7.2e17, option: "--width", value: 100_000_000, limit: 8e9)
            Issue.record("expected a refusal")
        } catch {
            #expect("\(error)".contains("--width 100000000 needs about 720 PB") && "\(error)".contains("8.0 GB"), "\(error)")
        }
        #expect(throws: (any Error).self) { try MemoryCheck.require(.infinity, option: "--hidden", value: Int.max) }
    }

    @Test func badInputIsRejected() {
        #expect(throws: (any Error).self) { try ChapterOptions.parse(["--bogus"]) }
        #expect(throws: (any Error).self) { try ChapterOptions.parse(["--quick", "--full"]) }
        #expect(throws: (any Error).self) { try ChapterOptions.parse(["--seed", "-3"]) }
    }
}

@Suite struct TranscriptTests {
    @Test func whatTheChapterPrintsIsSavedBesideItsData() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-transcript-\(UUID().uuidString)")
        let options = try ChapterOptions.parse(["--quick", "--seed", "4", "--out", dir.path])
        let nb = try Notebook(chapter: "09-test", title: "Test chapter", options: options)
        nb.section("1. First")
        nb.result("x", 1.5)
        nb.finish()
        let text = try String(contentsOf: dir.appendingPathComponent(Notebook.transcriptName), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("# t2t ch09 09-test seed=4 scale=quick"))
        #expect(lines.contains("## 1. First"))
        #expect(lines.contains("  x = 1.500"))
        #expect(lines.contains { $0.contains("seed 4 · scale quick") })
    }

    @Test func aTranscriptNeverOverwritesAFileItDidNotWrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-transcript-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let mine = dir.appendingPathComponent(Notebook.transcriptName)
        try "my own notes\n".write(to: mine, atomically: true, encoding: .utf8)
        let nb = try Notebook(chapter: "09-test", title: "Test chapter", options: try ChapterOptions.parse(["--out", dir.path]))
        nb.finish()
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my own notes\n")
    }
}
