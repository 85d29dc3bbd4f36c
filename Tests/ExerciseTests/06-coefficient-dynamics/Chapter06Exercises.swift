import CoefficientDynamics
import Exercises
import Foundation
import LinearAlgebra
import Testing

/// Chapter 6's exercises (coefficient dynamics of sequence mixers).
@Suite struct Chapter06Exercises {
    static func rows(_ m: Matrix<Double>) -> [[Double]] { (0..<m.rows).map { Array(m.row($0)) } }

    /// A library system in the exercises' plain layout: queries, keys, impulses, and every A_i as an n × n matrix.
    static func plain(_ system: CoefficientSystem<Double>) -> (q: [[Double]], k: [[Double]], b: [Double], a: [[[Double]]]) {
        (rows(system.queries), rows(system.keys), system.impulses,
         system.evolution.map { rows($0.matrix(size: system.stateSize)) })
    }

    /// The exercises' φ for the library's, where the exercise covers it.
    static func readout(_ r: CoefficientDynamics.Readout) -> Ch06.Readout? {
        switch r {
        case .linear: return .linear
        case .exponential: return .exponential
        default: return nil
        }
    }

    /// The largest entry-wise gap between two matrices given as rows (infinity if the shapes differ).
    static func gap(_ a: [[Double]], _ b: [[Double]]) -> Double {
        guard a.count == b.count, zip(a, b).allSatisfy({ $0.count == $1.count }) else { return .infinity }
        return zip(a, b).map { maxDifference($0, $1) }.max() ?? 0
    }

    /// Chapter 6's setting at a small scale: every mixer of the catalogue on L tokens of width 8.
    static func catalogueHeads(length: Int, seed: UInt64) -> [(name: String, heads: [CoefficientHead<Double>])] {
        var rng = SeededRNG(seed: seed, stream: 21)
        let u: Matrix<Double> = elementwise(randomMatrix(length, 8, std: 1, rng: &rng)) { Foundation.tanh($0) }
        let mixers: [any SequenceMixer<Double>] = mixerCatalogue(width: 8, heads: 2, stateSize: 4, seed: seed)
        return mixers.map { ($0.name, $0.coefficientHeads(u)) }
    }

    @Test func exercise6_1() throws {
        // n = 1: α̃_ij = q_i A_i ⋯ A_{j+1} b_j k_j. With q = 1, k = 1, 2, 3, b = 1 and A_1 = 0.5, A_2 = 2 (A_0 unused):
        let q = [[1.0], [1], [1]], k = [[1.0], [2], [3]], b = [1.0, 1, 1], a = [[[9.0]], [[0.5]], [[2]]]
        let raw = try Ch06.coefficients(queries: q, keys: k, impulses: b, evolution: a, readout: .linear, normalised: false)
        #expect(Self.gap(raw, [[1, 0, 0], [0.5, 2, 0], [1, 4, 3]]) < 1e-12, "α̃ = \(raw)")
        let rows = try Ch06.coefficients(queries: q, keys: k, impulses: b, evolution: a, readout: .linear, normalised: true)
        #expect(Self.gap(rows, [[1, 0, 0], [0.2, 0.8, 0], [0.125, 0.5, 0.375]]) < 1e-12, "α = \(rows)")
        // Softmax attention (A = I) and RetNet (a decaying rotation) from the chapter's catalogue.
        let shown = Self.catalogueHeads(length: 12, seed: 1).filter { $0.name == "softmax attention" || $0.name == "RetNet" }
        #expect(shown.count == 2)
        for (name, heads) in shown {
            let system = heads[0].system, p = Self.plain(system)
            let mine = try Ch06.coefficients(queries: p.q, keys: p.k, impulses: p.b, evolution: p.a,
                                             readout: Self.readout(system.readout)!, normalised: system.normalisation == .sum)
            #expect(Self.gap(mine, Self.rows(system.coefficients())) < 1e-10, "\(name)")
        }
        // BEGIN HIDDEN TESTS
        var checked = 0
        for seed: UInt64 in [2, 3] {
            for (name, heads) in Self.catalogueHeads(length: 14, seed: seed) {
                for head in heads {
                    let system = head.system
                    guard let readout = Self.readout(system.readout), system.normalisation != .sumAtLeastOne else { continue }
                    let p = Self.plain(system)
                    let mine = try Ch06.coefficients(queries: p.q, keys: p.k, impulses: p.b, evolution: p.a, readout: readout,
                                                     normalised: system.normalisation == .sum)
                    let reference = Self.rows(system.coefficients())
                    let scale = reference.flatMap { $0 }.map(abs).max()!
                    #expect(Self.gap(mine, reference) < 1e-10 * max(1, scale), "\(name), seed \(seed)")
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
        // Large scores must not overflow under softmax.
        let sharp = try Ch06.coefficients(queries: [[30.0], [30]], keys: [[30.0], [29]], impulses: [1, 1],
                                          evolution: [[[1.0]], [[1.0]]], readout: .exponential, normalised: true)
        #expect(sharp.flatMap { $0 }.allSatisfy(\.isFinite) && abs(sharp[1][0] + sharp[1][1] - 1) < 1e-12, "\(sharp)")
        #expect(try Ch06.coefficients(queries: [], keys: [], impulses: [], evolution: [], readout: .linear, normalised: false).isEmpty)
        expectInvalidInput("impulses") { _ = try Ch06.coefficients(queries: q, keys: k, impulses: [1], evolution: a, readout: .linear, normalised: false) }
        expectInvalidInput("keys") { _ = try Ch06.coefficients(queries: q, keys: [[1, 2], [1, 2], [1, 2]], impulses: b, evolution: a, readout: .linear, normalised: false) }
        expectInvalidInput("A") { _ = try Ch06.coefficients(queries: q, keys: k, impulses: b, evolution: [[[1]], [[1, 0]], [[1]]], readout: .linear, normalised: false) }
        // END HIDDEN TESTS
    }

    /// RetNet's α for one head, straight from its parallel form: γ^{n−m} rot(q_n, nθ)·rot(k_m, mθ)/√d_h.
    static func retentionAlpha(q: [[Double]], k: [[Double]], decay gamma: Double) -> [[Double]] {
        let d = q[0].count
        func rotated(_ v: [Double], _ position: Int) -> [Double] {
            var out = v
            for p in 0..<(d / 2) {
                let angle = Double(position) * pow(10_000, -Double(2 * p) / Double(d))
                out[2 * p] = v[2 * p] * cos(angle) - v[2 * p + 1] * sin(angle)
                out[2 * p + 1] = v[2 * p] * sin(angle) + v[2 * p + 1] * cos(angle)
            }
            return out
        }
        return q.indices.map { n in q.indices.map { m in
            m > n ? 0 : pow(gamma, Double(n - m)) * zip(rotated(q[n], n), rotated(k[m], m)).reduce(0) { $0 + $1.0 * $1.1 } / Double(d).squareRoot()
        } }
    }

    /// α of the coefficient system with a student's A and b.
    static func alpha(q: [[Double]], k: [[Double]], evolution: [[Double]], impulse: Double) -> [[Double]] {
        let system = CoefficientSystem(queries: Matrix(rowArrays: q), keys: Matrix(rowArrays: k), impulse: impulse,
                                       evolution: .dense(Matrix(rowArrays: evolution)), readout: .linear, normalisation: .none)
        return rows(system.coefficients())
    }

    @Test func exercise6_2() throws {
        var rng = SeededRNG(seed: 1)
        let q = (0..<10).map { _ in (0..<4).map { _ in rng.normal() } }, k = (0..<10).map { _ in (0..<4).map { _ in rng.normal() } }
        let (a, b) = try Ch06.retention(headSize: 4, decay: 0.9)
        #expect(a.count == 4 && a.allSatisfy { $0.count == 4 }, "A must be 4 × 4")
        let gap = Self.gap(Self.alpha(q: q, k: k, evolution: a, impulse: b), Self.retentionAlpha(q: q, k: k, decay: 0.9))
        #expect(gap < 1e-10, "largest |α − RetNet's α| = \(gap)")
        // BEGIN HIDDEN TESTS
        // Wider heads, and γ = 1 (plain RoPE: a rotation that never fades).
        for (d, gamma) in [(8, 0.97), (16, 1.0), (2, 0.5)] {
            let q = (0..<40).map { _ in (0..<d).map { _ in rng.normal() } }, k = (0..<40).map { _ in (0..<d).map { _ in rng.normal() } }
            let (a, b) = try Ch06.retention(headSize: d, decay: gamma)
            #expect(Self.gap(Self.alpha(q: q, k: k, evolution: a, impulse: b), Self.retentionAlpha(q: q, k: k, decay: gamma)) < 1e-9,
                    "d_h = \(d), γ = \(gamma)")
        }
        // The whole RetNet mixer of chapter 6 (two heads with their own γ), through your system.
        var mixerRNG = SeededRNG(seed: 2)
        let retnet = RetNet<Double>(width: 8, heads: 2, rng: &mixerRNG)
        let x: Matrix<Double> = randomMatrix(20, 8, std: 1, rng: &mixerRNG)
        let (queries, keys, values) = (retnet.query(x), retnet.key(x), retnet.value(x))
        let heads = try (0..<2).map { head -> CoefficientHead<Double> in
            let (a, b) = try Ch06.retention(headSize: 4, decay: retnet.decay(head))
            let system = CoefficientSystem(queries: headSlice(queries, head: head, size: 4), keys: headSlice(keys, head: head, size: 4),
                                           impulse: b, evolution: .dense(Matrix(rowArrays: a)), readout: .linear, normalisation: .none)
            return CoefficientHead(system: system, values: headSlice(values, head: head, size: 4), outputColumns: Array((head * 4)..<(head * 4 + 4)))
        }
        #expect(relativeError(mix(heads, length: 20, width: 8), retnet(x)) < 1e-10)
        expectInvalidInput("odd head") { _ = try Ch06.retention(headSize: 3, decay: 0.9) }
        expectInvalidInput("head 0") { _ = try Ch06.retention(headSize: 0, decay: 0.9) }
        expectInvalidInput("γ = 0") { _ = try Ch06.retention(headSize: 4, decay: 0) }
        expectInvalidInput("γ > 1") { _ = try Ch06.retention(headSize: 4, decay: 1.1) }
        // END HIDDEN TESTS
    }

    @Test func exercise6_3() throws {
        // Linear attention (η = Σ) and GLA (η = 1, A_i diagonal and input-dependent), against α V.
        let shown = Self.catalogueHeads(length: 12, seed: 1).filter { $0.name == "linear attention" || $0.name == "GLA" }
        #expect(shown.count == 2)
        for (name, heads) in shown {
            let head = heads[0], p = Self.plain(head.system)
            let mine = try Ch06.recurrentOutputs(queries: p.q, keys: p.k, impulses: p.b, evolution: p.a, values: Self.rows(head.values),
                                                 normalised: head.system.normalisation == .sum)
            #expect(Self.gap(mine, Self.rows(head.system(head.values))) < 1e-10, "\(name)")
        }
        // BEGIN HIDDEN TESTS
        var checked = 0
        for seed: UInt64 in [2, 3] {
            for (name, heads) in Self.catalogueHeads(length: 30, seed: seed) {
                for head in heads where head.system.readout == .linear && head.system.normalisation != .sumAtLeastOne {
                    let p = Self.plain(head.system)
                    let mine = try Ch06.recurrentOutputs(queries: p.q, keys: p.k, impulses: p.b, evolution: p.a,
                                                         values: Self.rows(head.values), normalised: head.system.normalisation == .sum)
                    let reference = head.system(head.values)
                    #expect(relativeError(Matrix(rowArrays: mine), reference) < 1e-10, "\(name), seed \(seed)")
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
        let one = [[1.0]]
        #expect(try Ch06.recurrentOutputs(queries: [], keys: [], impulses: [], evolution: [], values: [], normalised: false).isEmpty)
        expectInvalidInput("values") { _ = try Ch06.recurrentOutputs(queries: [one[0]], keys: one, impulses: [1], evolution: [one], values: [], normalised: false) }
        expectInvalidInput("A") { _ = try Ch06.recurrentOutputs(queries: one, keys: one, impulses: [1], evolution: [[[1, 0]]], values: one, normalised: false) }
        // END HIDDEN TESTS
    }

    /// Exercise 6.4's four systems on token contents x (L × 4), with positions p and the projections drawn from `seed`.
    static func shuffleSystems(_ x: Matrix<Double>, seed: UInt64) -> [(CoefficientSystem<Double>, Matrix<Double>)] {
        var rng = SeededRNG(seed: seed, stream: 5)
        let wq: Matrix<Double> = randomMatrix(4, 4, std: 0.5, rng: &rng), wk: Matrix<Double> = randomMatrix(4, 4, std: 0.5, rng: &rng)
        let wv: Matrix<Double> = randomMatrix(4, 3, std: 0.5, rng: &rng), w: Matrix<Double> = randomMatrix(4, 1, std: 1, rng: &rng)
        let positions: Matrix<Double> = randomMatrix(x.rows, 4, std: 1, rng: &rng)
        var shifted = x
        for i in 0..<x.rows { for c in 0..<4 { shifted[i, c] += positions[i, c] } }
        let values = matmul(x, wv)
        let features = (elementwise(matmul(x, wq), eluPlusOne), elementwise(matmul(x, wk), eluPlusOne))
        let gates = matmul(x, w).data.map { 1 / (1 + exp(-$0)) }
        return [
            (CoefficientSystem(queries: matmul(x, wq), keys: matmul(x, wk), impulse: 0.5, evolution: .identity,
                               readout: .relu, normalisation: .none), values),
            (CoefficientSystem(queries: features.0, keys: features.1, impulse: 1, evolution: .scalar(0.9),
                               readout: .linear, normalisation: .sum), values),
            (CoefficientSystem(queries: matmul(shifted, wq), keys: matmul(shifted, wk), impulse: 0.5, evolution: .identity,
                               readout: .exponential, normalisation: .sum), values),
            (CoefficientSystem(queries: features.0, keys: features.1, impulses: gates, evolution: Array(repeating: .identity, count: x.rows),
                               readout: .linear, normalisation: .sum), values),
        ]
    }

    @Test func exercise6_4() throws {
        let answer = try Ch06.shuffleChangesLastOutput()
        #expect(answer.count == 4, "one answer per system (got \(answer.count))")
        // BEGIN HIDDEN TESTS
        for seed: UInt64 in [1, 2] {
            var rng = SeededRNG(seed: seed)
            let x: Matrix<Double> = randomMatrix(12, 4, std: 1, rng: &rng)
            let permutation = randomPermutation(11, rng: &rng)
            let shuffled = x.selectingRows(permutation + [11])
            for (index, ((system, values), (moved, movedValues))) in zip(Self.shuffleSystems(x, seed: seed),
                                                                        Self.shuffleSystems(shuffled, seed: seed)).enumerated() {
                let before = Array(system(values).row(11)), after = Array(moved(movedValues).row(11))
                let norm = before.reduce(0) { $0 + $1 * $1 }.squareRoot()
                let change = zip(before, after).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() / max(norm, 1e-300)
                #expect(change < 1e-10 || change > 1e-3, "system \(index + 1) is ambiguous: change \(change)")
                #expect(answer.count == 4 && answer[index] == (change > 1e-6), "system \(index + 1), seed \(seed): ‖Δy‖/‖y‖ = \(change)")
            }
        }
        // END HIDDEN TESTS
    }
}
