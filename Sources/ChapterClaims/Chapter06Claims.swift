// Chapter 6's claims at --quick (on the pair the chapter trains itself). Most are identities, checked to a
// rounding tolerance; the bounds still come from the calibration table. Bounds: docs/calibration.md, rows ch06.*.

extension ChapterClaims {
    static let chapter06: [Claim] = {
        let c = "06-coefficient-dynamics"
        return [
            Claim("ch06.equivalence.double", chapter: c, "every mixer's α·V equals its own implementation (Double)",
                  statistic: "max relative error over the 13 mixers", bound: .atMost(1e-10), logScale: true) { o in
                try o.table("equivalence").column("error_double").largest
            },
            Claim("ch06.equivalence.float", chapter: c, "… and in Float",
                  statistic: "max relative error over the 13 mixers", bound: .atMost(1e-4), logScale: true) { o in
                try o.table("equivalence").column("error_float").largest
            },
            Claim("ch06.equivalence.chapter4-attention", chapter: c,
                  "chapter 4's attention weights are the coefficients of the A = I, φ = exp system",
                  statistic: "printed error", bound: .atMost(1e-12), logScale: true) { o in
                try o.printed("chapter 4's attention weights")
            },
            Claim("ch06.p1.recurrent-form", chapter: c, "where φ is linear the recurrent form equals the materialised one",
                  statistic: "max error over linear-φ mixers", bound: .atMost(1e-10), logScale: true) { o in
                let forms = try o.table("forms")
                let linear = try forms.column("linear"), error = try forms.column("recurrent_error")
                guard linear.contains(1), linear.contains(0) else { throw ClaimError("forms lacks a linear or a softmax mixer") }
                guard zip(linear, error).allSatisfy({ $0 == 1 || $1.isNaN }) else { throw ClaimError("a recurrent error for a non-linear φ") }
                return zip(linear, error).filter { $0.0 == 1 }.map(\.1).largest
            },
            Claim("ch06.p1.cache", chapter: c, "the cached form agrees for every mixer",
                  statistic: "max error", bound: .atMost(1e-10), logScale: true) { o in
                try o.table("forms").column("cached_error").largest
            },
            Claim("ch06.p1.state-grows", chapter: c, "softmax's KV cache grows with the position; a linear state does not",
                  statistic: "cache(last) ÷ cache(first), when the fixed state is constant and smaller", bound: .above(10)) { o in
                let state = try o.table("state")
                let cache = try state.column("softmax attention (KV cache)"), fixed = try state.column("linear attention (fixed state)")
                guard Set(fixed).count == 1, cache.last! > fixed.last! else { return 0 }
                return cache.last! / cache.first!
            },
            Claim("ch06.p1.lift-exact", chapter: c, "the feature lift reproduces its own system",
                  statistic: "max lift error", bound: .atMost(1e-10), logScale: true) { o in
                try o.table("lift").column("lift_error").largest
            },
            Claim("ch06.p1.lift-converges", chapter: c, "larger lifts approach softmax, never reaching it",
                  statistic: "1 if the error falls with every size and stays > 0, else 0", bound: .above(0.5)) { o in
                let e = try o.table("lift").column("error_vs_softmax")
                return zip(e, e.dropFirst()).allSatisfy { $0 > $1 } && e.last! > 0 ? 1 : 0
            },
            Claim("ch06.p2.linear-relu-select-none", chapter: c, "no linear or ReLU query selects one token",
                  statistic: "tokens selectable by linear + by ReLU", bound: .below(1)) { o in
                let s = try o.table("zero-sets").column("selectable")
                return s[0] + s[1]
            },
            Claim("ch06.p2.softmax-selects-vertices", chapter: c, "softmax selects the hull's vertices, not every key",
                  statistic: "selectable ÷ tokens under softmax", bound: .within(0.01, 0.99)) { o in
                let z = try o.table("zero-sets")
                return try z.column("selectable")[2] / z.column("tokens")[2]
            },
            Claim("ch06.p2.linear-residual", chapter: c, "the best linear query leaves a large residual",
                  statistic: "min residual (linear)", bound: .above(0.3)) { o in
                try o.table("zero-sets").column("min_residual")[0]
            },
            Claim("ch06.p3.identity-ignores-order", chapter: c, "with A = I shuffling the past changes nothing",
                  statistic: "max change over A = I systems", bound: .atMost(1e-12), logScale: true) { o in
                let p = try o.table("position")
                let identity = try p.column("identity"), change = try p.column("change")
                guard identity.filter({ $0 == 1 }).count == 2 else { throw ClaimError("expected two A = I systems") }
                return zip(identity, change).filter { $0.0 == 1 }.map(\.1).largest
            },
            Claim("ch06.p3.decay-sees-order", chapter: c, "with A ≠ I it changes the output",
                  statistic: "min change over A ≠ I systems", bound: .above(1e-4), logScale: true) { o in
                let p = try o.table("position")
                return zip(try p.column("identity"), try p.column("change")).filter { $0.0 != 1 }.map(\.1).smallest
            },
            Claim("ch06.p5.scaled-variance", chapter: c, "b = 1/√n keeps the score variance near 1",
                  statistic: "worst |variance − 1|", bound: .below(0.3)) { o in
                try o.table("scaling").column("variance_scaled").map { abs($0 - 1) }.largest
            },
            Claim("ch06.p5.scaled-entropy-flat", chapter: c, "… and the entropy flat in n",
                  statistic: "max − min entropy, scaled", bound: .below(0.3)) { o in
                let e = try o.table("scaling").column("entropy_scaled")
                return e.largest - e.smallest
            },
            Claim("ch06.p5.unscaled-collapses", chapter: c, "b = 1 collapses the entropy",
                  statistic: "entropy(first n) − entropy(last n), unscaled", bound: .above(1)) { o in
                let e = try o.table("scaling").column("entropy_unscaled")
                return e.first! - e.last!
            },
            Claim("ch06.p6.normalised-bounded", chapter: c, "with η = Σ and φ ≥ 0 every output stays within max ‖v‖",
                  statistic: "max output ÷ max ‖v‖ over η = Σ columns", bound: .atMost(1 + 1e-9)) { o in
                let n = try o.table("normalisation")
                let bound = try n.column("max |v|")[0]
                return try n.header.filter { $0.hasSuffix("η = Σ") }.flatMap { try n.column($0) }.largest / bound
            },
            Claim("ch06.p2.graded-zero-sets", chapter: c,
                  "graded: the larger φ's zero set, the more weight a query optimised for φ can put on one token "
                      + "(linear < ReLU < ReLU(x − 1))",
                  statistic: "min of mean best share (ReLU − linear, ReLU(x − 1) − ReLU)", bound: .above(0)) { o in
                let share = try o.table("graded-selectivity").column("mean")   // rows: linear, ReLU, ReLU(x − 1), softmax
                return min(share[1] - share[0], share[2] - share[1])
            },
            Claim("ch06.p6.unnormalised-explodes", chapter: c, "without η, a = 1.02 explodes",
                  statistic: "last output ÷ max ‖v‖", bound: .above(10)) { o in
                let n = try o.table("normalisation")
                return try n.column("a = 1.02, η = 1").last! / n.column("max |v|")[0]
            },
            Claim("ch06.trained.eigenvalues-inside", chapter: c, "the trained LRU's eigenvalues stay inside the disk",
                  statistic: "max |λ|", bound: .below(1)) { o in
                let e = try o.table("trained-eigenvalues")
                return zip(try e.column("trained re"), try e.column("trained im")).map { ($0 * $0 + $1 * $1).squareRoot() }.largest
            },
            Claim("ch06.trained.lags-distribution", chapter: c,
                  "trained attention lag profiles, and the LRU's normalised kernel norms, are (parts of) distributions",
                  statistic: "max over heads and the LRU of Σ weights (NaN if a weight < 0)", bound: .atMost(1 + 1e-6)) { o in
                let lags = try o.table("trained-lags")
                return try lags.header.filter { $0.hasPrefix("head") || $0.hasPrefix("LRU") }.map { h in
                    let w = try lags.column(h)
                    return w.allSatisfy { $0 >= 0 } ? w.reduce(0, +) : .nan
                }.largest
            },
            Claim("ch06.trained.lru-profile-mostly-short", chapter: c, "lags 0–100 hold most of the LRU's kernel norm",
                  statistic: "Σ normalised ‖K_k‖ over lags 0–100", bound: .above(0.5)) { o in
                try o.table("trained-lags").column("LRU ‖K_k‖ (normalised)").reduce(0, +)
            },
            Claim("ch06.trained.alpha-is-attention", chapter: c, "the trained model's α equals its own attention weights",
                  statistic: "printed error", bound: .atMost(1e-5), logScale: true) { o in
                try o.printed("the model's own attention weights")
            },
        ]
    }()
}
