import Foundation
import Notebook

/// Runs the workspace's executables (the chapters, the bench) as a student would, from the workspace root, and
/// collects what they printed. The chapter tests and `make calibrate` both go through it, so they run the very
/// binaries and arguments a student runs.
public struct ChapterRunner: Sendable {
    /// The workspace root (this file is Sources/ChapterClaims/ChapterRunner.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Environment variables set for every run, over the inherited ones.
    public var environment: [String: String]
    /// Inherited variables with these prefixes are dropped first (a calibration configuration names all of them).
    public var clearedPrefixes: [String]

    /// By default the inherited environment as it is (`make test` sets OPENBLAS_NUM_THREADS=1, or
    /// TEST_BLAS_THREADS), so the chapters run under the compute configuration the tests run under.
    public init(environment: [String: String] = [:], clearing prefixes: [String] = []) {
        self.environment = environment
        clearedPrefixes = prefixes
    }

    /// The folder holding the binaries: `T2T_BIN_DIR` (set by `make test`), else the release build.
    public static var binaryDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["T2T_BIN_DIR"] { return URL(fileURLWithPath: dir) }
        for config in ["release", "debug"] {
            let dir = root.appendingPathComponent(".build/\(config)")
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("ch01").path) { return dir }
        }
        return root.appendingPathComponent(".build/release")
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public struct Result: Sendable {
        public let status: Int32
        public let out: String
        public let err: String
    }

    /// Runs the workspace executable `name` with `arguments`.
    public func execute(_ name: String, _ arguments: [String]) throws -> Result {
        let binary = Self.binaryDirectory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw Failure(description: "no \(name) binary at \(binary.path); run `make test` (it builds it)")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = Self.root
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where clearedPrefixes.contains(where: { key.hasPrefix($0) }) { env[key] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        try process.run()
        // Read standard error on another thread, so that neither pipe can fill up and stall the chapter.
        nonisolated(unsafe) var errData = Data()
        let errDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errData = errPipe.fileHandleForReading.readDataToEndOfFile()
            errDone.signal()
        }
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        errDone.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    /// Runs chapter `chapter` (its folder name) at `--quick` with `seed` into `directory` (a fresh temporary
    /// folder if nil), with the arguments its claims need (`ChapterClaims.quickArguments`, unless
    /// `claimArguments` is false) and `extra`.
    public func quick(_ chapter: String, seed: Int, into directory: URL? = nil, claimArguments: Bool = true,
                      extra: [String] = []) throws -> ChapterOutput {
        let dir = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("t2t-\(chapter)-\(seed)-\(UUID().uuidString)")
        let arguments = ["--quick", "--seed", "\(seed)", "--out", dir.path]
            + (claimArguments ? ChapterClaims.quickArguments(chapter) : []) + extra
        let result = try execute("ch" + chapter.prefix(2), arguments)
        guard result.status == 0 else {
            throw Failure(description: "\(chapter) exited with \(result.status):\n\(result.err)\n\(result.out.suffix(2000))")
        }
        return ChapterOutput(directory: dir, stdout: result.out)
    }
}
