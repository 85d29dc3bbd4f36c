// Chapter 3's claims at --quick. Bounds: docs/calibration.md, rows ch03.*.

extension ChapterClaims {
    static let chapter03: [Claim] = {
        let c = "03-ssm"
        return [
            Claim("ch03.untrained.cross-map-z", chapter: c,
                  "an untrained 64-state LRU's state recovers z by cross mapping",
                  statistic: "R²(z), k-NN cross map, N = 64", bound: .atLeast(0.8)) { o in
                let size = try o.table("size")
                return try size.column("r2_z_knn")[index(of: 64, in: try size.column("N"), "N")]
            },
            Claim("ch03.untrained.linear-cannot", chapter: c,
                  "no linear probe reads z from a layer linear in x (the symmetry)",
                  statistic: "max over N of linear R²(z)", bound: .below(0.3)) { o in
                try o.table("size").column("r2_z_linear").largest
            },
            Claim("ch03.memory.short-beats-long", chapter: c,
                  "modes that remember ~10 steps embed better than modes that remember ~100",
                  statistic: "R²(z) at r = 0.9 − at r = 0.99", bound: .above(0)) { o in
                let radius = try o.table("radius")
                let r = try radius.column("r"), rz = try radius.column("r2_z_knn")
                return try rz[index(of: 0.9, in: r, "r")] - rz[index(of: 0.99, in: r, "r")]
            },
            Claim("ch03.eigenvalues.inside-disk", chapter: c, "every eigenvalue, initial or trained, lies inside the unit disk",
                  statistic: "max |λ|", bound: .below(1)) { o in
                try o.table("eigenvalues").column("radius").largest
            },
            Claim("ch03.training.loss-falls", chapter: c, "training lowers the validation loss tenfold",
                  statistic: "final ÷ initial validation loss", bound: .below(0.1)) { o in
                let loss = try o.table("training").column("val_loss")
                return loss.last! / loss.first!
            },
        ]
    }()
}
