import Foundation
import LinearAlgebra

// Principle 2, graded. Selectivity.swift asks a yes/no question — can one query make α exactly one-hot? — and
// for L ≫ n random keys the answer is no for linear and ReLU alike. Paper 001's principle is graded: "a larger
// zero set of φ gives better selectivity". So ask instead how much of the normalised weight one query can put
// on a target token t, with the query chosen *for that φ*:
//
//     share_φ(q) = |φ(q·k_t)| / Σ_j |φ(q·k_j)|,        best_φ = max over ‖q‖ ≤ R of share_φ(q)
//
// (|·| so that the signed linear readout is scored by the mass it puts on t, not by a ratio that can exceed 1).
// The norm budget R is the same for every φ: softmax's share grows with the scale of q, and without a budget
// every hull vertex would score 1. φ runs over a growing zero set: linear {0}, ReLU (−∞, 0], and a shifted
// ReLU (−∞, b] — and softmax, which has none.
//
// The optimiser is deliberately plain: projected gradient ascent on the ball with central-difference gradients
// (n is 4), from several starts (the target key's direction, the hull-vertex direction when there is one, and
// random directions), keeping the best. `shareReference` is the same score written as one loop.

/// A readout φ for the graded selectivity test.
public enum SelectivityReadout: Sendable, CaseIterable, Hashable {
    case linear, relu, shiftedReLU, softmax

    /// The shifted ReLU's threshold b: φ(x) = max(x − b, 0).
    public static let shift = 1.0

    public var name: String {
        switch self {
        case .linear: "linear"
        case .relu: "ReLU"
        case .shiftedReLU: "ReLU(x − \(Int(Self.shift)))"
        case .softmax: "softmax"
        }
    }

    /// The zero set of φ, as the prose writes it.
    public var zeroSet: String {
        switch self {
        case .linear: "{0}"
        case .relu: "(−∞, 0]"
        case .shiftedReLU: "(−∞, \(Int(Self.shift))]"
        case .softmax: "none"
        }
    }
}

/// The share of the normalised weight that query scores `s` (one per key) put on key `t`; 0 when every weight is 0.
public func targetShare(_ phi: SelectivityReadout, scores s: [Double], target t: Int) -> Double {
    switch phi {
    case .softmax:
        let top = s.max()!
        let e = s.map { Foundation.exp($0 - top) }
        return e[t] / e.reduce(0, +)
    case .linear, .relu, .shiftedReLU:
        let w = s.map { x -> Double in
            switch phi {
            case .linear: return Swift.abs(x)
            case .relu: return Swift.max(x, 0)
            default: return Swift.max(x - SelectivityReadout.shift, 0)
            }
        }
        let total = w.reduce(0, +)
        return total > 0 ? w[t] / total : 0
    }
}

/// The plain reference: the share of query q on key t, one loop over the keys.
public func shareReference(_ phi: SelectivityReadout, keys: Matrix<Double>, query q: [Double], target t: Int) -> Double {
    var weights = [Double]()
    for j in 0..<keys.rows {
        var s = 0.0
        for c in 0..<keys.cols { s += q[c] * keys[j, c] }
        switch phi {
        case .linear: weights.append(Swift.abs(s))
        case .relu: weights.append(Swift.max(s, 0))
        case .shiftedReLU: weights.append(Swift.max(s - SelectivityReadout.shift, 0))
        case .softmax: weights.append(Foundation.exp(s))
        }
    }
    let total = weights.reduce(0, +)
    return total > 0 ? weights[t] / total : 0
}

/// The best share a query of norm ≤ `radius` achieves on key `t`, and that query.
public func bestShare(_ phi: SelectivityReadout, keys: Matrix<Double>, target t: Int, radius: Double,
                      extraStarts: [[Double]] = [], randomStarts: Int = 6, rng: inout SeededRNG) -> (share: Double, query: [Double]) {
    let n = keys.cols
    func project(_ q: [Double]) -> [Double] {
        let norm = q.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > radius ? q.map { $0 * radius / norm } : q
    }
    func share(_ q: [Double]) -> Double {
        targetShare(phi, scores: (0..<keys.rows).map { j in (0..<n).reduce(0) { $0 + q[$1] * keys[j, $1] } }, target: t)
    }
    var starts = [Array(keys.row(t))] + extraStarts
    for _ in 0..<randomStarts { starts.append((0..<n).map { _ in rng.normal() }) }
    var best = (share: -1.0, query: [Double](repeating: 0, count: n))
    for start in starts {
        let norm = start.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { continue }
        // ReLU(x − b) and softmax need the right scale as well as the right direction: each start is first
        // scanned along its ray (32 norms from R/100 to R, geometric), then climbed from the best of them.
        let scales = (0..<32).map { Foundation.pow(100, Double($0) / 31) / 100 }
        let ray = { (c: Double) in start.map { $0 * c * radius / norm } }
        do {
            let scale = scales.max { share(ray($0)) < share(ray($1)) }!
            var q = start.map { $0 * scale * radius / norm }, value = share(q), step = 0.1 * radius
            for _ in 0..<400 where step > 1e-7 * radius {
                let h = 1e-6 * radius
                var g = [Double](repeating: 0, count: n)
                for c in 0..<n {
                    var plus = q, minus = q
                    plus[c] += h; minus[c] -= h
                    g[c] = (share(plus) - share(minus)) / (2 * h)
                }
                let gNorm = g.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard gNorm > 0 else { break }   // flat: every weight zero, or a plateau of exact zeros
                let candidate = project(zip(q, g).map { $0 + step * $1 / gNorm })
                let v = share(candidate)
                if v > value { (q, value) = (candidate, v); step *= 1.5 } else { step *= 0.5 }
            }
            if value > best.share { best = (value, q) }
        }
    }
    return best
}
