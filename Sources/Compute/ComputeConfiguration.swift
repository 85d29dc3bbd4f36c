import CBLAS
import CKernels
import Foundation

/// Everything about the machine and its environment that can change a computed number, in one value.
///
/// Floating-point sums depend on their order, and the order depends on which code runs: our C kernels come in
/// three copies (SSE2, AVX2, AVX-512; `T2T_SIMD` forces a lower one), OpenBLAS picks its kernels by core type
/// (`OPENBLAS_CORETYPE`) and cuts long sums differently on one thread and on several (`OPENBLAS_NUM_THREADS`),
/// and a few fast paths can be switched off (`T2T_SMALL_GEMM`, `T2T_LONG_GEMM`, `T2T_FUSED_ATTENTION`). So the
/// same seed gives the same bytes only on the same configuration; on another one the chapters make the same
/// claims with numbers inside the spread that `make calibrate` measures (docs/calibration.md).
///
/// The value is built once, from the environment, when a chapter or the bench starts (`validated()` reports a
/// bad setting as one line); every chapter prints it in its header and writes it into the first line of every
/// file it writes, so a number can always be traced to the configuration that computed it.
public struct ComputeConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// The CPU's model name (from /proc/cpuinfo), e.g. "AMD EPYC" or "Intel(R) Xeon(R) Platinum 8375C CPU".
    public var cpu: String
    /// The C kernels' vector extension: 4 (AVX-512), 3 (AVX2 with FMA) or 1 (the SSE2 baseline).
    public var vectorLevel: Int32
    /// Whether `T2T_SIMD` chose the level (otherwise it is the best the CPU has).
    public var vectorLevelForced: Bool
    /// The kernels OpenBLAS loaded ("SkylakeX", "Haswell", …) and its version line.
    public var blasCore: String
    public var blasVersion: String
    /// OpenBLAS's threads per call when the program started (sweeps that run jobs side by side use 1 per job).
    public var blasThreads: Int
    /// Threads our own kernels use (`T2T_KERNEL_THREADS`, else one per core). Results never depend on it:
    /// every kernel computes each item the same way whatever thread runs it (ThreadedKernelTests).
    public var kernelThreads: Int
    /// The fast paths: our matrix-product kernels and the fused attention kernel.
    public var smallGemm: Bool
    public var longInnerGemm: Bool
    public var fusedAttention: Bool

    /// The configuration in use, built from the environment the first time anything asks. Setting it (tests do,
    /// to compare a fast path with the plain one, or one vector level with another) applies it at once to the C
    /// kernels; the chapters never change it.
    public static var current: ComputeConfiguration {
        get { lock.lock(); defer { lock.unlock() }; return storage }
        set { lock.lock(); defer { lock.unlock() }; storage = newValue; newValue.apply() }
    }

    // Tests change fields while other tests' kernels read them, so reads and writes take a lock (tens of
    // nanoseconds, a few hundred times per training step).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var storage: ComputeConfiguration = {
        let configuration = (try? fromEnvironment()) ?? fromEnvironment(ignoringErrors: ())
        configuration.apply()
        return configuration
    }()

    /// Tells the C kernels the vector level and thread count.
    private func apply() {
        _ = t2t_set_simd_level(vectorLevel)
        t2t_pool_threads = kernelThreads
    }

    /// The configuration, or a one-line reason why the environment asks for something unknown or something this
    /// machine cannot do. Chapters and the bench call it first, so a typo in T2T_SIMD stops them at once instead
    /// of silently running the slowest kernels.
    public static func validated(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ComputeConfiguration {
        _ = try fromEnvironment(environment)
        return current
    }

    /// Reads the environment; unknown values are errors, never silently something else.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ComputeConfiguration {
        let best = Int32(t2t_detected_simd_level())
        var level = best, forced = false
        if let value = environment["T2T_SIMD"], !value.isEmpty {
            guard let wanted = Int32(value), [1, 3, 4].contains(wanted) else {
                throw ConfigurationError("T2T_SIMD=\(value) is not a vector level; use 1 (SSE2), 3 (AVX2) or 4 (AVX-512)")
            }
            guard wanted <= best else {
                throw ConfigurationError("T2T_SIMD=\(value) asks for \(levelName(wanted)), which this CPU lacks "
                                         + "(it has \(levelName(best))); use a level up to \(best)")
            }
            level = wanted
            forced = true
        }
        var kernelThreads = ProcessInfo.processInfo.activeProcessorCount
        if let value = environment["T2T_KERNEL_THREADS"], !value.isEmpty {
            guard let n = Int(value), (1...1024).contains(n) else {
                throw ConfigurationError("T2T_KERNEL_THREADS=\(value) is not a thread count; use a whole number from 1 to 1024")
            }
            kernelThreads = n
        }
        func flag(_ name: String) throws -> Bool {
            guard let value = environment[name], !value.isEmpty else { return true }
            switch value {
            case "1": return true
            case "0": return false
            default: throw ConfigurationError("\(name)=\(value) must be 0 (off) or 1 (on)")
            }
        }
        return ComputeConfiguration(
            cpu: cpuModelName(), vectorLevel: level, vectorLevelForced: forced,
            blasCore: String(cString: openblas_get_corename()), blasVersion: blasVersionLine(),
            blasThreads: Int(openblas_get_num_threads()), kernelThreads: kernelThreads,
            smallGemm: try flag("T2T_SMALL_GEMM"), longInnerGemm: try flag("T2T_LONG_GEMM"),
            fusedAttention: try flag("T2T_FUSED_ATTENTION"))
    }

    /// The same, with every unreadable setting at its default (for library code used outside a chapter; a
    /// chapter calls `validated()` first, which turns the setting into an error).
    static func fromEnvironment(ignoringErrors: ()) -> ComputeConfiguration {
        var environment = ProcessInfo.processInfo.environment
        for name in ["T2T_SIMD", "T2T_KERNEL_THREADS", "T2T_SMALL_GEMM", "T2T_LONG_GEMM", "T2T_FUSED_ATTENTION"]
        where (try? fromEnvironment([name: environment[name] ?? ""])) == nil {
            environment[name] = nil
        }
        return try! fromEnvironment(environment)
    }

    public static func levelName(_ level: Int32) -> String {
        switch level {
        case 4: "AVX-512"
        case 3: "AVX2"
        default: "SSE2"
        }
    }

    /// The fast paths in use, by name. The matrix-product kernels need hardware FMA (level ≥ 3; the SSE2 copy
    /// would emulate it slowly), so at level 1 those products go to OpenBLAS whatever the switch says.
    public var fastPaths: [String] {
        [(smallGemm && vectorLevel >= 3, "small-gemm"), (longInnerGemm && vectorLevel >= 3, "long-gemm"),
         (fusedAttention, "fused-attention")].filter(\.0).map(\.1)
    }

    /// One line for a chapter's header and `make bench`.
    public var description: String {
        "\(cpu) · C kernels \(Self.levelName(vectorLevel))\(vectorLevelForced ? " (T2T_SIMD)" : "") · "
            + "\(blasVersion) \(blasCore) × \(blasThreads) thread\(blasThreads == 1 ? "" : "s") · "
            + "\(kernelThreads) kernel thread\(kernelThreads == 1 ? "" : "s") · fast paths: "
            + (fastPaths.isEmpty ? "none" : fastPaths.joined(separator: " "))
    }

    /// The short form written into the `# t2t` line of every generated file: `compute=avx512/SkylakeX/blas1/...`.
    public var tag: String {
        let level = ["", "sse2", "", "avx2", "avx512"][Int(vectorLevel)]
        return "compute=\(level)/\(blasCore)/blas\(blasThreads)/kernels\(kernelThreads)/"
            + (fastPaths.isEmpty ? "plain" : fastPaths.joined(separator: "+"))
            + " cpu=\"\(cpu)\""
    }

    static func cpuModelName() -> String {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else {
            #if arch(arm64)
            return "arm64"
            #else
            return "unknown CPU"
            #endif
        }
        for line in info.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            }
        }
        return "unknown CPU"
    }

    static func blasVersionLine() -> String {
        // "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY SkylakeX MAX_THREADS=64" → "OpenBLAS 0.3.21"
        let words = String(cString: openblas_get_config()).split(separator: " ")
        return words.prefix(2).joined(separator: " ")
    }
}

/// A setting in the environment that this machine cannot honour, said in one line.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
