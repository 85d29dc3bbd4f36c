// Chapter 1's claims at --quick. Bounds: docs/calibration.md, rows ch01.*.

extension ChapterClaims {
    static let chapter01: [Claim] = {
        let c = "01-takens"
        @Sendable func r2z(_ o: ChapterOutput, block: Int, d: Int) throws -> Double {
            let table = try o.table("reconstruction")
            let ds = try table.column("d", block: block)
            return try table.column("r2_z", block: block)[index(of: Double(d), in: ds, "d")]
        }
        @Sendable func lastBlock(_ o: ChapterOutput) throws -> Int { try o.table("reconstruction").blocks.count - 1 }
        return [
            Claim("ch01.delay.ami-minimum", chapter: c,
                  "τ, the first minimum of mutual information of Lorenz x, lies near 0.1–0.2 time units",
                  statistic: "chosen τ in steps of 0.01", bound: .within(10, 25)) { o in
                try o.table("delay").column("chosen")[0]
            },
            Claim("ch01.dimension.fnn-clean", chapter: c,
                  "clean x needs about three coordinates (attractor dimension ≈ 2.06)",
                  statistic: "first d with < 5 % false neighbours", bound: .within(2, 4)) { o in
                let fnn = try o.table("dimension").column("fnn_clean_percent")
                return Double((fnn.firstIndex { $0 < 5 } ?? 98) + 1)
            },
            Claim("ch01.dimension.chosen", chapter: c, "the chosen embedding dimension is small",
                  statistic: "chosen d", bound: .within(2, 5)) { o in
                try o.table("dimension").column("chosen")[0]
            },
            Claim("ch01.dimension.cao-e2", chapter: c, "Cao's E2 departs from 1: the series is deterministic",
                  statistic: "max over d of |E2 − 1|", bound: .above(0.3)) { o in
                try o.table("dimension").column("e2").map { abs($0 - 1) }.largest
            },
            Claim("ch01.reconstruction.three-delays", chapter: c, "three delays of clean x recover z",
                  statistic: "R²(z) at d = 3, no noise", bound: .atLeast(0.9)) { o in
                try r2z(o, block: 0, d: 3)
            },
            Claim("ch01.reconstruction.one-coordinate", chapter: c, "x alone cannot give z (the symmetry)",
                  statistic: "R²(z) at d = 1, no noise", bound: .below(0.5)) { o in
                try r2z(o, block: 0, d: 1)
            },
            Claim("ch01.reconstruction.noise-lowers", chapter: c, "noise lowers the ceiling",
                  statistic: "R²(z) at d = 3: clean − noisiest", bound: .above(0)) { o in
                try r2z(o, block: 0, d: 3) - r2z(o, block: lastBlock(o), d: 3)
            },
            Claim("ch01.forecast.one-step", chapter: c, "simplex forecasts one step ahead are excellent",
                  statistic: "ρ at the first horizon", bound: .above(0.95)) { o in
                try o.table("forecast").column("rho", block: 0)[0]
            },
            Claim("ch01.forecast.decays", chapter: c, "forecast skill falls after a few Lyapunov times",
                  statistic: "ρ(first horizon) − ρ(last horizon)", bound: .above(0.05)) { o in
                let rho = try o.table("forecast").column("rho", block: 0)
                return rho[0] - rho.last!
            },
        ]
    }()
}
