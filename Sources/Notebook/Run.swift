import Foundation

extension Notebook {
    /// Runs a chapter's body. Any error it throws ends the chapter with one line on standard error,
    /// `error: <what went wrong and what to try>`, and exit status 1, instead of a crash and a stack trace.
    public static func run(chapter: String, title: String, options: ChapterOptions, source: String = #filePath,
                           _ body: (Notebook) throws -> Void) {
        do {
            let notebook = try Notebook(chapter: chapter, title: title, options: options, source: source)
            try body(notebook)
            notebook.finish()
        } catch {
            fail("\(error)")
        }
    }

    /// Stops the chapter with a one-line message and exit status 1.
    public static func fail(_ message: String) -> Never {
        fflush(stdout)   // what the chapter printed so far comes first
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        exit(1)
    }
}
