import Foundation

/// Where the workspace lives on disk, so a chapter writes its data beside its figure scripts
/// no matter which folder it was started from.
public enum Workspace {
    /// The folder holding `Package.swift`, found by walking up from `start` (the chapter's own source file
    /// at build time, then the current directory as a fallback).
    public static func root(near start: String) -> URL? {
        for origin in [URL(fileURLWithPath: start), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            var dir = origin
            for _ in 0..<8 {
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
                   FileManager.default.fileExists(atPath: dir.appendingPathComponent("Chapters").path) {
                    return dir
                }
                dir.deleteLastPathComponent()
            }
        }
        return nil
    }
}
