import LinearAlgebra

/// Does a representation keep the neighbourhoods of the true state? (Paper 000's "neighbourhood smoothness".)
///
/// For every row i, take its k nearest other rows in the true state space and its k nearest other rows in the
/// representation, and count how many they share:
///
///     overlap = mean_i |N_true(i) ∩ N_rep(i)| / k.
///
/// A representation that is a smooth, one-to-one image of the state (an embedding) maps small neighbourhoods to
/// small neighbourhoods, so the overlap is high; folds and noise bring in false neighbours and lower it. Chance
/// level for unrelated point sets is about k/n. The point itself is never counted (paper 000's code counts it,
/// which adds 1/k to every score).
public func neighbourOverlap(truth: Matrix<Double>, representation: Matrix<Double>, k: Int = 20,
                             origins: [RowOrigin]? = nil, theilerWindow w: Int = 0) -> Double {
    precondition(truth.rows == representation.rows, "neighbourOverlap: the two point sets need the same rows")
    precondition(k >= 1 && truth.rows > k, "neighbourOverlap: need 1 ≤ k < number of rows")
    let a = allNearestNeighbours(truth, k: k, origins: origins, theilerWindow: w)
    let b = allNearestNeighbours(representation, k: k, origins: origins, theilerWindow: w)
    var shared = 0
    for i in a.indices { shared += Set(a[i]).intersection(b[i]).count }
    return Double(shared) / Double(k * a.count)
}
