import Foundation

/// Writes woven pages as Markdown (`NN-name.md`, `index.md`) and as static HTML (`NN-name.html`, `index.html`) with
/// the SVG figures copied beside them: a folder that can be opened from disk or put on any web server.
public struct BookWriter {
    public let pages: [Page]
    public let bookTitle: String

    public init(pages: [Page], bookTitle: String = "Takens to Transformers") {
        self.pages = pages
        self.bookTitle = bookTitle
    }

    /// Every file of the book: path → content.
    public func files() throws -> [String: FileContent] {
        var files: [String: FileContent] = [:]
        for (index, page) in pages.enumerated() {
            let previous = index > 0 ? pages[index - 1] : nil
            let next = index + 1 < pages.count ? pages[index + 1] : nil
            files["\(page.slug).md"] = FileContent(text: markdown(page, previous: previous, next: next))
            files["\(page.slug).html"] = FileContent(text: html(page, previous: previous, next: next))
            for (path, source) in page.assets {
                guard let data = FileManager.default.contents(atPath: source.path) else {
                    throw CoursewareError("cannot read \(source.path)")
                }
                files[path] = FileContent(data: data)
            }
        }
        files["index.md"] = FileContent(text: indexMarkdown())
        files["index.html"] = FileContent(text: indexHTML())
        return files
    }

    // MARK: Markdown

    public func markdown(_ page: Page, previous: Page?, next: Page?) -> String {
        var out: [String] = [navigation(previous: previous, next: next, ext: "md"), ""]
        for node in page.nodes {
            switch node {
            case .prose(let lines):
                out += lines
            case .code(let lines):
                out += ["```swift"] + lines + ["```"]
            case .output(let lines):
                out += ["```text"] + lines + ["```"]
            case .figure(let name, let path, let caption):
                if let path {
                    out += ["![\(name)](\(path))", "", "*Figure `\(name)`.* \(caption)"]
                } else {
                    out += ["*Figure `\(name)` is not rendered yet.* \(caption)"]
                }
            case .note(let text):
                out += ["> " + text]
            case .details(let summary, let code):
                out += ["<details><summary>\(Markdown.escape(summary))</summary>", "", "```swift"] + code + ["```", "", "</details>"]
            }
            out.append("")
        }
        out.append(navigation(previous: previous, next: next, ext: "md"))
        return out.joined(separator: "\n") + "\n"
    }

    func navigation(previous: Page?, next: Page?, ext: String) -> String {
        var parts = ["[Contents](index.\(ext))"]
        if let previous { parts.insert("[← \(previous.title)](\(previous.slug).\(ext))", at: 0) }
        if let next { parts.append("[\(next.title) →](\(next.slug).\(ext))") }
        return parts.joined(separator: " · ")
    }

    public func indexMarkdown() -> String {
        var out = ["# \(bookTitle)", "", BookWriter.introduction, ""]
        for page in pages {
            out.append("\(Int(page.slug.prefix(2)) ?? 0). [\(page.title)](\(page.slug).md) — \(page.summary)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    static let introduction = "A literate course in Swift: how sequence models learn delay embeddings of partially observed "
        + "dynamical systems. Each page is woven from a chapter's source (`Chapters/NN-name/main.swift`): its text, its code, "
        + "what it printed when it ran, and its figures, followed by the chapter's exercises. `make book` weaves it again."

    // MARK: HTML

    public func html(_ page: Page, previous: Page?, next: Page?) -> String {
        var body: [String] = []
        for node in page.nodes {
            switch node {
            case .prose(let lines):
                body.append(Markdown.html(lines: lines))
            case .code(let lines):
                body.append("<pre class=\"code\"><code>" + SwiftHighlighter.html(lines.joined(separator: "\n")) + "</code></pre>")
            case .output(let lines):
                body.append("<pre class=\"output\">" + Markdown.escape(lines.joined(separator: "\n")) + "</pre>")
            case .figure(let name, let path, let caption):
                let image = path.map { "<img src=\"\(Markdown.escape($0))\" alt=\"\(Markdown.escape(name))\">" }
                    ?? "<p class=\"missing\">(not rendered yet)</p>"
                body.append("<figure id=\"figure-\(Markdown.anchor(name))\">\(image)<figcaption><b>\(Markdown.escape(name))</b> · "
                            + Markdown.inline(caption) + "</figcaption></figure>")
            case .note(let text):
                body.append("<p class=\"note\">" + Markdown.inline(text) + "</p>")
            case .details(let summary, let code):
                body.append("<details><summary>\(Markdown.escape(summary))</summary><pre class=\"code\"><code>"
                            + SwiftHighlighter.html(code.joined(separator: "\n")) + "</code></pre></details>")
            }
        }
        let nav = "<nav>" + Markdown.inline(navigation(previous: previous, next: next, ext: "html")) + "</nav>"
        return document(title: "\(page.title) · \(bookTitle)", body: nav + "\n" + body.joined(separator: "\n") + "\n" + nav)
    }

    public func indexHTML() -> String {
        var body = ["<h1>\(Markdown.escape(bookTitle))</h1>", "<p>" + Markdown.inline(BookWriter.introduction) + "</p>", "<ol class=\"toc\">"]
        for page in pages {
            body.append("<li value=\"\(Int(page.slug.prefix(2)) ?? 0)\"><a href=\"\(page.slug).html\">\(Markdown.escape(page.title))</a>"
                        + "<br><span>\(Markdown.inline(page.summary))</span></li>")
        }
        body.append("</ol>")
        return document(title: bookTitle, body: body.joined(separator: "\n"))
    }

    func document(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Markdown.escape(title))</title>
        <style>
        \(BookWriter.css)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    static let css = """
    body { margin: 0; background: #fdfdfc; color: #1d1d1f; font: 17px/1.6 Georgia, "Times New Roman", serif; }
    main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
    h1, h2, h3, nav, figcaption, .note, .toc span { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
    h1 { font-size: 1.9rem; line-height: 1.25; } h2 { margin-top: 2.4rem; border-bottom: 1px solid #ddd; } h3 { margin-top: 1.8rem; }
    nav { font-size: 0.9rem; color: #666; margin: 0.5rem 0 1.5rem; } a { color: #0b5cad; }
    pre { overflow-x: auto; padding: 0.7rem 0.9rem; border-radius: 6px; font: 13.5px/1.45 "SFMono-Regular", Menlo, Consolas, monospace; }
    pre.code { background: #f4f5f7; border-left: 3px solid #0072B2; }
    pre.output { background: #fbfaf3; border-left: 3px solid #E69F00; color: #333; }
    pre.display { background: none; padding-left: 2rem; font-size: 15px; }
    code { font-family: "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.88em; }
    p code, li code { background: #f1f1f1; padding: 0 0.2em; border-radius: 3px; }
    .kw { color: #9b2393; } .str { color: #c41a16; } .com { color: #5d6c79; font-style: italic; } .num { color: #1c00cf; }
    figure { margin: 1.5rem 0; text-align: center; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
    figcaption { font-size: 0.88rem; color: #444; text-align: left; margin-top: 0.4rem; }
    .note { font-size: 0.88rem; color: #666; border-left: 3px solid #ccc; padding-left: 0.8rem; }
    details { margin: 0.6rem 0; } summary { cursor: pointer; font-family: monospace; }
    .toc li { margin-bottom: 0.9rem; } .toc span { font-size: 0.9rem; color: #555; }
    """
}

/// Minimal Swift syntax colouring for the book: comments, string literals, numbers and keywords.
public enum SwiftHighlighter {
    static let keywords: Set<String> = ["let", "var", "func", "for", "in", "if", "else", "guard", "return", "throw", "throws",
                                        "try", "import", "struct", "enum", "extension", "public", "static", "case", "switch",
                                        "default", "do", "catch", "while", "repeat", "break", "continue", "nil", "true", "false",
                                        "self", "init", "where", "as", "is", "private", "mutating", "inout", "class", "protocol",
                                        "rethrows", "defer", "some", "any", "typealias", "final", "let", "fileprivate", "internal"]

    public static func html(_ code: String) -> String {
        var out = ""
        let chars = Array(code)
        var i = 0
        func span(_ cls: String, _ text: String) { out += "<span class=\"\(cls)\">" + Markdown.escape(text) + "</span>" }
        while i < chars.count {
            let c = chars[i]
            if c == "/" && i + 1 < chars.count && chars[i + 1] == "/" {
                var j = i
                while j < chars.count && chars[j] != "\n" { j += 1 }
                span("com", String(chars[i..<j]))
                i = j
            } else if c == "\"" {
                var j = i + 1
                while j < chars.count && chars[j] != "\"" && chars[j] != "\n" {
                    if chars[j] == "\\" { j += 1 }
                    j += 1
                }
                j = min(j + 1, chars.count)
                span("str", String(chars[i..<j]))
                i = j
            } else if c.isLetter || c == "_" || c == "@" || c == "#" {
                var j = i + 1
                while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
                let word = String(chars[i..<j])
                if keywords.contains(word) { span("kw", word) } else { out += Markdown.escape(word) }
                i = j
            } else if c.isNumber {
                var j = i + 1
                while j < chars.count && (chars[j].isNumber || chars[j] == "_" || chars[j] == "e"
                                          || (chars[j] == "." && j + 1 < chars.count && chars[j + 1].isNumber)) { j += 1 }
                span("num", String(chars[i..<j]))
                i = j
            } else {
                out += Markdown.escape(String(c))
                i += 1
            }
        }
        return out
    }
}
