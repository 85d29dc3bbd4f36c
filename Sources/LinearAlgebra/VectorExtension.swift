import CKernels
import Compute

/// Which vector extension the C kernels (Sources/CKernels) run: each kernel is compiled for SSE2 (level 1), AVX2
/// (3) and AVX-512 (4), and the best one the CPU supports is used (or a lower one from T2T_SIMD; the level is part
/// of `ComputeConfiguration`). Tests use `forEachAvailable` to check every copy against a plain reference.
public enum VectorExtension {
    /// The level in use.
    public static var level: Int32 { t2t_simd_level() }

    /// The level in use, by name.
    public static var name: String { ComputeConfiguration.levelName(level) }

    /// The levels this CPU can run, lowest first.
    public static var available: [Int32] {
        let best = Int32(t2t_detected_simd_level())
        return [1, 3, 4].filter { $0 <= best }
    }

    /// Runs `body` once at each available level, with that level forced, then returns to the configured one.
    /// The level is process-wide: other threads' kernels switch too, so tests that use this are serialised
    /// with every test whose numbers depend on the level.
    public static func forEachAvailable(_ body: (Int32) -> Void) {
        let configured = ComputeConfiguration.current
        defer { ComputeConfiguration.current = configured }
        for wanted in available {
            ComputeConfiguration.current.vectorLevel = wanted
            body(wanted)
        }
    }
}
