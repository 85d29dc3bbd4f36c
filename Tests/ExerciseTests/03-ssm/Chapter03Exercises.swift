import Dynamics
import Exercises
import Experiments
import Foundation
import Learning
import LinearAlgebra
import Numerics
import SequenceModels
import Testing

/// Chapter 3's exercises (state-space layers as filtered delay embeddings).
@Suite struct Chapter03Exercises {
    @Test func exercise3_1() throws {
        // One real mode λ = 0.5: K_k = 0.5^k. One rotating mode λ = 0.9i: K_k = Re((0.9i)^k) = 1, 0, −0.81, 0, 0.6561, …
        let decay = try Ch03.impulseResponse(lambda: [Complex(0.5, 0)], gamma: [1], b: [Complex(1, 0)], c: [Complex(1, 0)], length: 5)
        #expect(maxDifference(decay, [1, 0.5, 0.25, 0.125, 0.0625]) < 1e-12)
        let rotating = try Ch03.impulseResponse(lambda: [Complex(0, 0.9)], gamma: [1], b: [Complex(1, 0)], c: [Complex(1, 0)], length: 5)
        #expect(maxDifference(rotating, [1, 0, -0.81, 0, 0.6561]) < 1e-12)
        // BEGIN HIDDEN TESTS
        var rng = SeededRNG(seed: 3)
        let layer = LRU<Double>(inputSize: 1, stateSize: 6, rng: &rng)
        let n = layer.stateSize
        let b = (0..<n).map { Complex(layer.bRe.scalars[$0], layer.bIm.scalars[$0]) }
        let c = (0..<n).map { Complex(layer.cRe.scalars[$0], layer.cIm.scalars[$0]) }
        let mine = try Ch03.impulseResponse(lambda: layer.eigenvalues, gamma: layer.normaliser, b: b, c: c, length: 40)
        #expect(maxDifference(mine, layer.kernel(length: 40).scalars) < 1e-10)
        #expect(try Ch03.impulseResponse(lambda: [], gamma: [], b: [], c: [], length: 3) == [0, 0, 0])
        expectInvalidInput("ragged") { _ = try Ch03.impulseResponse(lambda: [.zero], gamma: [], b: [.zero], c: [.zero], length: 3) }
        // END HIDDEN TESTS
    }

    /// s_t = λ ⊙ s_{t−1} + x_t from s_{−1} = 0.
    static func scan(_ lambda: [Complex<Double>], _ x: [[Complex<Double>]]) -> [[Complex<Double>]] {
        var s: [[Complex<Double>]] = []
        var state = [Complex<Double>](repeating: .zero, count: lambda.count)
        for xt in x {
            for n in state.indices { state[n] = lambda[n] * state[n] + xt[n] }
            s.append(state)
        }
        return s
    }

    /// A loss that depends on every state: L = Σ ½|s_{t,n}|² + Re(conj(w_{t,n}) s_{t,n}); its upstream gradient is s + w.
    static func loss(_ s: [[Complex<Double>]], _ w: [[Complex<Double>]]) -> Double {
        var total = 0.0
        for t in s.indices { for n in s[t].indices { total += 0.5 * s[t][n].lengthSquared + (w[t][n].conjugate * s[t][n]).real } }
        return total
    }

    /// A random problem: eigenvalues inside the unit disk, inputs x and loss weights w of shape [T][N].
    static func problem(states n: Int, steps: Int, seed: UInt64) -> (lambda: [Complex<Double>], x: [[Complex<Double>]], w: [[Complex<Double>]]) {
        var rng = SeededRNG(seed: seed)
        let lambda = (0..<n).map { _ in Complex(length: rng.uniform(0.5, 0.99), phase: rng.uniform(0, 2 * .pi)) }
        func random() -> [[Complex<Double>]] { (0..<steps).map { _ in (0..<n).map { _ in Complex(rng.normal(), rng.normal()) } } }
        return (lambda, random(), random())
    }

    /// ∂L/∂x_t by central differences, as complex numbers ∂L/∂Re x + i ∂L/∂Im x: the total adjoint ḡ_t.
    static func finiteDifferenceAdjoint(_ lambda: [Complex<Double>], _ x: [[Complex<Double>]], _ w: [[Complex<Double>]]) -> [[Complex<Double>]] {
        let h = 1e-5
        return x.indices.map { t in x[t].indices.map { n in
            func l(_ dx: Complex<Double>) -> Double { var p = x; p[t][n] = p[t][n] + dx; return loss(scan(lambda, p), w) }
            return Complex((l(Complex(h, 0)) - l(Complex(-h, 0))) / (2 * h), (l(Complex(0, h)) - l(Complex(0, -h))) / (2 * h))
        } }
    }

    static func maxGap(_ a: [[Complex<Double>]], _ b: [[Complex<Double>]]) -> Double {
        guard a.count == b.count, zip(a, b).allSatisfy({ $0.count == $1.count }) else { return .infinity }
        return zip(a.joined(), b.joined()).map { ($0 - $1).length }.max() ?? 0
    }

    @Test func exercise3_2() throws {
        let (lambda, x, w) = Self.problem(states: 3, steps: 12, seed: 1)
        let s = Self.scan(lambda, x)
        let upstream = zip(s, w).map { zip($0, $1).map { $0 + $1 } }    // ∂L/∂s_t with later states held fixed
        let mine = try Ch03.adjointScan(lambda: lambda, upstream: upstream)
        let reference = Self.finiteDifferenceAdjoint(lambda, x, w)
        #expect(Self.maxGap(mine, reference) < 1e-6, "largest difference from finite differences: \(Self.maxGap(mine, reference))")
        // BEGIN HIDDEN TESTS
        let big = Self.problem(states: 7, steps: 60, seed: 2)
        let bigS = Self.scan(big.lambda, big.x)
        let bigUpstream = zip(bigS, big.w).map { zip($0, $1).map { $0 + $1 } }
        let bigMine = try Ch03.adjointScan(lambda: big.lambda, upstream: bigUpstream)
        #expect(Self.maxGap(bigMine, Self.finiteDifferenceAdjoint(big.lambda, big.x, big.w)) < 1e-5)
        #expect(try Ch03.adjointScan(lambda: lambda, upstream: []).isEmpty)
        expectInvalidInput("ragged") { _ = try Ch03.adjointScan(lambda: lambda, upstream: [[.zero]]) }
        // END HIDDEN TESTS
    }

    /// ∂L/∂λ by central differences.
    static func finiteDifferenceEigenvalues(_ lambda: [Complex<Double>], _ x: [[Complex<Double>]], _ w: [[Complex<Double>]]) -> [Complex<Double>] {
        let h = 1e-6
        return lambda.indices.map { n in
            func l(_ d: Complex<Double>) -> Double { var p = lambda; p[n] = p[n] + d; return loss(scan(p, x), w) }
            return Complex((l(Complex(h, 0)) - l(Complex(-h, 0))) / (2 * h), (l(Complex(0, h)) - l(Complex(0, -h))) / (2 * h))
        }
    }

    @Test func exercise3_3() throws {
        let (lambda, x, w) = Self.problem(states: 3, steps: 15, seed: 3)
        let mine = try Ch03.eigenvalueGradient(states: Self.scan(lambda, x), adjoint: Self.finiteDifferenceAdjoint(lambda, x, w))
        let reference = Self.finiteDifferenceEigenvalues(lambda, x, w)
        #expect(Self.maxGap([mine], [reference]) < 1e-4 * max(1, reference.map(\.length).max()!), "\(mine) against \(reference)")
        // BEGIN HIDDEN TESTS
        let big = Self.problem(states: 6, steps: 40, seed: 4)
        let bigMine = try Ch03.eigenvalueGradient(states: Self.scan(big.lambda, big.x),
                                                  adjoint: Self.finiteDifferenceAdjoint(big.lambda, big.x, big.w))
        let bigReference = Self.finiteDifferenceEigenvalues(big.lambda, big.x, big.w)
        #expect(Self.maxGap([bigMine], [bigReference]) < 1e-4 * max(1, bigReference.map(\.length).max()!))
        expectInvalidInput("shapes differ") { _ = try Ch03.eigenvalueGradient(states: [[.zero]], adjoint: [[.zero], [.zero]]) }
        // END HIDDEN TESTS
    }

    @Test func exercise3_4() throws {
        let prediction = try Ch03.bestMemoryPrediction()
        #expect([0.5, 0.95, 0.999].contains(prediction), "answer one of 0.5, 0.95, 0.999 (got \(prediction))")
        // BEGIN HIDDEN TESTS
        // Section 4 at --quick scale: 32 states on one circle, clean standardised x, cross mapping of z.
        let task = ObservedLorenz(steps: 4_000, relativeNoise: 0.01, seed: 1)
        let x = standardize(observe(task.trajectory, coordinate: 0)).values
        let yz = task.trajectory.selectingColumns([1, 2]).selectingRows(500..<4_000)
        var scores: [Double: Double] = [:]
        for r in [0.5, 0.95, 0.999] {
            var rng = SeededRNG(seed: 1, stream: 30)
            let layer = LRU<Double>(inputSize: 1, stateSize: 32, rMin: r, rMax: r, rng: &rng)
            let states = pooledRows(layer.states(Tensor(shape: [1, x.count, 1], scalars: x)), warm: 500)
            scores[r] = try probe(states, targets: yz).crossMapped[1]
        }
        let best = scores.max { $0.value < $1.value }!.key
        #expect(prediction == best, "R² of z by radius: \(scores.sorted { $0.key < $1.key })")
        // END HIDDEN TESTS
    }
}
