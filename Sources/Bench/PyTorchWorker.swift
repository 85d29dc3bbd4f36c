import Foundation

/// The PyTorch side of the comparison: `pytorch/worker.py`, started once and driven one request at a time, so
/// that our steps and PyTorch's can take turns (see the protocol in worker.py). PyTorch is optional: `start`
/// returns nil with the reason when python3 or torch is missing, and the benchmark reports our side alone.
final class PyTorchWorker {
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private var buffered = Data()
    /// "PyTorch 2.5.1, 2 threads", from the worker's greeting.
    private(set) var version = ""

    private init(process: Process, input: FileHandle, output: FileHandle) {
        self.process = process; self.input = input; self.output = output
    }

    /// Starts the worker with `threads` intra-op threads; nil and why when it cannot run.
    static func start(threads: Int) -> (worker: PyTorchWorker?, reason: String) {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("pytorch/worker.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        var env = ProcessInfo.processInfo.environment
        env["TORCH_NUM_THREADS"] = String(threads)
        process.environment = env
        let toWorker = Pipe(), fromWorker = Pipe()
        process.standardInput = toWorker
        process.standardOutput = fromWorker
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return (nil, "python3 could not be started (\(error.localizedDescription))") }
        let worker = PyTorchWorker(process: process, input: toWorker.fileHandleForWriting,
                                   output: fromWorker.fileHandleForReading)
        guard let greeting = worker.readLine() else { return (nil, "python3 \(script.lastPathComponent) exited at start") }
        let words = greeting.split(separator: " ", maxSplits: 2).map(String.init)
        guard words.first == "ready", words.count == 3 else {
            worker.close()
            return (nil, words.dropFirst().joined(separator: " "))
        }
        worker.version = "PyTorch \(words[1]), \(words[2]) threads"
        return (worker, "")
    }

    /// Seconds per step of `count` timed steps of model `name` after `warmup` untimed ones; nil if it failed.
    func time(_ name: String, warmup: Int, count: Int) -> [Double]? {
        guard let reply = request("step \(name) \(warmup) \(count)") else { return nil }
        let words = reply.split(separator: " ")
        guard words.first.map(String.init) == name else { return nil }
        let seconds = words.dropFirst().compactMap { Double($0) }
        return seconds.count == count ? seconds : nil
    }

    /// PyTorch's own BLAS on an n × n × n float32 product, GFLOP/s (median of `repetitions`).
    func sgemmGflops(n: Int, repetitions: Int) -> Double? {
        request("sgemm \(n) \(repetitions)").flatMap { reply in reply.split(separator: " ").last.flatMap { Double($0) } }
    }

    func close() {
        try? input.close()
        process.waitUntilExit()
    }

    private func request(_ line: String) -> String? {
        guard process.isRunning else { return nil }
        input.write(Data((line + "\n").utf8))
        return readLine()
    }

    /// The next line the worker prints (blocking), or nil at end of output.
    private func readLine() -> String? {
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[buffered.startIndex..<newline], as: UTF8.self)
                buffered.removeSubrange(buffered.startIndex...newline)
                return line
            }
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            buffered.append(chunk)
        }
    }
}
