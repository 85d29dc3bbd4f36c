import Experiments
import Notebook

/// The split of the vanilla gradient (section 6) at one evaluation, on several batches: the norms and the cosine
/// move a lot from one batch of 32 sequences to the next, so every number is reported over batches and seeds.
struct GradientSample {
    let step: Int
    /// (whole model, layer 1's MLP) on each batch.
    let batches: [(total: GradientDecomposition, mlp: GradientDecomposition)]
}

/// One evaluation's gradient numbers over every batch of every seed.
struct GradientSummary {
    let step: Int
    let myopic, future, cosine, ratio, mlpMyopic, mlpFuture, mlpRatio: Spread

    /// `runs[s]` is seed s's series; every seed evaluates at the same steps.
    static func over(_ runs: [[GradientSample]]) -> [GradientSummary] {
        guard let first = runs.first else { return [] }
        return first.indices.map { e in
            let all = runs.flatMap { $0[e].batches }
            return GradientSummary(step: first[e].step,
                                   myopic: Spread(all.map(\.total.myopic)), future: Spread(all.map(\.total.future)),
                                   cosine: Spread(all.map(\.total.cosine)),
                                   ratio: Spread(all.map { $0.total.future / $0.total.myopic }),
                                   mlpMyopic: Spread(all.map(\.mlp.myopic)), mlpFuture: Spread(all.map(\.mlp.future)),
                                   mlpRatio: Spread(all.map { $0.mlp.future / $0.mlp.myopic }))
        }
    }
}

extension Sequence where Element == Double {
    /// The arithmetic mean (NaN for none).
    var mean: Double {
        var (sum, n) = (0.0, 0)
        for x in self { sum += x; n += 1 }
        return n == 0 ? .nan : sum / Double(n)
    }
}
