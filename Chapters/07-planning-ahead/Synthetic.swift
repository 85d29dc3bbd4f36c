import Dynamics
import Experiments
import Foundation
import LinearAlgebra
import Notebook
import SequenceModels

/// Section 3's runs: every condition (the paper's task at each p, then the control) × vanilla / myopic × seed.
struct SyntheticRuns {
    let conditions: [PrecachingTask]
    let seeds: [UInt64]
    let runs: [PrecachingRun]
    /// held-out batch of condition c for seed index s: `heldOut[c][s]`.
    let heldOut: [[PrecachingBatch]]

    static func index(condition c: Int, myopic: Bool, seed s: Int, seeds: Int) -> Int { (2 * c + (myopic ? 1 : 0)) * seeds + s }

    func run(_ c: Int, myopic: Bool, seed s: Int) -> PrecachingRun {
        runs[Self.index(condition: c, myopic: myopic, seed: s, seeds: seeds.count)]
    }

    /// Final held-out loss ÷ baseline, one value per seed.
    func ratios(_ c: Int, myopic: Bool) -> [Double] {
        seeds.indices.map { s in run(c, myopic: myopic, seed: s).curve.last!.loss / heldOut[c][s].baselineLoss }
    }

    func baseline(_ c: Int) -> Spread { Spread(heldOut[c].map(\.baselineLoss)) }

    /// The condition of the paper's task at p, or the control at p.
    func condition(p: Double, control: Bool = false) -> Int? {
        conditions.firstIndex { $0.probability == p && $0.copiesPresent != control }
    }

    func label(_ c: Int) -> String {
        "p = \(pText(conditions[c].probability))" + (conditions[c].copiesPresent ? "" : ", control (z = 0 asks for 0)")
    }
}

/// Held-out sequences for condition `task` and seed: the paper's task and its control at the same p draw the same
/// x and z (one stream per p), so they differ only in what z = 0 asks for.
func heldOutBatch(_ task: PrecachingTask, probabilityIndex: Int, seed: UInt64, count: Int) -> PrecachingBatch {
    var rng = SeededRNG(seed: seed, stream: 80 + UInt64(probabilityIndex))
    return task.batch(count, rng: &rng)
}

/// R² of sin(w·x_{n−i}), i = 0…maxLag, from each residual stream of `model`, on 128 fresh sequences of `task`
/// (fitted on half, scored on the other half; positions n < maxLag left out so every target is a real sine).
func probeScores(_ model: GPTRegressor<Float>, _ task: PrecachingTask, seed: UInt64, maxLag: Int) throws -> [[Double]] {
    var probeRNG = SeededRNG(seed: seed, stream: 7)
    let length = task.length
    let probeBatch = task.batch(128, rng: &probeRNG)
    var targets = Matrix<Double>(rows: 128 * (length - maxLag), cols: maxLag + 1)
    for lag in 0...maxLag {
        let sine = probeBatch.laggedSine(lag: lag)
        var row = 0
        for b in 0..<128 { for n in maxLag..<length { targets[row, lag] = sine[b * length + n]; row += 1 } }
    }
    return try model.residualStreams(probeBatch.inputs).map { stream in
        try decodeR2(features: pooledRows(stream, warm: maxLag), targets: targets, trainFraction: 0.5, lambda: 1e-4).perColumn
    }
}

/// A coin probability as the prose writes it: "1", "0.3", "0.03".
func pText(_ p: Double) -> String { p == p.rounded() ? String(Int(p)) : "\(p)" }
