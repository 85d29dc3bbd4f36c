import Foundation

/// One piece of a woven page.
public enum PageNode: Equatable, Sendable {
    /// Markdown text.
    case prose([String])
    /// Swift code.
    case code([String])
    /// What the chapter printed.
    case output([String])
    /// A figure: its path inside the book (`figures/01-takens/delay.svg`), nil if it was never rendered.
    case figure(name: String, path: String?, caption: String)
    /// A short remark about the page itself (where the output came from).
    case note(String)
    /// A collapsed block: a summary line and code (the chapter's other source files).
    case details(summary: String, code: [String])
}

/// A woven chapter.
public struct Page: Equatable, Sendable {
    /// The chapter folder, e.g. `01-takens`: also the page's file name.
    public let slug: String
    public let title: String
    /// The first paragraph of the text, for the index.
    public let summary: String
    public var nodes: [PageNode]
    /// Files to copy into the book: path inside the book → source file.
    public var assets: [String: URL]
    /// Problems worth a warning (output sections that match no heading, a missing transcript).
    public var warnings: [String]
}

/// Weaves each chapter into a page: the prose of `Chapters/NN-name/main.swift` as text, its code as code, the output
/// of each section (from the transcript the chapter saved) after that section, each figure after the section whose
/// text first names it, and the chapter's exercises (the student's version) at the end.
public struct Weaver {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// The chapter folders, in order (`Chapters/NN-name`).
    public var chapters: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Chapters").path)) ?? []
        return names.filter { $0.count > 3 && $0.prefix(2).allSatisfy(\.isNumber) && $0.dropFirst(2).hasPrefix("-") }.sorted()
    }

    public func weaveAll() throws -> [Page] {
        try chapters.map(weave)
    }

    public func weave(_ slug: String) throws -> Page {
        let folder = root.appendingPathComponent("Chapters/\(slug)")
        let mainURL = folder.appendingPathComponent("main.swift")
        guard let source = try? String(contentsOf: mainURL, encoding: .utf8) else {
            throw CoursewareError("cannot read \(mainURL.path)")
        }
        let sections = Literate.sections(Literate.blocks(source))
        let proseLines = sections.flatMap { $0.blocks.flatMap { block -> [String] in
            if case .prose(let l) = block { return l } else { return [] } } }
        let title = proseLines.first { $0.hasPrefix("# ") }.map { String($0.dropFirst(2)) } ?? slug
        let summary = Weaver.firstParagraph(proseLines)

        var warnings: [String] = []
        var assets: [String: URL] = [:]
        let transcriptURL = root.appendingPathComponent("figures/\(slug)/data/output.txt")
        let transcript = (try? String(contentsOf: transcriptURL, encoding: .utf8)).map(Transcript.init)
        if transcript == nil {
            warnings.append("\(slug): no saved output (\(transcriptURL.path)); run `make ch\(slug.prefix(2))` to include it")
        }

        // Figures, and the section each goes after.
        let figureDir = root.appendingPathComponent("figures/\(slug)")
        let scripts = ((try? FileManager.default.contentsOfDirectory(atPath: figureDir.path)) ?? []).filter { $0.hasSuffix(".gp") }.sorted()
        var figuresBySection = [[PageNode]](repeating: [], count: sections.count)
        for script in scripts {
            let name = String(script.dropLast(3))
            let text = (try? String(contentsOf: figureDir.appendingPathComponent(script), encoding: .utf8)) ?? ""
            let figure = FigureScript(name: name, text: text)
            let index = Weaver.section(for: figure, in: sections)
            var path: String?
            for ext in ["svg", "png"] {
                let file = figureDir.appendingPathComponent("\(name).\(ext)")
                if FileManager.default.fileExists(atPath: file.path) {
                    path = "figures/\(slug)/\(name).\(ext)"
                    assets[path!] = file
                    break
                }
            }
            if path == nil { warnings.append("\(slug): figure \(name) is not rendered; run `make figures-\(slug)`") }
            figuresBySection[index].append(.figure(name: name, path: path, caption: figure.caption))
        }

        var nodes: [PageNode] = []
        var matched = Set<String>()
        for (index, section) in sections.enumerated() {
            // What the section printed goes right after its last code block, before any closing remarks.
            let lastCode = section.blocks.lastIndex { if case .code = $0 { return true } else { return false } }
            let split = lastCode.map { $0 + 1 } ?? section.blocks.count
            for block in section.blocks[..<split] {
                switch block {
                case .prose(let lines): nodes.append(.prose(lines))
                case .code(let lines): nodes.append(.code(lines))
                }
            }
            var after: [PageNode] = []
            for block in section.blocks[split...] {
                if case .prose(let lines) = block { after.append(.prose(lines)) }
            }
            if index == 0, let transcript {
                var where_ = "The output below is from a run"
                if let seed = transcript.seed { where_ += " with seed \(seed)" }
                if let scale = transcript.scale { where_ += " at the \(scale) scale" }
                nodes.append(.note(where_ + " (`make ch\(slug.prefix(2))` reruns it; `make book` weaves the pages again)."))
                if !transcript.banner.isEmpty { nodes.append(.output(transcript.banner)) }
            }
            if let heading = section.heading, let lines = transcript?.lines(for: heading) {
                matched.insert(heading)
                if !lines.isEmpty { nodes.append(.output(lines)) }
            }
            nodes += figuresBySection[index]
            nodes += after
        }
        if let transcript {
            for section in transcript.sections where !matched.contains(section.heading) {
                warnings.append("\(slug): printed section \"\(section.heading)\" matches no `//: ## ` heading of main.swift")
                nodes.append(.prose(["## \(section.heading)"]))
                nodes.append(.output(section.lines))
            }
        }

        nodes += try exerciseNodes(slug)

        // The chapter's other source files, collapsed.
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".swift") && $0 != "main.swift" }.sorted()
        if !others.isEmpty {
            nodes.append(.prose(["## The chapter's other files"]))
            for file in others {
                let text = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                while lines.last?.isEmpty == true { lines.removeLast() }
                nodes.append(.details(summary: "Chapters/\(slug)/\(file)", code: lines))
            }
        }
        return Page(slug: slug, title: title, summary: summary, nodes: nodes, assets: assets, warnings: warnings)
    }

    /// The chapter's exercises as the student sees them: solutions replaced by their stubs.
    func exerciseNodes(_ slug: String) throws -> [PageNode] {
        let files = swiftFiles(under: "\(ExerciseCatalog.exercisesFolder)/\(slug)", root: root)
        var exercises: [(ExerciseID, [PageNode])] = []
        for path in files {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            let processed = try MarkerProcessor.process(text, file: path)
            guard let first = processed.headings.first else { continue }
            var nodes: [PageNode] = []
            for block in Literate.blocks(processed.studentText) {
                switch block {
                case .prose(let lines):
                    // An exercise's `## ` heading sits one level below the page's "Exercises".
                    nodes.append(.prose(lines.map { $0.hasPrefix("#") && !$0.hasPrefix("###") ? "#" + $0 : $0 }))
                case .code(let lines):
                    nodes.append(.code(lines))
                }
            }
            nodes.append(.note("Source: `\(path)`. Test it with `make grade STUDENT=.`"))
            exercises.append((first.id, nodes))
        }
        guard !exercises.isEmpty else { return [] }
        let intro = PageNode.prose(["## Exercises", "",
                                    "Each exercise is a Swift file in `\(ExerciseCatalog.exercisesFolder)/\(slug)/`: replace the line that "
                                    + "throws `not implemented` with your code. `make grade STUDENT=.` runs the tests and prints a "
                                    + "score table (see `docs/assignments.md`)."])
        return [intro] + exercises.sorted { $0.0 < $1.0 }.flatMap(\.1)
    }

    /// Where a figure goes: after the section whose prose first names it (`delay.png`), else the section that
    /// creates its data (`nb.data("delay"`), else the last section.
    static func section(for figure: FigureScript, in sections: [Literate.Section]) -> Int {
        func prose(_ s: Literate.Section) -> String {
            s.blocks.compactMap { if case .prose(let l) = $0 { return l.joined(separator: "\n") } else { return nil } }.joined(separator: "\n")
        }
        func code(_ s: Literate.Section) -> String {
            s.blocks.compactMap { if case .code(let l) = $0 { return l.joined(separator: "\n") } else { return nil } }.joined(separator: "\n")
        }
        for (i, s) in sections.enumerated() {
            let text = prose(s)
            if text.contains("`\(figure.name).png`") || text.contains("`\(figure.name).svg`") { return i }
        }
        for (i, s) in sections.enumerated() {
            let text = code(s)
            if figure.dataNames.contains(where: { text.contains("data(\"\($0)\"") }) { return i }
        }
        return max(sections.count - 1, 0)
    }

    /// The first paragraph after the title.
    static func firstParagraph(_ prose: [String]) -> String {
        var paragraph: [String] = []
        for line in prose {
            if line.hasPrefix("#") { if paragraph.isEmpty { continue } else { break } }
            if line.trimmingCharacters(in: .whitespaces).isEmpty { if paragraph.isEmpty { continue } else { break } }
            paragraph.append(line.trimmingCharacters(in: .whitespaces))
        }
        return paragraph.joined(separator: " ")
    }
}
