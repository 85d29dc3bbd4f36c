import CBLAS

/// How many threads OpenBLAS uses inside one call. Code that already runs independent jobs on every core (a
/// sweep of training runs, say) sets it to 1, so the jobs do not fight over the cores inside each gemm.
public enum BLASThreads {
    public static var count: Int { Int(openblas_get_num_threads()) }

    public static func set(_ n: Int) { openblas_set_num_threads(Int32(max(n, 1))) }
}
