import Foundation

/// The Markdown the chapters' prose uses, rendered to HTML: headings, paragraphs, bullet and numbered lists,
/// indented blocks (the chapters' displayed equations), fenced code, block quotes, and inline `code`, **strong**,
/// *emphasis*, [links](url) and ![images](src). Not a full CommonMark implementation; enough for the book, with
/// no dependency.
public enum Markdown {
    public static func html(_ markdown: String) -> String {
        html(lines: markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    public static func html(lines: [String]) -> String {
        var out: [String] = []
        var i = 0
        var paragraph: [String] = []

        func flushParagraph() {
            if !paragraph.isEmpty {
                out.append("<p>" + inline(paragraph.joined(separator: "\n")) + "</p>")
                paragraph = []
            }
        }
        func isBlank(_ s: String) -> Bool { s.trimmingCharacters(in: .whitespaces).isEmpty }
        func indentation(_ s: String) -> Int { s.prefix { $0 == " " }.count }

        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if isBlank(line) { flushParagraph(); i += 1; continue }

            // Fenced code.
            if trimmed.hasPrefix("```") {
                flushParagraph()
                let language = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
                var code: [String] = []
                i += 1
                while i < lines.count && !lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("```") { code.append(lines[i]); i += 1 }
                i += 1
                let cls = language.isEmpty ? "" : " class=\"language-\(escape(language))\""
                out.append("<pre><code\(cls)>" + escape(code.joined(separator: "\n")) + "</code></pre>")
                continue
            }
            // Indented block (four spaces) where a paragraph could start: the chapters' displayed formulas.
            if indentation(line) >= 4 && paragraph.isEmpty {
                var block: [String] = []
                while i < lines.count && (indentation(lines[i]) >= 4 || isBlank(lines[i])) {
                    block.append(isBlank(lines[i]) ? "" : String(lines[i].dropFirst(4)))
                    i += 1
                }
                while block.last == "" { block.removeLast() }
                out.append("<pre class=\"display\">" + escape(block.joined(separator: "\n")) + "</pre>")
                continue
            }
            // Headings.
            if trimmed.hasPrefix("#") {
                let level = trimmed.prefix { $0 == "#" }.count
                let text = trimmed.dropFirst(level)
                if level <= 6 && (text.isEmpty || text.hasPrefix(" ")) {
                    flushParagraph()
                    let title = text.trimmingCharacters(in: .whitespaces)
                    out.append("<h\(level) id=\"\(anchor(title))\">" + inline(title) + "</h\(level)>")
                    i += 1
                    continue
                }
            }
            // Raw HTML blocks pass through (figures, details).
            if trimmed.hasPrefix("<") && paragraph.isEmpty {
                var block: [String] = []
                while i < lines.count && !isBlank(lines[i]) { block.append(lines[i]); i += 1 }
                out.append(block.joined(separator: "\n"))
                continue
            }
            // Block quote.
            if trimmed.hasPrefix(">") {
                flushParagraph()
                var quoted: [String] = []
                while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix(">") {
                    quoted.append(String(lines[i].trimmingCharacters(in: .whitespaces).dropFirst().drop { $0 == " " }))
                    i += 1
                }
                out.append("<blockquote>" + html(lines: quoted) + "</blockquote>")
                continue
            }
            // Lists: `* item`, `- item`, `1. item`; later lines of an item are indented or lazily continue it.
            if let kind = listMarker(trimmed), paragraph.isEmpty {
                var items: [[String]] = []
                while i < lines.count {
                    let l = lines[i], t = l.trimmingCharacters(in: .whitespaces)
                    if isBlank(l) {
                        // A blank line ends the list unless the next line is another item of it.
                        if i + 1 < lines.count, listMarker(lines[i + 1].trimmingCharacters(in: .whitespaces)) == kind {
                            i += 1; continue
                        }
                        break
                    }
                    if let m = listMarker(t), m == kind, indentation(l) < 2 {
                        items.append([String(t.dropFirst(markerLength(t)))])
                    } else if !items.isEmpty {
                        items[items.count - 1].append(t)
                    } else {
                        break
                    }
                    i += 1
                }
                let tag = kind == .ordered ? "ol" : "ul"
                out.append("<\(tag)>" + items.map { "<li>" + inline($0.joined(separator: "\n")) + "</li>" }.joined() + "</\(tag)>")
                continue
            }
            paragraph.append(trimmed)
            i += 1
        }
        flushParagraph()
        return out.joined(separator: "\n")
    }

    enum ListKind { case bullet, ordered }

    static func listMarker(_ trimmed: String) -> ListKind? {
        if trimmed.hasPrefix("* ") || trimmed.hasPrefix("- ") { return .bullet }
        let digits = trimmed.prefix { $0.isNumber }
        if !digits.isEmpty && digits.count <= 3 && trimmed.dropFirst(digits.count).hasPrefix(". ") { return .ordered }
        return nil
    }

    static func markerLength(_ trimmed: String) -> Int {
        if trimmed.hasPrefix("* ") || trimmed.hasPrefix("- ") { return 2 }
        return trimmed.prefix { $0.isNumber }.count + 2
    }

    /// Inline markup of one paragraph's text.
    public static func inline(_ text: String) -> String {
        var out = ""
        let chars = Array(text)
        var i = 0
        func find(_ target: String, from start: Int) -> Int? {
            let t = Array(target)
            var j = start
            while j + t.count <= chars.count {
                if Array(chars[j..<(j + t.count)]) == t { return j }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "`", let end = find("`", from: i + 1) {
                out += "<code>" + escape(String(chars[(i + 1)..<end])) + "</code>"
                i = end + 1
                continue
            }
            if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = find("**", from: i + 2), end > i + 2 {
                out += "<strong>" + inline(String(chars[(i + 2)..<end])) + "</strong>"
                i = end + 2
                continue
            }
            if c == "*", i + 1 < chars.count, !chars[i + 1].isWhitespace, chars[i + 1] != "*",
               let end = find("*", from: i + 1), !chars[end - 1].isWhitespace,
               i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber) {
                out += "<em>" + inline(String(chars[(i + 1)..<end])) + "</em>"
                i = end + 1
                continue
            }
            if c == "!" || c == "[", let link = parseLink(chars, at: c == "!" ? i + 1 : i), c == "[" || chars[i + 1] == "[" {
                if c == "!" {
                    out += "<img src=\"\(escape(link.url))\" alt=\"\(escape(link.text))\">"
                } else {
                    out += "<a href=\"\(escape(link.url))\">" + inline(link.text) + "</a>"
                }
                i = link.end
                continue
            }
            out += escape(String(c))
            i += 1
        }
        return out
    }

    /// `[text](url)` starting at `start` (the `[`), or nil.
    static func parseLink(_ chars: [Character], at start: Int) -> (text: String, url: String, end: Int)? {
        guard start < chars.count, chars[start] == "[" else { return nil }
        var j = start + 1, depth = 1
        while j < chars.count {
            if chars[j] == "[" { depth += 1 }
            if chars[j] == "]" { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        guard j + 1 < chars.count, chars[j + 1] == "(" else { return nil }
        guard let close = chars[(j + 2)...].firstIndex(of: ")") else { return nil }
        let url = String(chars[(j + 2)..<close])
        guard !url.contains(" ") else { return nil }
        return (String(chars[(start + 1)..<j]), url, close + 1)
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A heading's anchor: lower case, letters and digits, words joined by `-`.
    public static func anchor(_ title: String) -> String {
        var out = ""
        var dash = false
        for c in title.lowercased() {
            if c.isLetter || c.isNumber {
                if dash && !out.isEmpty { out += "-" }
                out.append(c)
                dash = false
            } else {
                dash = true
            }
        }
        return out
    }
}
