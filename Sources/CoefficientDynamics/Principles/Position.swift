import LinearAlgebra
import Numerics

// Principle 3: A ≠ I is what puts position into the coefficients.
//
// With A = I, h_ij = b_j k_j for every i: a token's coefficient does not depend on how long ago it came, so the
// output at position i is a function of the *set* of past (key, value) pairs. Shuffling the past cannot change
// it. With any other A, h_ij = A_i ⋯ A_{j+1} b_j k_j depends on the lag (and on the order of the A's), so it can.
// The shuffle test measures exactly that: permute the tokens before the last one, keep the last one (the query)
// where it is, and see how much the last output moves.

/// A uniformly random permutation of 0..<n (Fisher–Yates).
public func randomPermutation(_ n: Int, rng: inout SeededRNG) -> [Int] {
    var p = Array(0..<n)
    if n > 1 { for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, Int(rng.next() % UInt64(i + 1))) } }
    return p
}

/// ‖y′_{L−1} − y_{L−1}‖ / ‖y_{L−1}‖ where y′ is the output of `system` after the past tokens j < L−1 (their keys,
/// impulses and values) are permuted by `permutation` (of 0..<L−1). Time — queries and A_i — stays in place.
public func shuffleChange<Scalar>(_ system: CoefficientSystem<Scalar>, values: Matrix<Scalar>, permutation: [Int]) -> Double {
    let l = system.length
    precondition(permutation.count == l - 1, "shuffleChange: a permutation of the \(l - 1) past tokens is needed")
    let order = permutation + [l - 1]
    var shuffled = system
    shuffled.keys = system.keys.selectingRows(order)
    shuffled.impulses = order.map { system.impulses[$0] }
    let before = system(values).row(l - 1), after = shuffled(values.selectingRows(order)).row(l - 1)
    return change(Array(after), Array(before))
}

/// The same test on a whole mixer: permute the input rows j < L−1 and compare the last row of the output.
/// For a selective mixer the A_i computed from those tokens move with them.
public func shuffleChange<M: SequenceMixer>(_ mixer: M, _ x: Matrix<M.Scalar>, permutation: [Int]) -> Double {
    let l = x.rows
    precondition(permutation.count == l - 1, "shuffleChange: a permutation of the \(l - 1) past tokens is needed")
    let before = mixer(x).row(l - 1), after = mixer(x.selectingRows(permutation + [l - 1])).row(l - 1)
    return change(Array(after), Array(before))
}

/// ‖a − b‖ / ‖b‖ in Double.
func change<Scalar: BinaryFloatingPoint>(_ a: [Scalar], _ b: [Scalar]) -> Double {
    let diff = zip(a, b).reduce(0.0) { $0 + (Double($1.0) - Double($1.1)) * (Double($1.0) - Double($1.1)) }
    let norm = b.reduce(0.0) { $0 + Double($1) * Double($1) }
    return (diff / max(norm, .leastNormalMagnitude)).squareRoot()
}
