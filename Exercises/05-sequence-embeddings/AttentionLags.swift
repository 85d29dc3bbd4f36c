//: ## Exercise 5.4 · Which lags does a head read? (2 points)
//:
//: Section 9 summarises each trained attention head by the weight it puts on every lag k = i − j, averaged over the
//: queries i that are scored (i ≥ warm), and by its mean lag. For one head's causal weights A (T × T, row i sums to
//: 1 over j ≤ i) and Q = T − warm scored queries:
//:
//:     w_k = (1/Q) Σ_{i=warm}^{T−1} A_{i, i−k}        (k = 0…T−1; terms with k > i are 0),
//:     mean lag = Σ_k k w_k / Σ_k w_k.
//:
//: Write the two functions. Then work out, with pen and paper, the baseline the chapter's numbers must be read
//: against: a head that has learned nothing and spreads its weight *uniformly* over the visible past,
//: A_ij = 1/(i + 1). Give its mean lag as a closed formula in T and warm (`uniformMeanLag`; no loops needed).
//:
//: The chapter's trained heads (T = 499 positions, warm = 64) had mean lags of 120–140 steps against τ ≈ 17
//: (`attention.png`). Compare with your baseline: did attention learn to pick delays?
//:
//: Throw `ExerciseError.invalidInput` when the weights are not a square matrix, when warm is not in 0..<T, when a
//: profile is empty or sums to 0, or (for the formula) when T < 1 or warm is not in 0..<T.

extension Ch05 {
    /// w_k, the mean weight a head puts on lag k over queries i ≥ warm, for k = 0…T−1.
    public static func lagProfile(weights a: [[Double]], warm: Int) throws -> [Double] {
        // BEGIN SOLUTION
        let t = a.count
        guard a.allSatisfy({ $0.count == t }) else { throw ExerciseError.invalidInput("the weights must be a T × T matrix") }
        guard warm >= 0, warm < t else { throw ExerciseError.invalidInput("warm must be in 0..<\(t) (got \(warm))") }
        var profile = [Double](repeating: 0, count: t)
        for i in warm..<t { for k in 0...i { profile[k] += a[i][i - k] } }
        return profile.map { $0 / Double(t - warm) }
        // END SOLUTION
    }

    /// Σ_k k w_k / Σ_k w_k.
    public static func meanLag(_ profile: [Double]) throws -> Double {
        // BEGIN SOLUTION
        let total = profile.reduce(0, +)
        guard !profile.isEmpty, total != 0 else { throw ExerciseError.invalidInput("the profile is empty or sums to 0") }
        return zip(profile.indices, profile).reduce(0) { $0 + Double($1.0) * $1.1 } / total
        // END SOLUTION
    }

    /// The mean lag of a head with uniform causal weights A_ij = 1/(i + 1), over queries warm…T−1: a formula.
    public static func uniformMeanLag(positions t: Int, warm: Int) throws -> Double {
        // BEGIN SOLUTION
        guard t >= 1, warm >= 0, warm < t else { throw ExerciseError.invalidInput("need T ≥ 1 and warm in 0..<T (got \(t), \(warm))") }
        // Row i puts 1/(i+1) on each lag 0…i: its mean lag is i/2, and every row has total weight 1, so the mean lag
        // is the average of i/2 over i = warm…T−1.
        return Double(warm + t - 1) / 4
        // END SOLUTION
    }
}
