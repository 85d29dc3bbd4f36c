import Foundation
import Notebook

/// Section 10: each of paper 000's claims, checked against this run's numbers and stated as held or not.
func summarise(_ nb: Notebook, specs: [RunSpec], group: (ModelKind, Int, Double) -> SeedGroup, widths: [Int],
               showWidth: Int, noiseWidth: Int, noiseLevels: [Double], noiseKinds: [ModelKind], sweepNoise: Double) throws {
    func verdict(_ holds: Bool) -> String { holds ? "holds" : "does NOT hold" }
    let transformers: [ModelKind] = [.transformerLearned, .transformerNone]

    // 1. Training makes an embedding: the MLP decoder's R² after training, against its value at initialisation.
    var lines = [String]()
    for kind in ModelKind.allCases {
        let g = group(kind, showWidth, sweepNoise)
        let (before, after) = (g.spread(g.initial, \.mlpR2), g.spread(g.final, \.mlpR2))
        lines.append("\(kind.label) \(before.text()) → \(after.text())")
    }
    let trained = ModelKind.allCases.map { kind in group(kind, showWidth, sweepNoise).spread(group(kind, showWidth, sweepNoise).final, \.mlpR2).mean }
    let perModel = zip(ModelKind.allCases, trained).map { "\(verdict($1 >= 0.8)) for the \($0.label)" }.joined(separator: ", ")
    nb.say("Claim 1 (after training the state decodes y, z with MLP R² ≥ 0.8) \(perModel): " + lines.joined(separator: "; ") + ".")

    // 2. At initialisation the LRU decodes better than either transformer, at every width.
    let initWins = widths.allSatisfy { d in
        let lruInit = group(.lru, d, sweepNoise).spread(group(.lru, d, sweepNoise).initial, \.mlpR2).mean
        return transformers.allSatisfy { lruInit > group($0, d, sweepNoise).spread(group($0, d, sweepNoise).initial, \.mlpR2).mean }
    }
    nb.say("Claim 2 (at initialisation the LRU decodes y, z better than the transformer, at every width) \(verdict(initWins)).")

    // 3. Parameter efficiency: the smallest LRU against every transformer with at least as many parameters.
    let smallest = RunSpec(kind: .lru, width: widths[0], noise: sweepNoise, seed: 0)
    let lruMASE = group(.lru, widths[0], sweepNoise).spread(group(.lru, widths[0], sweepNoise).final) { $0.mase[0] }.mean
    var rivals = [(String, Double)]()
    for kind in transformers {
        for d in widths where RunSpec(kind: kind, width: d, noise: sweepNoise, seed: 0).parameterCount >= smallest.parameterCount {
            rivals.append(("\(kind.key) d=\(d)", group(kind, d, sweepNoise).spread(group(kind, d, sweepNoise).final) { $0.mase[0] }.mean))
        }
    }
    let beaten = rivals.filter { $0.1 > lruMASE }.count
    nb.say("Claim 3 (the smallest LRU, \(smallest.parameterCount) parameters, MASE \(Format.number(lruMASE, digits: 3)), "
           + "beats every transformer at least as large) \(verdict(beaten == rivals.count)): it beats \(beaten) of \(rivals.count).")

    // 4. Noise sensitivity: ΔMASE from σ = 0 to σ = 0.05 at d = noiseWidth.
    guard noiseLevels.contains(0), noiseLevels.contains(0.05) else { return }
    let delta = noiseKinds.map { kind -> Double in
        let clean = group(kind, noiseWidth, 0).spread(group(kind, noiseWidth, 0).final) { $0.mase[0] }.mean
        let noisy = group(kind, noiseWidth, 0.05).spread(group(kind, noiseWidth, 0.05).final) { $0.mase[0] }.mean
        return noisy - clean
    }
    let described = zip(noiseKinds, delta).map { "\($0.label) \($1 >= 0 ? "+" : "")\(Format.number($1, digits: 3))" }.joined(separator: ", ")
    nb.say("Claim 4 (noise hurts the LRU most: ΔMASE from σ = 0 to 0.05) \(verdict(delta.dropFirst().allSatisfy { delta[0] > $0 })): \(described).")
    // A model that forecasts no better than persistence cannot lose much to noise: say so when it happens.
    let untrained = noiseKinds.dropFirst().filter { kind in group(kind, noiseWidth, 0).spread(group(kind, noiseWidth, 0).final) { $0.mase[0] }.mean >= 0.9 }
    if !untrained.isEmpty {
        nb.say("Caution: " + untrained.map(\.label).joined(separator: ", ") + " did not learn to beat persistence clearly "
               + "(MASE ≥ 0.9 at σ = 0), so its small ΔMASE says little about noise robustness.")
    }
}
