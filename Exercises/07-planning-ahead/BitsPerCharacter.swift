//: ## Exercise 7.3 · Bits per character, and what the myopic model keeps (2 points)
//:
//: Section 5 scores the character models in bits per character: at each position t the model gives logits z_t,
//: one number per character of the alphabet, and the score is the cross-entropy of the next character c_t in
//: bits, averaged over the N positions:
//:
//:     bits = (1/N) Σ_t −log₂ softmax(z_t)[c_t] = (1/N) Σ_t ( log Σ_c exp(z_{t,c}) − z_{t,c_t} ) / ln 2.
//:
//: Compute it from the logits and the target ids. Subtract each row's largest logit before exponentiating (the
//: value does not change, and exp cannot overflow). Throw `ExerciseError.invalidInput` when there are no
//: positions, the numbers of rows and targets differ, a row's length differs from the first row's, or a target is
//: not an index into the row.
//:
//: The section reads its verdict from three such numbers. Context is worth b_self − b_vanilla to the vanilla
//: model (self-only attention sees no context); the share of that the myopic model keeps is
//:
//:     kept = (b_self − b_myopic) / (b_self − b_vanilla).
//:
//: kept = 1 is pure breadcrumbs (myopic training costs nothing), kept = 0 means everything context bought needed
//: pre-caching. Compute it; throw `ExerciseError.invalidInput` when b_self ≤ b_vanilla (context bought nothing,
//: so there is no share to keep) or any of the three is not finite. Then use it on section 5's table or
//: `size.png`: at which widths do breadcrumbs dominate (kept > ½)?

import Foundation

extension Ch07 {
    /// Mean cross-entropy in bits of the targets under the softmax of the logits (one row per position).
    public static func bitsPerCharacter(logits: [[Double]], targets: [Int]) throws -> Double {
        // BEGIN SOLUTION
        guard !logits.isEmpty, logits.count == targets.count, let v = logits.first?.count,
              logits.allSatisfy({ $0.count == v }), targets.allSatisfy({ (0..<v).contains($0) }) else {
            throw ExerciseError.invalidInput("need one row of logits per target, rows of equal length, targets inside the rows")
        }
        var nats = 0.0
        for (z, c) in zip(logits, targets) {
            let top = z.max()!
            nats += top + Foundation.log(z.reduce(0) { $0 + Foundation.exp($1 - top) }) - z[c]
        }
        return nats / Double(logits.count) / Foundation.log(2)
        // END SOLUTION
    }

    /// The share of what context is worth to the vanilla model that the myopic model keeps.
    public static func contextKept(vanilla: Double, myopic: Double, selfOnly: Double) throws -> Double {
        // BEGIN SOLUTION
        guard vanilla.isFinite, myopic.isFinite, selfOnly.isFinite, selfOnly > vanilla else {
            throw ExerciseError.invalidInput("need finite scores with self-only > vanilla (got \(selfOnly) and \(vanilla))")
        }
        return (selfOnly - myopic) / (selfOnly - vanilla)
        // END SOLUTION
    }
}
