// Chapter 2's claims at --quick. Bounds: docs/calibration.md, rows ch02.*.

extension ChapterClaims {
    static let chapter02: [Claim] = {
        let c = "02-next-step"
        return [
            Claim("ch02.training.loss-falls", chapter: c, "training lowers the held-out loss by an order of magnitude",
                  statistic: "final ÷ initial validation loss", bound: .below(0.1)) { o in
                let v = try o.table("learning").column("val_loss")
                return v.last! / v.first!
            },
            Claim("ch02.rollout.mlp-beats-ar", chapter: c, "beyond a few steps the MLP's rollouts beat the linear AR model's",
                  statistic: "Σ MASE(MLP) ÷ Σ MASE(AR) over horizons ≥ 10", bound: .below(1)) { o in
                let mase = try o.table("mase")
                let h = try mase.column("horizon"), ar = try mase.column("ar"), mlp = try mase.column("mlp")
                let longer = h.indices.filter { h[$0] >= 10 }
                guard !longer.isEmpty else { throw ClaimError("no horizon ≥ 10") }
                return longer.map { mlp[$0] }.reduce(0, +) / longer.map { ar[$0] }.reduce(0, +)
            },
            Claim("ch02.rollout.beats-persistence", chapter: c, "both models beat persistence one step ahead",
                  statistic: "max(MASE₁ AR, MASE₁ MLP)", bound: .below(1)) { o in
                let mase = try o.table("mase")
                return max(try mase.column("ar")[0], try mase.column("mlp")[0])
            },
            Claim("ch02.decoding.hidden-holds-z", chapter: c, "the hidden layer holds z a linear read-out away",
                  statistic: "R²(z) from the hidden layer", bound: .atLeast(0.8)) { o in
                try o.table("decoding").column("r2_z_hidden").last!
            },
            Claim("ch02.decoding.window-lacks-z", chapter: c, "the raw delay window does not (the (x, y) → (−x, −y) symmetry)",
                  statistic: "R²(z) from the window", bound: .below(0.3)) { o in
                try o.table("decoding").column("r2_z_delay").last!
            },
            Claim("ch02.decoding.gap", chapter: c, "the hidden layer decodes z far better than the window",
                  statistic: "R²(z) hidden − window", bound: .above(0.5)) { o in
                try o.table("decoding").column("r2_z_hidden").last! - o.table("decoding").column("r2_z_delay").last!
            },
        ]
    }()
}
