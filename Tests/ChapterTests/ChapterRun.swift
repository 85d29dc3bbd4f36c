import ChapterClaims
import Foundation
import Notebook
import Testing

/// Runs a chapter's executable the way a student would (`chNN --quick --seed S --out DIR`), then gives the
/// tests its TSV data and renders its gnuplot scripts. Chapters are checked through what they write, so the
/// tests see exactly what the figures show. Running is `ChapterRunner`'s (Sources/ChapterClaims), which
/// `make calibrate` uses too.
struct ChapterRun {
    let chapter: String          // e.g. "01-takens"
    let outputDirectory: URL
    let stdout: String

    static let root = ChapterRunner.root
    static let runner = ChapterRunner()

    typealias Failure = ChapterRunner.Failure

    /// Runs `chNN` with `arguments` and returns its exit status, standard output and standard error.
    static func execute(_ chapter: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try executeBinary("ch" + chapter.prefix(2), arguments)
    }

    /// Runs the workspace executable `name` (a chapter, `bench`) from the workspace root, OpenBLAS on one thread.
    static func executeBinary(_ name: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let result = try runner.execute(name, arguments)
        return (result.status, result.out, result.err)
    }

    /// Runs the chapter at `--quick` into a fresh temporary folder, with the arguments its claims need.
    static func quick(_ chapter: String, seed: Int = 1, claimArguments: Bool = true, extra: [String] = []) throws
        -> ChapterRun {
        let output = try runner.quick(chapter, seed: seed, claimArguments: claimArguments, extra: extra)
        let dir = output.directory
        // The book weaves the saved transcript, so it must hold everything the chapter printed (print through `nb`).
        let transcript = (try? String(contentsOf: dir.appendingPathComponent(Notebook.transcriptName), encoding: .utf8)) ?? ""
        guard transcript.hasPrefix(TSVFile.marker), transcript.drop(while: { $0 != "\n" }).dropFirst() == output.stdout else {
            throw Failure(description: "\(chapter): \(Notebook.transcriptName) differs from what the chapter printed "
                          + "(does it call print() instead of nb.say/nb.emit?)")
        }
        return ChapterRun(chapter: chapter, outputDirectory: dir, stdout: output.stdout)
    }

    /// `quick`, awaited off the cooperative pool (OffThePool.swift): for the runs that take many seconds.
    static func quickAwaited(_ chapter: String, seed: Int = 1, claimArguments: Bool = true, extra: [String] = []) async throws
        -> ChapterRun {
        try await offThePool { try quick(chapter, seed: seed, claimArguments: claimArguments, extra: extra) }
    }

    /// `execute`, awaited off the cooperative pool.
    static func executeAwaited(_ chapter: String, _ arguments: [String]) async throws -> (status: Int32, out: String, err: String) {
        try await offThePool { try execute(chapter, arguments) }
    }

    var output: ChapterOutput { ChapterOutput(directory: outputDirectory, stdout: stdout) }

    /// Checks every claim of the chapter (Sources/ChapterClaims) on this run. Each claim's bound was set from
    /// docs/calibration.md (its row is the claim's id), with a margin beyond the worst of ≥ 10 seeds on several
    /// compute configurations.
    func expectEveryClaim(sourceLocation: SourceLocation = #_sourceLocation) {
        let claims = ChapterClaims.of(chapter)
        #expect(!claims.isEmpty, "no claims for \(chapter)", sourceLocation: sourceLocation)
        for claim in claims where claim.isTested {
            do {
                let value = try claim.value(in: output)
                let message = "\(claim.id): \(claim.statement) — \(claim.statistic) = \(value), bound \(claim.bound) "
                    + "(docs/calibration.md, row \(claim.id))"
                #expect(claim.bound.holds(value), Comment(rawValue: message), sourceLocation: sourceLocation)
            } catch {
                Issue.record(Comment(rawValue: "\(claim.id): cannot measure: \(error)"), sourceLocation: sourceLocation)
            }
        }
    }

    /// The same seed and configuration must give the same bytes: every TSV, and the printed text once the
    /// (different) temporary folders are named alike.
    static func expectSameBytes(_ a: ChapterRun, _ b: ChapterRun, tables: [String],
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        for name in tables {
            let fa = try String(contentsOf: a.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            let fb = try String(contentsOf: b.outputDirectory.appendingPathComponent("\(name).tsv"), encoding: .utf8)
            #expect(fa == fb, "\(name).tsv differs between two runs with the same seed", sourceLocation: sourceLocation)
        }
        #expect(a.stdout.replacingOccurrences(of: a.outputDirectory.path, with: "OUT")
                == b.stdout.replacingOccurrences(of: b.outputDirectory.path, with: "OUT"), sourceLocation: sourceLocation)
    }

    func table(_ name: String) throws -> TSVTable {
        try TSVTable(contentsOf: outputDirectory.appendingPathComponent("\(name).tsv"))
    }

    var scripts: [URL] {
        let dir = ChapterRun.root.appendingPathComponent("figures/\(chapter)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".gp") }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// Renders every gnuplot script of the chapter from this run's data; returns the PNGs it made.
    func renderFigures() throws -> [URL] {
        try scripts.map { script in
            let png = outputDirectory.appendingPathComponent(script.deletingPathExtension().lastPathComponent + ".png")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gnuplot", "-c", script.path, outputDirectory.path, png.path]
            process.currentDirectoryURL = ChapterRun.root
            let errPipe = Pipe()
            process.standardError = errPipe
            try process.run()
            let err = String(decoding: errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw Failure(description: "\(script.lastPathComponent) failed: \(err)")
            }
            // gnuplot warns (and still exits 0) when a column or file is missing; treat that as a failure.
            if err.lowercased().contains("warning") || err.contains("No data") {
                throw Failure(description: "\(script.lastPathComponent): \(err)")
            }
            return png
        }
    }
}
