import Foundation
import LinearAlgebra
import Numerics

// Principle 5: scale the impulse, b_j = 1/√n.
//
// With A = I the score of a fresh token is q·h_jj = b q·k. For q and k with n independent unit-variance
// coordinates, Var(q·k) = n: the scores grow with the state size, and exp turns the largest into nearly all the
// weight — the softmax saturates, its entropy collapses, and its gradient vanishes. b = 1/√n (attention's
// 1/√d_k) makes Var(b q·k) = 1 for every n. The same idea is the LRU's γ = √(1 − |λ|²) for a decaying A.

/// Score variance and softmax entropy over `keys` keys for one state size, with b = 1 and with b = 1/√n.
public struct ScalingRow: Sendable {
    public var stateSize: Int
    public var varianceUnscaled: Double, varianceScaled: Double
    /// Mean entropy (nats) of softmax over the keys; the maximum is log(keys).
    public var entropyUnscaled: Double, entropyScaled: Double
}

public func scalingTable(stateSizes: [Int], keys: Int, queries: Int, rng: inout SeededRNG) -> [ScalingRow] {
    stateSizes.map { n in
        var scores = [Double](), entropies = (unscaled: 0.0, scaled: 0.0)
        for _ in 0..<queries {
            let q = (0..<n).map { _ in rng.normal() }
            let s = (0..<keys).map { _ in zip(q, (0..<n).map { _ in rng.normal() }).reduce(0) { $0 + $1.0 * $1.1 } }
            scores += s
            entropies.unscaled += softmaxEntropy(s)
            entropies.scaled += softmaxEntropy(s.map { $0 / Double(n).squareRoot() })
        }
        let mean = scores.reduce(0, +) / Double(scores.count)
        let variance = scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(scores.count - 1)
        return ScalingRow(stateSize: n, varianceUnscaled: variance, varianceScaled: variance / Double(n),
                          entropyUnscaled: entropies.unscaled / Double(queries), entropyScaled: entropies.scaled / Double(queries))
    }
}

/// −Σ p log p of softmax(s), in nats.
public func softmaxEntropy(_ s: [Double]) -> Double {
    let top = s.max() ?? 0
    let e = s.map { Foundation.exp($0 - top) }
    let z = e.reduce(0, +)
    return -e.reduce(0) { acc, x in x > 0 ? acc + x / z * Foundation.log(x / z) : acc }
}
