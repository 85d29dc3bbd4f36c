//: ## Exercise 4.2 · Sinusoidal positions
//:
//: Section 2 gives attention a sense of position by adding fixed sines and cosines of t (Vaswani et al. 2017):
//:
//:     p_{t,2m} = sin(t ω_m),    p_{t,2m+1} = cos(t ω_m),    ω_m = 10000^(−2m/d),
//:
//: for positions t = 0…length−1 and channels 0…d−1 (when d is odd the last channel is a sine). Build the table,
//: one row per position. The test checks the property that makes these encodings useful: shifting the position by
//: k *rotates* each (sin, cos) pair by the angle k ω_m, whatever t is, so a head can read a *relative* lag with
//: one fixed linear map. Throw `ExerciseError.invalidInput` for a negative length or a width < 1.

import Foundation

extension Ch04 {
    /// The sinusoidal position table: `length` rows of `width` numbers.
    public static func sinusoidalPositions(length: Int, width d: Int) throws -> [[Double]] {
        // BEGIN SOLUTION
        guard length >= 0, d >= 1 else { throw ExerciseError.invalidInput("need length ≥ 0 and width ≥ 1 (got \(length), \(d))") }
        return (0..<length).map { t in
            (0..<d).map { c in
                let omega = Foundation.pow(10_000, -Double(c - c % 2) / Double(d))
                return c % 2 == 0 ? Foundation.sin(Double(t) * omega) : Foundation.cos(Double(t) * omega)
            }
        }
        // END SOLUTION
    }
}
