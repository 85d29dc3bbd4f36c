//: ## Exercise 5.2 · Future spread and noise amplification (3 points)
//:
//: Overlap asks whether neighbourhoods survive; Uzal, Grinblat & Verdes (2011) ask whether they *predict*. Points
//: that are close in a good embedding have similar futures. For every point i take its neighbourhood U_i: the point
//: itself and its k nearest other points in the representation (Euclidean). With f_{j,T} the observation T steps
//: after point j (T = 1…T_w: row j of `futures`), Uzal's three numbers are
//:
//:     E²(i) = (1/T_w) Σ_T (1/(k+1)) Σ_{j∈U_i} (f_{j,T} − f̄_{U_i,T})²       the spread of the neighbourhood's futures
//:     ε²(i) = mean over the (k+1)k/2 pairs j < j′ of U_i of ‖v_j − v_j′‖²      the neighbourhood's size
//:
//:     future spread E² = mean_i E²(i),     σ² = mean_i E²(i)/ε²(i),     L = log10(σ α),   α² = 1 / Σ_i ε²(i)⁻¹.
//:
//: f̄_{U_i,T} is the mean of f_{j,T} over U_i, and the variance divides by k + 1 (not k). A point whose neighbourhood
//: has size ε²(i) = 0 (duplicated points) carries no scale: leave it out of all three means and of Σ ε⁻².
//: E² is in the units of the observations, σ² is spread per unit of neighbourhood size — a representation that
//: squeezes distinct states together amplifies noise — and L divides out the representation's overall scale, so
//: that representations of different sizes can be ranked (the test checks that). Lower is better for all three.
//:
//: Throw `ExerciseError.invalidInput` when `futures` does not have one row per point, when rows differ in
//: length, when k < 1 or there are not more than k + 1 points, or when every neighbourhood has size 0.
//: (`noiseAmplification` in `Sources/Dynamics/NoiseAmplification.swift` is the library's version, off limits.)

import Foundation

extension Ch05 {
    /// Uzal's future spread E², σ² and L of the rows of `representation`, with `futures[i]` the next T_w observations.
    public static func noiseAmplification(_ representation: [[Double]], futures: [[Double]], k: Int) throws
        -> (futureSpread: Double, sigma2: Double, L: Double) {
        // BEGIN SOLUTION
        let n = representation.count
        guard futures.count == n else { throw ExerciseError.invalidInput("\(futures.count) rows of futures for \(n) points") }
        guard k >= 1, n > k + 1 else { throw ExerciseError.invalidInput("need k ≥ 1 and more than k + 1 points (k = \(k), n = \(n))") }
        guard let dimension = representation.first?.count, let horizon = futures.first?.count, horizon > 0,
              representation.allSatisfy({ $0.count == dimension }), futures.allSatisfy({ $0.count == horizon }) else {
            throw ExerciseError.invalidInput("every point needs the same number of coordinates and of future values")
        }
        func distance2(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
        var spreadSum = 0.0, ratioSum = 0.0, inverseSizeSum = 0.0, used = 0
        for i in 0..<n {
            let others = (0..<n).filter { $0 != i }.map { (distance2(representation[i], representation[$0]), $0) }
            let hood = [i] + others.sorted { $0 < $1 }.prefix(k).map(\.1)
            var size = 0.0
            for a in hood.indices { for b in (a + 1)..<hood.count { size += distance2(representation[hood[a]], representation[hood[b]]) } }
            size /= Double(hood.count * (hood.count - 1) / 2)
            guard size > 0 else { continue }
            var spread = 0.0
            for t in 0..<horizon {
                let values = hood.map { futures[$0][t] }
                let mean = values.reduce(0, +) / Double(values.count)
                spread += values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            }
            spread /= Double(horizon)
            spreadSum += spread
            ratioSum += spread / size
            inverseSizeSum += 1 / size
            used += 1
        }
        guard used > 0 else { throw ExerciseError.invalidInput("every neighbourhood has size 0") }
        let sigma2 = ratioSum / Double(used)
        return (spreadSum / Double(used), sigma2, 0.5 * Foundation.log10(sigma2 / inverseSizeSum))
        // END SOLUTION
    }
}
