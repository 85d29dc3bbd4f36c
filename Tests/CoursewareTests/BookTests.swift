import Courseware
import Foundation
import Testing

/// The fixture workspace for the weaver, copied to a temporary folder with one exercise added (its markers are
/// written here, so the fixture itself has none for the student release to process).
func bookFixture() throws -> URL {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/book")
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-book-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: fixture, to: root)
    let exercise = root.appendingPathComponent("Exercises/01-demo/Wave.swift")
    try FileManager.default.createDirectory(at: exercise.deletingLastPathComponent(), withIntermediateDirectories: true)
    try source("""
    %%: ## Exercise 1.1 · Sample the wave
    %%:
    %%: Return sin(t).
    import Foundation

    extension Ch01 {
        public static func wave(_ t: Double) throws -> Double {
            %% BEGIN SOLUTION
            return Foundation.sin(t) + secretOffset
            %% END SOLUTION
        }
    }
    """).write(to: exercise, atomically: true, encoding: .utf8)
    return root
}

@Suite struct LiterateTests {
    @Test func proseAndCodeSplitAndCodeIsDedented() {
        let blocks = Literate.blocks("//: # Title\n//:\n//: Text.\n\nlet a = 1\n\n    //: ## 1. Section\n    let b = 2\n        let c = 3\n")
        #expect(blocks == [.prose(["# Title", "", "Text."]), .code(["let a = 1"]), .prose(["## 1. Section"]),
                           .code(["let b = 2", "    let c = 3"])])
        let sections = Literate.sections(blocks)
        #expect(sections.map(\.heading) == [nil, "1. Section"])
    }

    @Test func transcriptIsCutAtItsHeadings() {
        let t = Transcript("# t2t ch01 x\n═══\n  T\n  seed 4 · scale standard · data → d\n═══\n\n## 1. A\n\n  x = 1\n\n## 2. B\n")
        #expect(t.seed == "4" && t.scale == "standard")
        #expect(t.banner.count == 4)
        #expect(t.lines(for: "1. A") == ["  x = 1"])
        #expect(t.lines(for: "2. B") == [])
        #expect(t.lines(for: "3. C") == nil)
    }

    @Test func figureScriptsGiveTheirCaptionAndData() {
        let f = FigureScript(name: "delay", text: "# Mutual information\n# against τ.\ncall \"figures/style.gp\" ARG1 ARG2\nplot data(\"delay\") u 1:2, data(\"other\") u 1:3, data(\"delay\") u 1:4\n")
        #expect(f.caption == "Mutual information against τ.")
        #expect(f.dataNames == ["delay", "other"])
    }
}

@Suite struct MarkdownTests {
    @Test func blocks() {
        let html = Markdown.html("## 1. A *b* title\n\nText with `code <x>`, **bold** and a [link](a.html).\nNext line.\n\n    ẋ = σ (y − x)\n\n* one\n  continued\n* two\n\n1. first\n2. second\n\n> quoted")
        #expect(html.contains("<h2 id=\"1-a-b-title\">1. A <em>b</em> title</h2>"))
        #expect(html.contains("<p>Text with <code>code &lt;x&gt;</code>, <strong>bold</strong> and a <a href=\"a.html\">link</a>.\nNext line.</p>"))
        #expect(html.contains("<pre class=\"display\">ẋ = σ (y − x)</pre>"))
        #expect(html.contains("<ul><li>one\ncontinued</li><li>two</li></ul>"))
        #expect(html.contains("<ol><li>first</li><li>second</li></ol>"))
        #expect(html.contains("<blockquote><p>quoted</p></blockquote>"))
    }

    @Test func inlineEdgeCases() {
        #expect(Markdown.inline("2 * 3 * 4") == "2 * 3 * 4")
        #expect(Markdown.inline("a*b*") == "a*b*")
        #expect(Markdown.inline("![fig](f.svg)") == "<img src=\"f.svg\" alt=\"fig\">")
        #expect(Markdown.inline("x < y & z") == "x &lt; y &amp; z")
        #expect(SwiftHighlighter.html("let s = \"a<b\" // note") ==
                "<span class=\"kw\">let</span> s = <span class=\"str\">&quot;a&lt;b&quot;</span> <span class=\"com\">// note</span>")
    }
}

@Suite struct WeaverTests {
    @Test func weavesProseCodeOutputFiguresAndExercises() throws {
        let root = try bookFixture()
        let weaver = Weaver(root: root)
        #expect(weaver.chapters == ["01-demo", "02-second"])
        let page = try weaver.weave("01-demo")
        #expect(page.title == "Chapter 1 · A demo chapter")
        #expect(page.summary == "The first paragraph says what the chapter is about, over two lines.")

        func index(_ predicate: (PageNode) -> Bool) -> Int? { page.nodes.firstIndex(where: predicate) }
        let heading1 = try #require(index { $0 == .prose(["## 1. A wave", "", "We compute a *wave* and draw it (figure `wave.png`):", "",
                                                          "    w(t) = sin(t)", "", "* one bullet", "* two bullets"]) })
        let output1 = try #require(index { $0 == .output(["  largest w = 1 <ok>"]) })
        let figure = try #require(index { if case .figure(let name, let path, let caption) = $0 {
            return name == "wave" && path == "figures/01-demo/wave.svg" && caption == "A sine wave against time: the caption of the figure, on two comment lines."
        } else { return false } })
        let heading2 = try #require(index { if case .prose(let l) = $0 { return l.first == "## 2. Quiet" } else { return false } })
        let remark = try #require(index { $0 == .prose(["A closing remark on section 1, after its code."]) })
        #expect(heading1 < output1 && output1 < figure && figure < remark && remark < heading2,
                "output and figure come after section 1's code, before its closing remark")
        #expect(page.nodes.contains(.code(["nb.section(\"1. A wave\")", "// A plain comment stays in the code.",
                                           "var file = nb.data(\"wave\", header: [\"t\", \"w\"])", "nb.result(\"largest w\", 1.0)"])))
        // The banner comes with a note saying which run it was.
        #expect(page.nodes.contains { if case .note(let t) = $0 { return t.contains("seed 3") && t.contains("quick") } else { return false } })
        // A printed section with no heading in the source is kept, with a warning.
        #expect(page.warnings.contains { $0.contains("9. Printed but not in the source") })
        #expect(page.nodes.contains(.output(["  orphan line", "", "── wrote 1 data file(s) to figures/01-demo/data: wave.tsv"])))

        // The exercise as the student sees it: the stub, never the solution.
        let all = page.nodes.map { "\($0)" }.joined()
        #expect(all.contains("### Exercise 1.1 · Sample the wave"))
        #expect(all.contains("notImplemented(\\\"exercise 1.1\\\")"))
        #expect(!all.contains("secretOffset"))
        // The chapter's other file, collapsed.
        #expect(page.nodes.contains { if case .details(let summary, _) = $0 { return summary == "Chapters/01-demo/Options.swift" } else { return false } })

        let second = try weaver.weave("02-second")
        #expect(second.warnings.contains { $0.contains("no saved output") })
    }

    @Test func writesMarkdownHTMLAndTheIndex() throws {
        let root = try bookFixture()
        let pages = try Weaver(root: root).weaveAll()
        let files = try BookWriter(pages: pages).files()
        #expect(Set(files.keys) == ["index.md", "index.html", "01-demo.md", "01-demo.html", "02-second.md", "02-second.html",
                                     "figures/01-demo/wave.svg"])
        func text(_ name: String) -> String { String(decoding: files[name]!.data, as: UTF8.self) }
        let index = text("index.html")
        let first = try #require(index.range(of: "01-demo.html")), second = try #require(index.range(of: "02-second.html"))
        #expect(first.lowerBound < second.lowerBound, "chapters in order")
        let html = text("01-demo.html")
        #expect(html.contains("<img src=\"figures/01-demo/wave.svg\" alt=\"wave\">"))
        #expect(html.contains("<pre class=\"output\">  largest w = 1 &lt;ok&gt;</pre>"))
        #expect(html.contains("<pre class=\"display\">w(t) = sin(t)</pre>"))
        #expect(html.contains("<a href=\"02-second.html\">"))
        let markdown = text("01-demo.md")
        #expect(markdown.contains("```swift\nnb.section(\"1. A wave\")"))
        #expect(markdown.contains("```text\n  largest w = 1 <ok>\n```"))
        #expect(markdown.contains("![wave](figures/01-demo/wave.svg)"))
        #expect(text("index.md").contains("1. [Chapter 1 · A demo chapter](01-demo.md)"))
    }
}
