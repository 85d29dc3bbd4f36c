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

    /// Runs `body` once at each available level, with that level forced on the calling thread (and the kernel
    /// threads helping it), then returns it to the configured level. Other threads keep theirs, so a test that
    /// compares the copies never changes the kernels of a test running beside it.
    public static func forEachAvailable(_ body: (Int32) -> Void) {
        let before = t2t_thread_simd_level()
        defer { _ = t2t_set_thread_simd_level(before) }
        for wanted in available {
            _ = t2t_set_thread_simd_level(wanted)
            body(wanted)
        }
    }
}
