// Chapter 7's claims at --quick, on the fixed test corpus. Bounds: docs/calibration.md, rows ch07.*.

extension ChapterClaims {
    static let chapter07: [Claim] = {
        let c = "07-planning-ahead"
        @Sendable func precaching(_ o: ChapterOutput) throws -> [(baseline: Double, vanilla: Double, myopic: Double)] {
            let t = try o.table("precaching")
            return zip(try t.column("baseline"), zip(try t.column("vanilla"), try t.column("myopic"))).map { ($0, $1.0, $1.1) }
        }
        return [
            Claim("ch07.myopic.same-forward", chapter: c, "the myopic forward pass is the vanilla one, bit for bit",
                  statistic: "1 if printed exactly, else 0", bound: .above(0.5)) { o in
                o.printedLine("largest |myopic − vanilla| over all logits = 0\n")
            },
            Claim("ch07.myopic.no-past-gradient", chapter: c, "the last position's loss reaches no earlier embedding",
                  statistic: "1 if printed exactly, else 0", bound: .above(0.5)) { o in
                o.printedLine("myopic: ‖∂ℓ_7/∂(embeddings of positions 0…6)‖ = 0\n")
            },
            Claim("ch07.precaching.vanilla-solves", chapter: c, "vanilla training gets far below the predict-zero baseline",
                  statistic: "max over p of vanilla ÷ baseline", bound: .below(0.4)) { o in
                try precaching(o).map { $0.vanilla / $0.baseline }.largest
            },
            Claim("ch07.precaching.myopic-stays", chapter: c, "myopic training stays near the baseline",
                  statistic: "min over p of myopic ÷ baseline", bound: .above(0.95)) { o in
                try precaching(o).map { $0.myopic / $0.baseline }.smallest
            },
            Claim("ch07.precaching.gap", chapter: c, "the myopia gap is a large part of the baseline",
                  statistic: "min over p of (myopic − vanilla) ÷ baseline", bound: .above(0.6)) { o in
                try precaching(o).map { ($0.myopic - $0.vanilla) / $0.baseline }.smallest
            },
            Claim("ch07.probes.vanilla-precaches", chapter: c, "the vanilla model's layer 1 holds sin(w·xₙ) at position n",
                  statistic: "probe R², vanilla layer 1, lag 0", bound: .above(0.5)) { o in
                try o.table("probes").column("vanilla layer 1")[0]
            },
            Claim("ch07.probes.myopic-less", chapter: c, "the myopic model's streams hold much less of the sine",
                  statistic: "max over layers of myopic ÷ vanilla-layer-1 R² at lag 0", bound: .below(0.4)) { o in
                let p = try o.table("probes")
                let vanilla = try p.column("vanilla layer 1")[0]
                return try (0...2).map { try p.column("myopic layer \($0)")[0] / vanilla }.largest
            },
            Claim("ch07.probes.myopic-low", chapter: c, "no myopic probe reaches R² 0.35",
                  statistic: "max over layers and lags of myopic R²", bound: .below(0.35)) { o in
                let p = try o.table("probes")
                return try (0...2).flatMap { try p.column("myopic layer \($0)") }.largest
            },
            Claim("ch07.language.myopic-close", chapter: c,
                  "on text the myopic model is much closer to vanilla than the self-only baseline (largest width)",
                  statistic: "myopia gap ÷ self-only gap", bound: .below(0.5)) { o in
                let size = try o.table("size")
                return try size.column("myopia gap").last! / size.column("self-only gap").last!
            },
            Claim("ch07.language.myopic-beats-self-only", chapter: c, "… and better than self-only at every width",
                  statistic: "max over widths of myopia gap − self-only gap (bits)", bound: .below(0)) { o in
                let size = try o.table("size")
                return zip(try size.column("myopia gap"), try size.column("self-only gap")).map { $0 - $1 }.largest
            },
            Claim("ch07.gradients.future-part", chapter: c,
                  "late in training the future part of layer 1's MLP gradient is of the order of the myopic part",
                  statistic: "mean over the second half of ‖g_f‖ ÷ ‖g_m‖", bound: .above(0.7)) { o in
                let g = try o.table("gradients")
                let f = try g.column("MLP 1 ‖g_f‖", block: 0), m = try g.column("MLP 1 ‖g_m‖", block: 0)
                return f.indices.dropFirst(f.count / 2).map { f[$0] / m[$0] }.mean
            },
            Claim("ch07.gradients.cosine", chapter: c, "cosines are cosines",
                  statistic: "max |cos(g_m, g_f)|", bound: .atMost(1 + 1e-9)) { o in
                try o.table("gradients").column("cos(g_m, g_f)").filter { !$0.isNaN }.map(abs).largest
            },
        ]
    }()
}
