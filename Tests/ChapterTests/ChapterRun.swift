import Foundation
import Notebook

/// Runs a chapter's executable the way a student would (`chNN --quick --seed S --out DIR`), then gives the
/// tests its TSV data and renders its gnuplot scripts. Chapters are checked through what they write, so the
/// tests see exactly what the figures show.
struct ChapterRun {
    let chapter: String          // e.g. "01-takens"
    let outputDirectory: URL
    let stdout: String

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding the chapter binaries: `T2T_BIN_DIR` (set by `make test`), else the release build.
    static var binaryDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["T2T_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        for config in ["release", "debug"] {
            let dir = root.appendingPathComponent(".build/\(config)")
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("ch01").path) { return dir }
        }
        return root.appendingPathComponent(".build/release")
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `chNN` with `arguments` and returns its exit status, standard output and standard error.
    static func execute(_ chapter: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try executeBinary("ch" + chapter.prefix(2), arguments)
    }

    /// Runs the workspace executable `name` (a chapter, `bench`) from the workspace root, OpenBLAS on one thread.
    static func executeBinary(_ name: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let binary = binaryDirectory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw Failure(description: "no \(name) binary at \(binary.path); run `make test` (it builds it)")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        // Read before waiting so a chatty chapter cannot fill the pipe and stall.
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        let errData = errPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Runs the chapter at `--quick` into a fresh temporary folder.
    static func quick(_ chapter: String, seed: Int = 1, extra: [String] = []) throws -> ChapterRun {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-\(chapter)-\(seed)-\(UUID().uuidString)")
        let result = try execute(chapter, ["--quick", "--seed", "\(seed)", "--out", dir.path] + extra)
        guard result.status == 0 else {
            throw Failure(description: "\(chapter) exited with \(result.status):\n\(result.err)\n\(result.out.suffix(2000))")
        }
        // The book weaves the saved transcript, so it must hold everything the chapter printed (print through `nb`).
        let transcript = (try? String(contentsOf: dir.appendingPathComponent(Notebook.transcriptName), encoding: .utf8)) ?? ""
        guard transcript.hasPrefix(TSVFile.marker), transcript.drop(while: { $0 != "\n" }).dropFirst() == result.out else {
            throw Failure(description: "\(chapter): \(Notebook.transcriptName) differs from what the chapter printed "
                          + "(does it call print() instead of nb.say/nb.emit?)")
        }
        return ChapterRun(chapter: chapter, outputDirectory: dir, stdout: result.out)
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
