import Foundation

extension GeneratedFolder {
    /// What `make clean` does to a folder the tools wrote (the book, the student release, the grading workspace):
    /// deletes each file its stamp lists whose bytes still hash as written, SwiftPM's `.build` inside it (a build of
    /// the generated package), then the stamp if nothing listed is left, and the folders left empty. A file someone
    /// added or edited there — a student's work in a copy of the release — stays, and so does the stamp that lists
    /// it. Nothing is followed through a link: a link is removed as a link, or (the folder itself) left alone.
    /// Returns the files kept.
    @discardableResult
    public static func clean(_ url: URL) throws -> [String] {
        let fm = FileManager.default
        guard Submission.kind(url.path) == "a folder" else { return [] }   // missing, or a link: not ours to follow
        let stamp = url.appendingPathComponent(stampName)
        guard Submission.kind(stamp.path) == "a regular file",
              let text = try? String(contentsOf: stamp, encoding: .utf8) else { return [] }   // no stamp: not ours at all
        var kept: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let path = String(parts[1])
            guard !path.split(separator: "/").contains(".."), !path.hasPrefix("/") else { kept.append(path); continue }
            let file = url.appendingPathComponent(path)
            // A parent that is a link would take the deletion elsewhere.
            if file.deletingLastPathComponent().resolvingSymlinksInPath().path
                != url.resolvingSymlinksInPath().appendingPathComponent(path).deletingLastPathComponent().path {
                kept.append(path); continue
            }
            switch Submission.kind(file.path) {
            case nil: continue
            case "a symbolic link"?: try fm.removeItem(at: file)
            case "a regular file"?:
                let data = fm.contents(atPath: file.path) ?? Data()
                if hash(data) == String(parts[0]) || path.hasSuffix("Package.resolved") { try fm.removeItem(at: file) } else { kept.append(path) }
            default: kept.append(path)
            }
        }
        let build = url.appendingPathComponent(".build")
        if Submission.kind(build.path) == "a folder" || Submission.kind(build.path) == "a symbolic link" { try fm.removeItem(at: build) }
        if kept.isEmpty { try fm.removeItem(at: stamp) }
        removeEmptyFolders(url)
        return kept.sorted()
    }

    /// Removes the empty folders under `url` (deepest first), and `url` itself if it ends up empty. Links are not entered.
    static func removeEmptyFolders(_ url: URL) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: url.path)) ?? [] {
            let child = url.appendingPathComponent(name)
            if Submission.kind(child.path) == "a folder" { removeEmptyFolders(child) }
        }
        if ((try? fm.contentsOfDirectory(atPath: url.path)) ?? ["?"]).isEmpty { try? fm.removeItem(at: url) }
    }
}
