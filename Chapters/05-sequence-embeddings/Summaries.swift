import Foundation
import LinearAlgebra
import Notebook

/// Mean and range over seeds: what the chapter reports for every configuration.
struct Spread {
    let mean: Double, min: Double, max: Double

    init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        mean = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        min = finite.min() ?? .nan
        max = finite.max() ?? .nan
    }

    /// "0.123 (0.110–0.131)": the mean and, over several seeds, the range.
    func text(digits: Int = 3) -> String {
        min == max ? Format.number(mean, digits: digits)
            : "\(Format.number(mean, digits: digits)) (\(Format.number(min, digits: digits))–\(Format.number(max, digits: digits)))"
    }
}

/// The curves of one configuration over its seeds.
struct SeedGroup {
    let curves: [[Evaluation]]

    var initial: [Evaluation] { curves.map { $0.first! } }
    var final: [Evaluation] { curves.map { $0.last! } }

    func spread(_ evaluations: [Evaluation], _ metric: (Evaluation) -> Double) -> Spread { Spread(evaluations.map(metric)) }

    /// The metric at evaluation `index` (the same steps in every seed), over seeds.
    func spread(at index: Int, _ metric: (Evaluation) -> Double) -> Spread { Spread(curves.map { metric($0[index]) }) }
}
