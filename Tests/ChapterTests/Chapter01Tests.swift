import Foundation
import Testing
import Notebook

/// Chapter 1 at --quick: it must write every figure's data, every figure must render, and the data must show
/// the chapter's claims. Thresholds are properties of the Lorenz system, not numbers copied from a run.
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

        // τ: the first minimum of mutual information of Lorenz x lies near 0.1–0.2 time units.
        let tau = try run.table("delay").column("chosen")[0]
        #expect((10...25).contains(Int(tau)))

        // d: the clean x needs about three coordinates (Lorenz's attractor dimension is ≈ 2.06).
        let dimension = try run.table("dimension")
        let fnnClean = try dimension.column("fnn_clean_percent")
        let dClean = (fnnClean.firstIndex { $0 < 5 } ?? 99) + 1
        #expect((2...4).contains(dClean))
        #expect((2...5).contains(Int(try dimension.column("chosen")[0])))
        // E2 away from 1 is Cao's evidence of determinism.
        #expect(try dimension.column("e2").contains { abs($0 - 1) > 0.3 })

        // Reconstruction: one coordinate cannot give z (symmetry), three delays do; noise lowers the ceiling.
        let reconstruction = try run.table("reconstruction")
        let blocks = reconstruction.blocks.count
        #expect(blocks >= 2)
        func r2z(block: Int, d: Int) throws -> Double {
            let ds = try reconstruction.column("d", block: block)
            return try reconstruction.column("r2_z", block: block)[ds.firstIndex(of: Double(d))!]
        }
        #expect(try reconstruction.column("noise", block: 0)[0] == 0)
        #expect(try r2z(block: 0, d: 3) >= 0.9)
        #expect(try r2z(block: 0, d: 1) < 0.5)
        #expect(try r2z(block: blocks - 1, d: 3) < r2z(block: 0, d: 3))

        // Forecasts: excellent one step ahead, worse after a few Lyapunov times.
        let forecast = try run.table("forecast")
        let rho = try forecast.column("rho", block: 0)
        #expect(rho[0] > 0.95)
        #expect(rho.last! < rho[0] - 0.05)
    }

    @Test func sameSeedSameNumbers() throws {
        let a = try ChapterRun.quick(chapter, seed: 3), b = try ChapterRun.quick(chapter, seed: 3)
        let c = try ChapterRun.quick(chapter, seed: 4)
        for name in tables {
            let fa = try String(contentsOf: a.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            let fb = try String(contentsOf: b.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            #expect(fa == fb, "\(name).tsv differs between two runs with the same seed")
        }
        // Printed text too, once the (different) temporary folders are named alike.
        #expect(a.stdout.replacingOccurrences(of: a.outputDirectory.path, with: "OUT")
                == b.stdout.replacingOccurrences(of: b.outputDirectory.path, with: "OUT"))
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
