import Experiments
import Foundation
import Learning
import LinearAlgebra
import Notebook
import SequenceModels

// The chapter's data files: every number a figure or a test reads is written here.

/// Short column prefixes for the three models, used in every TSV.
extension ModelKind {
    var key: String {
        switch self {
        case .lru: return "lru"
        case .transformerLearned: return "tf_pos"
        case .transformerNone: return "tf_nopos"
        }
    }
}

let runMetrics: [(String, (Evaluation) -> Double)] = [
    ("mase1", { $0.mase[0] }), ("mase7", { $0.mase[1] }), ("mase14", { $0.mase[2] }),
    ("linear_y", { $0.scores.linearR2[0] }), ("linear_z", { $0.scores.linearR2[1] }),
    ("mlp_y", { $0.scores.mlpR2?[0] ?? .nan }), ("mlp_z", { $0.scores.mlpR2?[1] ?? .nan }),
    ("overlap", { $0.scores.overlap }), ("future_spread", { $0.scores.amplification.futureSpread }),
    ("L", { $0.scores.amplification.L }),
]

/// `runs.tsv`: one row per run with every metric at initialisation and after training.
func writeRuns(_ nb: Notebook, specs: [RunSpec], curves: [RunSpec: [Evaluation]]) throws {
    let names = runMetrics.map(\.0)
    var file = nb.data("runs", header: ["model", "width", "noise", "seed", "params"]
                       + names.map { "init_\($0)" } + names.map { "final_\($0)" })
    for spec in specs {
        let curve = curves[spec]!
        let values = runMetrics.map { $0.1(curve.first!) } + runMetrics.map { $0.1(curve.last!) }
        file.row(cells: [.label(spec.model.key), .number(Double(spec.width)), .number(spec.noise), .number(Double(spec.seed)),
                         .number(Double(spec.parameterCount(length: settings.length)))] + values.map { .number($0) })
    }
    try nb.save(file)
}

/// `training.tsv`: scores against training step for each model — mean, min and max over seeds — and the delay
/// embedding's (constant).
func writeTrainingCurves(_ nb: Notebook, groups: [SeedGroup], reference: DelayReference) throws {
    let metrics: [(String, (Evaluation) -> Double)] = [("mase1", { $0.mase[0] }), ("mlp", { $0.mlpR2 }),
                                                       ("overlap", { $0.scores.overlap }), ("L", { $0.scores.amplification.L })]
    let referenceValues = [reference.mase[0], (reference.scores.mlpR2 ?? [.nan, .nan]).reduce(0, +) / 2,
                           reference.scores.overlap, reference.scores.amplification.L]
    var header = ["step"]
    for kind in ModelKind.allCases { header += metrics.flatMap { ["\(kind.key) \($0.0)", "\(kind.key) \($0.0) min", "\(kind.key) \($0.0) max"] } }
    header += metrics.map { "delay \($0.0)" }
    var file = nb.data("training", header: header)
    for index in groups[0].curves[0].indices {
        var row = [Double(groups[0].curves[0][index].step)]
        for g in groups { row += metrics.flatMap { let s = g.spread(at: index, $0.1); return [s.mean, s.min, s.max] } }
        file.row(row + referenceValues)
    }
    try nb.save(file)
}

/// `efficiency.tsv`: final one-step MASE (mean, min, max over seeds) against parameter count, one block per model.
func writeEfficiency(_ nb: Notebook, widths: [Int], groups: (ModelKind, Int) -> SeedGroup) throws {
    var file = nb.data("efficiency", header: ["params", "width", "mase1", "min", "max"])
    for (k, kind) in ModelKind.allCases.enumerated() {
        if k > 0 { file.newBlock() }
        for d in widths {
            let s = groups(kind, d).spread(groups(kind, d).final) { $0.mase[0] }
            file.row([Double(RunSpec(model: kind, width: d, noise: 0, seed: 0).parameterCount(length: settings.length)), Double(d), s.mean, s.min, s.max])
        }
    }
    try nb.save(file)
}

/// `noise.tsv`: final one-step MASE against the noise level, mean/min/max over seeds, three columns for each model
/// of the noise sweep (in the order of `ModelKind.allCases`, so colours match the other figures).
func writeNoise(_ nb: Notebook, kinds: [ModelKind], levels: [Double], groups: (ModelKind, Double) -> SeedGroup) throws {
    var header = ["noise"]
    for kind in kinds { header += [kind.label, "\(kind.label) min", "\(kind.label) max"] }
    var file = nb.data("noise", header: header)
    for noise in levels {
        var row = [noise]
        for kind in kinds {
            let g = groups(kind, noise)
            let s = g.spread(g.final) { $0.mase[0] }
            row += [s.mean, s.min, s.max]
        }
        file.row(row)
    }
    try nb.save(file)
}

/// `pca.tsv`: the first three principal components of each representation on three held-out trajectories,
/// with the true z for colour. Returns the explained-variance fractions per representation.
func writePCA(_ nb: Notebook, data: Dataset, reference: DelayReference, lru: LRUModel<Float>,
              transformer: TransformerModel<Float>) throws -> [(String, [Double])] {
    let shown = Array(data.heldOutIndices.prefix(3))
    let input = data.heldOut.inputs(shown, scale: data.scale)
    let rows = shown.count * (data.heldOut.length - 1 - data.probe.warm)
    let representations: [(String, Matrix<Double>)] = [
        ("delay", reference.vectors.selectingRows(0..<rows)),
        ("lru", pooledRows(lru.hiddenStates(input), warm: data.probe.warm)),
        ("transformer", pooledRows(transformer.hiddenStates(input), warm: data.probe.warm)),
    ]
    let projected = try representations.map { try pca($0.1, components: 3) }
    let z = data.heldOut.hidden(shown, warm: data.probe.warm).column(1)
    var file = nb.data("pca", header: ["z"] + representations.flatMap { name, _ in (1...3).map { "\(name) pc\($0)" } })
    for i in 0..<rows {
        file.row([z[i]] + projected.flatMap { p in (0..<3).map { p.scores[i, $0] } })
    }
    try nb.save(file)
    let names = ["delay embedding", "LRU", "transformer"]
    return zip(names, projected.map(\.explained)).map { ($0, $1) }
}

/// What the trained heads read, beside the null of uniform causal attention (every query spreading its weight
/// evenly over its whole past): mean lags and mean entropies, per head and for the null.
struct AttentionReading {
    let meanLag: [Double]
    let entropy: [Double]
    let uniformMeanLag: Double
    /// Mean of log(i + 1) over the scored queries: the entropy of uniform attention, in nats.
    let uniformEntropy: Double
}

/// `attention.tsv`: mean attention weight per lag (every lag) for each head of the trained transformer, queries
/// past `warm`, and the weight uniform causal attention would give each lag.
func writeAttention(_ nb: Notebook, data: Dataset, transformer: TransformerModel<Float>, warm: Int) throws -> AttentionReading {
    let weights = transformer.attentionWeights(data.heldOut.inputs(data.heldOutIndices, scale: data.scale))   // [B, H, T, T]
    let (sequences, heads, positions) = (weights.shape[0], weights.shape[1], weights.shape[2])
    var byLag = [[Double]](repeating: [Double](repeating: 0, count: positions), count: heads)
    var entropy = [Double](repeating: 0, count: heads)
    weights.withUnsafeBufferPointer { w in
        for b in 0..<sequences { for h in 0..<heads { for i in warm..<positions {
            let base = ((b * heads + h) * positions + i) * positions
            for lag in 0...i {
                let a = Double(w[base + i - lag])
                byLag[h][lag] += a
                if a > 0 { entropy[h] -= a * Foundation.log(a) }
            }
        } } }
    }
    let queries = Double(sequences * (positions - warm))
    // Uniform causal attention: query i gives each of its i + 1 keys 1 / (i + 1).
    let uniform = (0..<positions).map { lag in (Swift.max(warm, lag)..<positions).reduce(0.0) { $0 + 1 / Double($1 + 1) } / Double(positions - warm) }
    var file = nb.data("attention", header: ["lag"] + (1...heads).map { "head \($0)" } + ["uniform attention"])
    for lag in 0..<positions { file.row([Double(lag)] + byLag.map { $0[lag] / queries } + [uniform[lag]]) }
    try nb.save(file)
    func mean(_ w: [Double]) -> Double { zip(w.indices, w).reduce(0) { $0 + Double($1.0) * $1.1 } / Swift.max(w.reduce(0, +), 1e-12) }
    let scored = warm..<positions
    return AttentionReading(meanLag: byLag.map(mean), entropy: entropy.map { $0 / queries }, uniformMeanLag: mean(uniform),
                            uniformEntropy: scored.reduce(0.0) { $0 + Foundation.log(Double($1 + 1)) } / Double(scored.count))
}
