import CKernels

/// Which vector extension the C kernels (Sources/CKernels) run: each kernel is compiled for SSE2 (level 1), AVX2
/// (3) and AVX-512 (4), and the best one the CPU supports is picked at start-up (or a lower one from T2T_SIMD).
/// Every level computes the same bits; tests use `forEachAvailable` to check that.
public enum VectorExtension {
    /// The level in use.
    public static var level: Int32 { t2t_simd_level() }

    /// The level in use, by name.
    public static var name: String {
        switch level {
        case 4: "AVX-512"
        case 3: "AVX2"
        default: "SSE2 baseline"
        }
    }

    /// The levels this CPU can run, lowest first.
    public static var available: [Int32] {
        defer { _ = t2t_set_simd_level(0) }
        return [1, 3, 4].filter { t2t_set_simd_level($0) == $0 }
    }

    /// Runs `body` once at each available level, with that level forced, then returns to the detected one.
    /// The level is process-wide: other threads' kernels switch too (harmless, since every level gives the same
    /// bits, but tests that time kernels should not run alongside).
    public static func forEachAvailable(_ body: (Int32) -> Void) {
        defer { _ = t2t_set_simd_level(0) }
        for wanted in available {
            _ = t2t_set_simd_level(wanted)
            body(wanted)
        }
    }
}
