import Foundation
import LinearAlgebra
import Notebook

/// The curves of one configuration over its seeds.
struct SeedGroup {
    let curves: [[Evaluation]]

    var initial: [Evaluation] { curves.map { $0.first! } }
    var final: [Evaluation] { curves.map { $0.last! } }

    func spread(_ evaluations: [Evaluation], _ metric: (Evaluation) -> Double) -> Spread { Spread(evaluations.map(metric)) }

    /// The metric at evaluation `index` (the same steps in every seed), over seeds.
    func spread(at index: Int, _ metric: (Evaluation) -> Double) -> Spread { Spread(curves.map { metric($0[index]) }) }
}
