import Foundation
import Testing
import Notebook

/// Chapter 1 at --quick: it must write every figure's data, every figure must render, and the data must show
/// the chapter's claims (Sources/ChapterClaims/Chapter01Claims.swift; bounds from docs/calibration.md, rows ch01.*).
@Suite struct Chapter01Tests {
    let chapter = "01-takens"
    let tables = ["attractor", "observed", "embedded", "delay", "dimension", "reconstruction", "forecast"]

    @Test(arguments: [1, 2])
    func quickRunShowsTheClaims(seed: Int) throws {
        let run = try ChapterRun.quick(chapter, seed: seed)
        for name in tables { _ = try run.table(name) }
        let pngs = try run.renderFigures()
        #expect(pngs.count == tables.count)
        for png in pngs {
            let size = try FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int ?? 0
            #expect(size > 5_000, "\(png.lastPathComponent) is suspiciously small")
        }

        #expect(try run.table("reconstruction").column("noise", block: 0)[0] == 0)
        run.expectEveryClaim()
    }

    @Test func sameSeedSameNumbers() throws {
        let a = try ChapterRun.quick(chapter, seed: 3), b = try ChapterRun.quick(chapter, seed: 3)
        let c = try ChapterRun.quick(chapter, seed: 4)
        try ChapterRun.expectSameBytes(a, b, tables: tables)
        #expect(try a.table("attractor").rows != c.table("attractor").rows)
    }

    @Test(arguments: [["--tau", "-1"], ["--dimension", "0"], ["--bogus"], ["--quick", "--full"]])
    func badInputGivesAClearError(arguments: [String]) throws {
        let result = try ChapterRun.execute(chapter, arguments)
        #expect(result.status != 0)
        #expect(result.err.lowercased().contains("error"))
        #expect(result.out.isEmpty, "a rejected command should not start the chapter")
    }

    @Test func neverOverwritesAFileItDidNotWrite() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let mine = dir.appendingPathComponent("attractor.tsv")
        try "my own measurements\n".write(to: mine, atomically: true, encoding: .utf8)
        let result = try ChapterRun.execute(chapter, ["--quick", "--out", dir.path])
        #expect(result.status != 0)
        #expect(result.err.contains("refusing to overwrite"))
        #expect(try String(contentsOf: mine, encoding: .utf8) == "my own measurements\n")
    }
}

/// The Makefile's own checks, as a student meets them.
@Suite struct MakefileTests {
    @Test func missingGnuplotIsAOneLineError() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["make", "--no-print-directory", "-s", "figures-01-takens", "GNUPLOT=no-such-gnuplot"]
        process.currentDirectoryURL = ChapterRun.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(output.contains("error: gnuplot not found"))
    }
}
