import Foundation

/// A one-line progress bar for long loops (training, sweeps), drawn on standard error.
///
/// It stays silent when standard error is not a terminal (CI logs, `make` output piped to a file), so logs
/// hold results, not thousands of carriage returns. Redraws are throttled to ten per second.
public final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let enabled: Bool
    private let lock = NSLock()
    /// Units that were already done when this bar started (a resumed sweep's saved runs): they count towards
    /// the bar, not towards the rate, so the ETA is that of the work still to do.
    private var resumed = 0

    public init(_ label: String, total: Int, enabled: Bool = ProgressBar.isTerminal) {
        self.label = label
        self.total = max(total, 1)
        self.enabled = enabled
    }

    public static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Reports that `done` of `total` units are finished, with an optional short status (e.g. the loss).
    public func update(_ done: Int, _ status: String = "") {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard done >= total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        FileHandle.standardError.write(Data(("\r" + line(done, status, now: now) + "\u{1B}[K").utf8))
    }

    /// Counts `units` as done before this session (loaded, not computed).
    public func resume(_ units: Int) {
        lock.lock(); defer { lock.unlock() }
        resumed += units
    }

    /// Ends the bar's line.
    public func finish(_ status: String = "") {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(Data(("\r" + line(total, status, now: Date()) + "\u{1B}[K\n").utf8))
    }

    public func line(_ done: Int, _ status: String, now: Date) -> String {
        let fraction = min(max(Double(done) / Double(total), 0), 1)
        let width = 24, filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let elapsed = now.timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(max(done - resumed, 0)) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        var text = "  \(label) \(bar) \(done)/\(total)"
        text += String(format: "  %.1f/s", rate)
        if done < total { text += "  eta \(Format.duration(eta))" }
        if !status.isEmpty { text += "  \(status)" }
        return text
    }
}
