import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a student hands in: the regular `.swift` files under their `Exercises/` folder, read without following a
/// link. Anything else there (a symbolic link — to the instructor's solution, say —, a device, a FIFO, a socket) is
/// refused with the reason, never read: a link would make the grader read a file of its own choosing on the
/// student's behalf, a FIFO or a device would block it or feed it without end.
public struct Submission {
    /// Relative path (`Exercises/01-x/Square.swift`) → content, for every regular Swift file.
    public let files: [String: FileContent]
    /// Relative path → why it was refused.
    public let refused: [String: String]

    public init(root: URL) throws {
        let folder = ExerciseCatalog.exercisesFolder
        let top = root.appendingPathComponent(folder)
        if let kind = Submission.kind(top.path), kind != "a folder" {
            throw CoursewareError("\(top.path) is \(kind), not a folder of the student's own: refused")
        }
        var files: [String: FileContent] = [:]
        var refused: [String: String] = [:]
        func visit(_ relative: String) throws {
            let url = root.appendingPathComponent(relative)
            let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
            for name in names.sorted() where !name.hasPrefix(".") {
                let child = relative + "/" + name
                let path = root.appendingPathComponent(child).path
                switch Submission.kind(path) {
                case "a folder"?: try visit(child)
                case "a regular file"?:
                    guard name.hasSuffix(".swift") else { continue }
                    guard let data = FileManager.default.contents(atPath: path) else { refused[child] = "cannot be read"; continue }
                    var info = stat()
                    let mode = lstat(path, &info) == 0 ? Int(info.st_mode & 0o777) : 0o644
                    files[child] = FileContent(data: data, mode: mode)
                case let kind?:
                    let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { " to \($0)" } ?? ""
                    refused[child] = "is \(kind)\(target), not a regular file: refused (hand in the file itself)"
                case nil:
                    refused[child] = "cannot be read"
                }
            }
        }
        try visit(folder)
        self.files = files
        self.refused = refused
    }

    /// What is at `path`, without following a link: "a folder", "a regular file", "a symbolic link", …; nil if nothing.
    static func kind(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return "a folder"
        case S_IFREG: return "a regular file"
        case S_IFLNK: return "a symbolic link"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a file"
        }
    }
}
