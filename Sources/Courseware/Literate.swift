import Foundation

/// A literate Swift source split into prose and code, Literate.jl's convention in Swift comments:
/// lines starting with `//:` (after indentation) are Markdown text, everything else is the program, and plain `//`
/// comments stay in the code, where they explain it.
public enum Literate {
    public enum Block: Equatable, Sendable {
        case prose([String])
        case code([String])
    }

    /// The blocks of a source file, in order. Blank lines belong to the block around them; code blocks lose their
    /// blank edges and their common indentation (the body of `Notebook.run { nb in … }` is indented once).
    public static func blocks(_ text: String) -> [Block] {
        enum Kind { case prose, code }
        var raw: [(Kind, [String])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let kind: Kind?
            var content = line
            if trimmed.hasPrefix("//:") {
                kind = .prose
                content = String(trimmed.dropFirst(3))
                if content.hasPrefix(" ") { content.removeFirst() }
            } else if trimmed.isEmpty {
                kind = nil
            } else {
                kind = .code
            }
            if let kind {
                if let last = raw.last, last.0 == kind {
                    raw[raw.count - 1].1.append(content)
                } else {
                    // Blank lines kept at the end of the previous block move nowhere: they separated the two kinds.
                    raw.append((kind, [content]))
                }
            } else if !raw.isEmpty {
                raw[raw.count - 1].1.append("")
            }
        }
        return raw.compactMap { kind, lines in
            var lines = lines
            while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
            while lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeFirst() }
            guard !lines.isEmpty else { return nil }
            return kind == .prose ? .prose(lines) : .code(dedent(lines))
        }
    }

    /// Removes the indentation all non-blank lines share. Lines of closing brackets alone (the `}` that ends
    /// `Notebook.run { nb in … }`) do not count, and lose what indentation they have.
    public static func dedent(_ lines: [String]) -> [String] {
        func closing(_ line: String) -> Bool {
            let t = line.trimmingCharacters(in: .whitespaces)
            return !t.isEmpty && t.allSatisfy { "})]".contains($0) }
        }
        let indents = lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty && !closing($0) }
            .map { $0.prefix { $0 == " " }.count }
        let common = indents.min() ?? 0
        return lines.map { line in
            if line.trimmingCharacters(in: .whitespaces).isEmpty { return "" }
            let indent = line.prefix { $0 == " " }.count
            return String(line.dropFirst(min(common, indent)))
        }
    }

    /// A part of a chapter that starts at a `## ` heading of its prose (the first part is what comes before any).
    public struct Section: Equatable, Sendable {
        /// The heading's text without `## `, nil for the part before the first heading.
        public var heading: String?
        public var blocks: [Block]
    }

    /// Splits blocks into sections at prose lines starting with `## `.
    public static func sections(_ blocks: [Block]) -> [Section] {
        var sections = [Section(heading: nil, blocks: [])]
        for block in blocks {
            guard case .prose(let lines) = block else { sections[sections.count - 1].blocks.append(block); continue }
            var current: [String] = []
            for line in lines {
                if line.hasPrefix("## ") {
                    while current.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { current.removeLast() }
                    if !current.isEmpty { sections[sections.count - 1].blocks.append(.prose(current)) }
                    current = [line]
                    sections.append(Section(heading: String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), blocks: []))
                } else {
                    current.append(line)
                }
            }
            if !current.isEmpty { sections[sections.count - 1].blocks.append(.prose(current)) }
        }
        if sections[0].blocks.isEmpty && sections.count > 1 { sections.removeFirst() }
        return sections
    }
}

/// A chapter's saved standard output (`figures/NN-name/data/output.txt`), cut at the `## ` headings it printed.
public struct Transcript: Equatable, Sendable {
    /// What was printed before the first heading: the banner with the title, the seed and the scale.
    public var banner: [String]
    public var sections: [(heading: String, lines: [String])]
    public var seed: String?
    public var scale: String?

    public static func == (a: Transcript, b: Transcript) -> Bool {
        a.banner == b.banner && a.seed == b.seed && a.scale == b.scale
            && a.sections.map(\.heading) == b.sections.map(\.heading) && a.sections.map(\.lines) == b.sections.map(\.lines)
    }

    public init(_ text: String) {
        banner = []
        sections = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("# t2t") { continue }    // the provenance line of generated files
            if line.hasPrefix("## ") {
                sections.append((String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces), []))
            } else if sections.isEmpty {
                banner.append(line)
            } else {
                sections[sections.count - 1].lines.append(line)
            }
        }
        func trim(_ lines: [String]) -> [String] {
            var lines = lines
            while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
            while lines.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeFirst() }
            return lines
        }
        banner = trim(banner)
        sections = sections.map { ($0.heading, trim($0.lines)) }
        for line in banner {
            let words = line.split(separator: " ")
            if let s = words.firstIndex(of: "seed"), s + 1 < words.count { seed = String(words[s + 1]) }
            if let s = words.firstIndex(of: "scale"), s + 1 < words.count { scale = String(words[s + 1]) }
        }
    }

    public func lines(for heading: String) -> [String]? {
        sections.first { $0.heading == heading }?.lines
    }
}

/// What a figure script says about itself: its leading `#` comment is the caption, `data("name")` the TSVs it draws.
public struct FigureScript: Equatable, Sendable {
    public let name: String
    public let caption: String
    public let dataNames: [String]

    public init(name: String, text: String) {
        self.name = name
        var caption: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#") else { break }
            caption.append(line.dropFirst().trimmingCharacters(in: .whitespaces))
        }
        self.caption = caption.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        var names: [String] = []
        var rest = text[...]
        while let r = rest.range(of: "data(\"") {
            let after = rest[r.upperBound...]
            let n = String(after.prefix { $0 != "\"" })
            if !n.isEmpty && !names.contains(n) { names.append(n) }
            rest = after
        }
        dataNames = names
    }
}
