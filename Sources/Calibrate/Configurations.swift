import Compute

/// A compute configuration to calibrate under: the environment that selects it, and the lowest vector level the
/// CPU must have to run it. Every variable with a T2T_ or OPENBLAS_ prefix is cleared first, so a configuration
/// names everything that decides its numbers.
struct CalibrationConfiguration: Sendable {
    let name: String
    let environment: [String: String]
    let requiredLevel: Int32

    /// The ones issue 17 asks for: the best vector level, AVX2 and SSE2; OpenBLAS's Skylake-X, Haswell and an older
    /// core (Sandy Bridge: AVX without FMA); one and two threads; and the plain paths with every fast kernel off.
    static let all: [CalibrationConfiguration] = [
        .init(name: "avx512-skylakex-1t", level: 4, core: "SkylakeX", threads: 1),
        .init(name: "avx512-skylakex-2t", level: 4, core: "SkylakeX", threads: 2),
        .init(name: "avx2-haswell-1t", level: 3, core: "Haswell", threads: 1),
        .init(name: "avx2-haswell-2t", level: 3, core: "Haswell", threads: 2),
        .init(name: "avx2-haswell-1t-plain", level: 3, core: "Haswell", threads: 1,
              extra: ["T2T_SMALL_GEMM": "0", "T2T_LONG_GEMM": "0", "T2T_FUSED_ATTENTION": "0"]),
        .init(name: "sse2-haswell-1t", level: 1, core: "Haswell", threads: 1),
        .init(name: "sse2-sandybridge-1t-k1", level: 1, core: "Sandybridge", threads: 1, extra: ["T2T_KERNEL_THREADS": "1"]),
    ]

    init(name: String, level: Int32, core: String, threads: Int, extra: [String: String] = [:]) {
        self.name = name
        requiredLevel = level
        var environment = ["T2T_SIMD": "\(level)", "OPENBLAS_CORETYPE": core, "OPENBLAS_NUM_THREADS": "\(threads)",
                           "OPENBLAS_THREAD_TIMEOUT": "4"]
        environment.merge(extra) { _, new in new }
        self.environment = environment
    }

    /// The environment in words, for the report.
    var summary: String {
        environment.filter { $0.key != "OPENBLAS_THREAD_TIMEOUT" }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
}
