import Compute
import Foundation

/// The running chapter's voice: headings, sentences with measured numbers, tables, and the TSV files its
/// figures read. Everything printed goes to standard output and depends only on the seed and the scale,
/// so the same command prints the same text (timings go to standard error).
///
/// Printed `## ` headings match the `//: ## ` headings in the chapter's source, which is how the book
/// weaver puts each section's output under its prose.
public final class Notebook {
    public let chapter: String
    public let title: String
    public let options: ChapterOptions
    /// The compute configuration this run computes with (vector level, OpenBLAS core and threads, fast paths),
    /// fixed when the chapter starts: printed in the header and written into the first line of every file.
    public let compute: ComputeConfiguration
    /// Where the chapter's TSV files go (`--out`, or `figures/<chapter>/data` in the workspace).
    public let dataDirectory: URL
    private let started = Date()
    private var written: [String] = []
    /// Everything printed on standard output, saved as `output.txt` beside the data when the chapter finishes, so
    /// the book (`make book`) can put each section's output under its prose without running the chapter again.
    private var transcript: [String] = []
    /// The name of the saved transcript in the data folder.
    public static let transcriptName = "output.txt"

    /// - Parameters:
    ///   - chapter: the chapter's folder name, e.g. `01-takens`.
    ///   - source: leave as is; it lets the chapter find the workspace from wherever it is started.
    public init(chapter: String, title: String, options: ChapterOptions, source: String = #filePath) throws {
        self.chapter = chapter
        self.title = title
        self.options = options
        compute = try ComputeConfiguration.validated()
        if let out = options.out {
            dataDirectory = URL(fileURLWithPath: out, isDirectory: true)
        } else if let root = Workspace.root(near: source) {
            dataDirectory = root.appendingPathComponent("figures/\(chapter)/data", isDirectory: true)
        } else {
            dataDirectory = URL(fileURLWithPath: "figures/\(chapter)/data", isDirectory: true)
        }
        do {
            try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw NotebookError("cannot create the data folder \(dataDirectory.path): \(error.localizedDescription)")
        }
        // Fail now, not after minutes of computing, if the results could not be saved (a read-only --out).
        let probe = dataDirectory.appendingPathComponent(".t2t-write-check-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: probe.path, contents: Data()) else {
            throw NotebookError("cannot write into the data folder \(dataDirectory.path) (read-only?); choose another --out")
        }
        try? FileManager.default.removeItem(at: probe)
        let rule = String(repeating: "═", count: 72)
        emit(rule)
        emit("  \(title)")
        emit("  seed \(options.seed) · scale \(options.scale.rawValue) · data → \(displayPath(dataDirectory))")
        emit("  compute: \(compute)")
        emit(rule)
    }

    /// Prints a line on standard output and keeps it for the transcript. Every printing method goes through here;
    /// a chapter prints only through the notebook, so its whole output reaches the book.
    public func emit(_ text: String) {
        print(text)
        transcript.append(text)
    }

    /// A section heading, `## title`.
    public func section(_ heading: String) {
        emit("\n## \(heading)\n")
    }

    /// A paragraph of narrative, wrapped at 96 columns.
    public func say(_ text: String) {
        emit(Notebook.wrap(text, width: 96))
    }

    /// One measured quantity on its own line: `  τ (first AMI minimum) = 17 steps`.
    public func result(_ name: String, _ value: Double, unit: String = "", digits: Int = 4) {
        emit("  \(name) = \(Format.number(value, digits: digits))\(unit.isEmpty ? "" : " " + unit)")
    }

    /// A whole-number result (a delay in steps, a dimension): printed without decimals.
    public func result(_ name: String, _ value: Int?, unit: String = "") {
        let text = value.map { "\($0)" + (unit.isEmpty ? "" : " " + unit) } ?? "none found"
        emit("  \(name) = \(text)")
    }

    /// A timing or other machine-dependent fact: printed on standard error, so standard output stays the same
    /// from run to run and machine to machine.
    public func timing(_ text: String) {
        FileHandle.standardError.write(Data("  (\(text))\n".utf8))
    }

    public func table(_ table: Table) {
        emit(table.description)
    }

    /// A new TSV file named `<name>.tsv` in the data folder; fill it with rows, then `save` it.
    public func data(_ name: String, header: [String]) -> TSVFile {
        TSVFile(url: dataDirectory.appendingPathComponent("\(name).tsv"), header: header,
                provenance: provenance)
    }

    /// What the first line of every generated file says after the marker: chapter, seed, scale, configuration.
    public var provenance: String {
        "ch\(chapter.prefix(2)) \(chapter) seed=\(options.seed) scale=\(options.scale.rawValue) \(compute.tag)"
    }

    public func save(_ file: TSVFile) throws {
        try file.write()
        written.append(file.url.lastPathComponent)
    }

    /// A progress bar for a long loop (silent unless standard error is a terminal).
    public func progress(_ label: String, total: Int) -> ProgressBar {
        ProgressBar(label, total: total)
    }

    /// Closes the chapter: which data files it wrote, its transcript (`output.txt`, behind a `# t2t` line like
    /// every generated file), and (on standard error) how long it took.
    public func finish() {
        emit("\n── wrote \(written.count) data file(s) to \(displayPath(dataDirectory)): \(written.sorted().joined(separator: ", "))")
        do {
            try saveTranscript()
        } catch {
            FileHandle.standardError.write(Data("warning: \(error)\n".utf8))   // the data is written; only the book misses it
        }
        FileHandle.standardError.write(Data("  (\(chapter) finished in \(Format.duration(Date().timeIntervalSince(started))))\n".utf8))
    }

    /// Writes what the chapter printed to `output.txt` in the data folder (never over a file it did not write).
    func saveTranscript() throws {
        let url = dataDirectory.appendingPathComponent(Notebook.transcriptName)
        try TSVFile.checkOverwritable(url)
        try ((["\(TSVFile.marker) \(provenance) standard output"] + transcript).joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    private func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }

    public static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
