/// Counts floating-point operations while `isCounting` is on: `make bench` turns it on for one training step to
/// learn how much arithmetic the step does, so that its speed can be read against the machine's ceiling (the
/// GFLOP/s of a large sgemm) rather than only against PyTorch.
///
/// What is counted: every matrix product (2·m·n·k), attention's products (forward 2 per pair of positions and
/// channel, backward 4: what a model does, not what a kernel recomputes), and the LRU's scans (8 per state and
/// step forward, 16 backward). Elementwise work (activations, norms, the optimiser) is not, so the fraction of the
/// ceiling a step reaches is a lower bound on how busy the arithmetic units are.
public enum FLOPCounter {
    nonisolated(unsafe) public static var isCounting = false
    nonisolated(unsafe) private static var total = 0.0

    /// Adds `flops` when counting (call from the thread that runs the step; kernels count once per call).
    @inline(__always)
    public static func add(_ flops: Int) {
        if isCounting { total += Double(flops) }
    }

    /// The operations counted while `body` ran.
    public static func count(_ body: () -> Void) -> Double {
        total = 0
        isCounting = true
        body()
        isCounting = false
        return total
    }
}
