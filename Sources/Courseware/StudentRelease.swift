import Foundation

/// The student release: the whole workspace, with every reference solution replaced by a throwing stub and every
/// hidden test removed. It is a complete package (chapters, core, figures, tests) that builds as it is; only the
/// exercises are left to do, and each unfinished one fails its own tests with "not implemented: exercise N.M".
public struct StudentRelease {
    /// Relative path → content of every file of the release.
    public let files: [String: FileContent]
    /// Per processed file, what was taken out (for `validate`'s leak check).
    public let processed: [String: ProcessedSource]

    /// Files of the workspace that never ship: they answer exercises. The decision records explain what the
    /// experiments show (decisions 30–31 give the outcomes exercises 5.3 and 7.2 ask students to predict).
    public static let instructorOnly: Set<String> = ["docs/decisions.md"]

    /// Builds the release in memory from the instructor's workspace at `root`. Throws the first `MarkerError`.
    public init(root: URL) throws {
        let paths = try FileTree.sourceFiles(root: root).filter { !StudentRelease.instructorOnly.contains($0) }
        var files = try FileTree.read(paths, root: root)
        var processed: [String: ProcessedSource] = [:]
        for path in paths where path.hasSuffix(".swift") {
            let text = String(decoding: files[path]!.data, as: UTF8.self)
            let result = try MarkerProcessor.process(text, file: path)
            if result.hasMarkers {
                files[path]!.data = Data(result.studentText.utf8)
                processed[path] = result
            }
        }
        self.files = files
        self.processed = processed
    }

    public var solutionCount: Int { processed.values.reduce(0) { $0 + $1.solutions.count } }
    public var hiddenRegionCount: Int { processed.values.reduce(0) { $0 + $1.hiddenRegions } }

    /// Writes the release into `folder` (see `GeneratedFolder` for what it refuses). Returns the files written.
    @discardableResult
    public func write(to folder: GeneratedFolder) throws -> Int {
        try folder.sync(files)
    }

    /// Checks a release written to `folder` against the instructor's workspace at `root`: no marker line in any Swift
    /// file, and no non-trivial line of a solution in the student's copy of its file (a line that also occurs outside
    /// the solution regions of the instructor's file does not count). Returns `file:line: …` for each problem.
    public func leaks(root: URL, folder: URL) throws -> [String] {
        var leaks: [String] = []
        for path in files.keys.sorted() where path.hasSuffix(".swift") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) else {
                leaks.append("\(path): missing from the release in \(folder.path)")
                continue
            }
            let shipped = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in shipped.enumerated() {
                if case .marker = MarkerProcessor.classify(line) {
                    leaks.append("\(path):\(index + 1): a marker is left in the student release")
                }
            }
            guard let result = processed[path] else { continue }
            let instructor = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            var inside = Set<Int>()
            for region in result.solutions { inside.formUnion(region.begin...region.end) }
            let outside = Set(instructor.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { !inside.contains($0.offset + 1) }.map { $0.element.trimmingCharacters(in: .whitespaces) })
            let student = Set(shipped.map { $0.trimmingCharacters(in: .whitespaces) })
            for region in result.solutions {
                for (offset, line) in region.body.enumerated() {
                    let text = line.trimmingCharacters(in: .whitespaces)
                    guard text.count >= 12, !outside.contains(text), student.contains(text) else { continue }
                    leaks.append("\(path):\(region.begin + 1 + offset): a solution line is in the student release: \(text)")
                }
            }
        }
        return leaks
    }
}
