//: ## Exercise 1.1 · Delay vectors
//:
//: Section 2 of chapter 1 maps each time t to the *backward* delay vector
//:
//:     v(t) = ( s(t), s(t−τ), s(t−2τ), …, s(t−(d−1)τ) ),
//:
//: defined from the first t with a full past, t = (d−1)τ, to the end of the series. Write the function that builds
//: them: row r of the result is v(t) for t = (d−1)τ + r, so there are n − (d−1)τ rows of d numbers each.
//:
//: Bad arguments must throw `ExerciseError.invalidInput` with a short reason: a dimension d < 1, a delay τ < 1,
//: or a series too short to give a single vector. (The library's `delayEmbed` does the same job; write your own.)

extension Ch01 {
    /// The backward delay vectors of `series` with dimension d and delay τ, one row per time t ≥ (d − 1)τ.
    public static func delayVectors(_ series: [Double], dimension d: Int, delay tau: Int) throws -> [[Double]] {
        // BEGIN SOLUTION
        guard d >= 1 else { throw ExerciseError.invalidInput("the dimension must be at least 1 (got \(d))") }
        guard tau >= 1 else { throw ExerciseError.invalidInput("the delay must be at least 1 step (got \(tau))") }
        let first = (d - 1) * tau
        guard series.count > first else {
            throw ExerciseError.invalidInput("a series of \(series.count) values has no full window of \(first + 1)")
        }
        return (first..<series.count).map { t in (0..<d).map { k in series[t - k * tau] } }
        // END SOLUTION
    }
}
