import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and collects what it printed (standard output and standard error together), with an optional
/// time limit after which it is killed: an infinite loop in a student's exercise must cost that exercise only.
public enum Shell {
    public struct Result: Sendable {
        public let status: Int32
        public let output: String
        /// Killed because it ran past its time limit.
        public let timedOut: Bool
        /// Ended by a signal (a crash: a trap, a segmentation fault), not by exiting.
        public let crashed: Bool
        public let seconds: Double
    }

    /// Runs `executable` with `arguments` in `directory`. `environment` entries are added to this process's environment.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL,
                           environment: [String: String] = [:], timeLimit: Double? = nil,
                           echo: Bool = false) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice

        let collected = Collected()
        let reader = pipe.fileHandleForReading
        let done = DispatchSemaphore(value: 0)
        let started = Date()
        do {
            try process.run()
        } catch {
            return Result(status: 127, output: "cannot run \(executable): \(error.localizedDescription)", timedOut: false,
                          crashed: false, seconds: 0)
        }
        // Read on another thread until end of file, so a chatty program never blocks on a full pipe.
        DispatchQueue.global().async {
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                collected.append(chunk)
                if echo { FileHandle.standardOutput.write(chunk) }
            }
            done.signal()
        }
        var timedOut = false
        if let limit = timeLimit {
            let deadline = Date().addingTimeInterval(limit)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning {
                timedOut = true
                let pid = process.processIdentifier
                kill(pid, SIGTERM)
                let grace = Date().addingTimeInterval(2)
                while process.isRunning && Date() < grace { usleep(20_000) }
                if process.isRunning { kill(pid, SIGKILL) }
            }
        }
        process.waitUntilExit()
        // A grandchild that inherited the pipe could keep it open; do not wait for it for ever.
        _ = done.wait(timeout: .now() + 5)
        let crashed = !timedOut && process.terminationReason == .uncaughtSignal
        return Result(status: process.terminationStatus, output: collected.text, timedOut: timedOut, crashed: crashed,
                      seconds: Date().timeIntervalSince(started))
    }

    /// Finds a program on the PATH (`swift`, `gnuplot`), as the shell would.
    public static func which(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

private final class Collected: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()

    func append(_ chunk: Data) {
        lock.lock(); defer { lock.unlock() }
        data.append(chunk)
    }

    var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
