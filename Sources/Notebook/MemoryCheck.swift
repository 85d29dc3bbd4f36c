import ArgumentParser
import Foundation

/// Size options (`--hidden`, `--width`) are checked against memory before anything is computed: a width of 10⁸ would
/// otherwise die in an allocation trap with a backtrace, minutes in. The estimates are rough on purpose (model,
/// optimiser state and the largest activations, in bytes, from the chapter's own sizes) and the limit is this
/// machine's memory, so a big machine can still ask for a big model: only a request that cannot fit is refused.
public enum MemoryCheck {
    /// This machine's memory in bytes.
    public static var limit: Double { Double(ProcessInfo.processInfo.physicalMemory) }

    /// Throws a one-line error naming the option, the estimate and the limit if `bytes` cannot fit.
    public static func require(_ bytes: Double, option: String, value: Int, limit: Double = MemoryCheck.limit) throws {
        guard bytes.isFinite, bytes <= limit else {
            throw ValidationError("\(option) \(value) needs about \(format(bytes)) of memory (model, optimiser state and "
                                  + "activations); this machine has \(format(limit)). Choose a smaller \(option).")
        }
    }

    /// "1.2 GB", "720 PB".
    public static func format(_ bytes: Double) -> String {
        guard bytes.isFinite else { return "more than can be counted" }
        let units = ["bytes", "KB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
        var value = bytes, unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        if value >= 1000 { return "more than 1000 \(units[unit])" }
        return unit == 0 ? "\(Int(value)) bytes" : String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[unit])
    }
}
