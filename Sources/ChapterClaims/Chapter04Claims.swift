// Chapter 4's claims at --quick. Bounds: docs/calibration.md, rows ch04.*.

extension ChapterClaims {
    static let chapter04: [Claim] = {
        let c = "04-attention"
        @Sendable func heads(_ o: ChapterOutput) throws -> [[Double]] {
            let attention = try o.table("attention")
            return try attention.header.filter { $0.hasPrefix("head") }.map { try attention.column($0) }
        }
        return [
            Claim("ch04.training.every-variant-learns", chapter: c,
                  "every positional-encoding variant learns next-step prediction",
                  statistic: "max over variants of final ÷ initial loss", bound: .below(0.2)) { o in
                let loss = try o.table("loss")
                return try loss.header.dropFirst().filter { !["persistence", "noise floor"].contains($0) }.map { v in
                    let curve = try loss.column(v)
                    return curve.last! / curve.first!
                }.largest
            },
            Claim("ch04.attention.weights-nonnegative", chapter: c, "attention weights per lag are non-negative",
                  statistic: "min weight over heads and lags", bound: .atLeast(0)) { o in
                try heads(o).flatMap { $0 }.smallest
            },
            Claim("ch04.attention.weights-at-most-one", chapter: c, "a head's weights over lags sum to at most 1",
                  statistic: "max over heads of Σ weights", bound: .atMost(1 + 1e-6)) { o in
                try heads(o).map { $0.reduce(0, +) }.largest
            },
            Claim("ch04.causality", chapter: c, "changing the last input moves no earlier output",
                  statistic: "1 if printed exactly, else 0", bound: .above(0.5)) { o in
                o.printedLine("after changing input 31 = 0\n")
            },
        ]
    }()
}
