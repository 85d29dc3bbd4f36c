import Foundation
import Learning
import LinearAlgebra
import Numerics
import SequenceModels
import Testing
import _Differentiation

func lru<S: RecurrenceScalar>(_: S.Type, h: Int, n: Int, seed: UInt64, rMin: Double = 0.8, rMax: Double = 0.99) -> LRU<S> {
    var rng = SeededRNG(seed: seed)
    return LRU<S>(inputSize: h, stateSize: n, rMin: rMin, rMax: rMax, rng: &rng)
}

func randomInput<S: RecurrenceScalar>(_: S.Type, _ shape: [Int], seed: UInt64) -> Tensor<S> {
    var rng = SeededRNG(seed: seed, stream: 3)
    return Tensor<S>(randomNormal: shape, rng: &rng)
}

@Suite struct RecurrenceEqualsConvolution {
    /// Relative error ‖recurrent − convolutional‖ / ‖convolutional‖, the convolution done in Double.
    func error<S: RecurrenceScalar>(_: S.Type, seed: UInt64) -> Double {
        // N = 11: one SIMD block of 8 states and 3 states on the scalar path.
        let layer = lru(S.self, h: 5, n: 11, seed: seed, rMin: 0.5, rMax: 0.999)
        let u = randomInput(S.self, [3, 40, 5], seed: seed)
        let fast = layer(u).scalars.map { Double($0) }, oracle = layer.convolve(u).scalars.map { Double($0) }
        return relativeError(fast, oracle)
    }

    @Test func float() {
        let e = error(Float.self, seed: 1)
        print("recurrence vs convolution, Float: relative error \(e)")
        #expect(e <= 1e-4)
    }

    @Test func double() {
        let e = error(Double.self, seed: 2)
        print("recurrence vs convolution, Double: relative error \(e)")
        #expect(e <= 1e-10)
    }

    @Test func kernelIsTheImpulseResponse() {
        // A unit impulse on input channel j at t = 0 gives y_k = K_k[:, j] for k > 0 (and K_0[:, j] + D[:, j] at 0).
        let layer = lru(Double.self, h: 3, n: 4, seed: 3)
        let length = 12, j = 1
        var impulse = [Double](repeating: 0, count: length * 3)
        impulse[j] = 1
        let y = layer(DT(shape: [1, length, 3], scalars: impulse)), k = layer.kernel(length: length)
        #expect(k.shape == [length, 3, 3])
        var worst = 0.0
        for t in 0..<length { for i in 0..<3 {
            let expected = k[t, i, j] + (t == 0 ? layer.d[i, j] : 0)
            worst = max(worst, abs(y[0, t, i] - expected))
        } }
        #expect(worst < 1e-12)
    }
}

@Suite struct LRUGradients {
    @Test func scanPullbackMatchesFiniteDifferences() {
        // rMin near 1 gives long memory, so the adjoint scan really carries gradient back over many steps.
        // N = 11 exercises both the SIMD blocks of 8 states and the scalar remainder of the scan kernels.
        let layer = lru(Double.self, h: 3, n: 11, seed: 4, rMin: 0.9, rMax: 0.999)
        let u = randomTensor([2, 9, 3], seed: 5)
        let errors = gradcheck(layer, u) { m, x in m(x) }
        for (name, e) in errors { print("gradcheck LRU \(name): relative error \(e)") }
        #expect(errors.map(\.name) == ["nu", "theta", "B.re", "B.im", "C.re", "C.im", "D", "input"])
        for (name, e) in errors { #expect(e < 1e-4, "\(name): \(e)") }
    }

    @Test func s4dInitialisedLayerToo() {
        var rng = SeededRNG(seed: 6)
        let layer = LRU<Double>(inputSize: 3, stateSize: 4, s4d: .inv, rng: &rng)
        let errors = gradcheck(layer, randomTensor([2, 7, 3], seed: 7)) { m, x in m(x) }
        for (name, e) in errors { #expect(e < 1e-4, "S4D-Inv \(name): \(e)") }
    }
}

@Suite struct LRUProperties {
    @Test func causality() {
        let layer = lru(Double.self, h: 4, n: 6, seed: 8)
        let u = randomTensor([2, 20, 4], seed: 9)
        let t0 = 11
        var changed = u.scalars
        for b in 0..<2 { for t in t0..<20 { for c in 0..<4 { changed[(b * 20 + t) * 4 + c] += 3 } } }
        let y = layer(u), y2 = layer(DT(shape: u.shape, scalars: changed))
        for b in 0..<2 { for t in 0..<t0 { for c in 0..<4 { #expect(y[b, t, c] == y2[b, t, c]) } } }
        #expect(y[0, t0, 0] != y2[0, t0, 0])
    }

    @Test func ringInitialisation() {
        let (rMin, rMax) = (0.4, 0.9)
        let layer = lru(Float.self, h: 8, n: 200, seed: 10, rMin: rMin, rMax: rMax)
        let radii = layer.eigenvalues.map(\.length)
        // Float ν is rounded, so allow a relative 1e-6 slack at the ends of the ring.
        #expect(radii.allSatisfy { $0 >= rMin * (1 - 1e-6) && $0 <= rMax * (1 + 1e-6) })
        // Uniform in area: |λ|² is uniform in [rMin², rMax²], so its mean is the midpoint.
        let meanSquare = radii.reduce(0) { $0 + $1 * $1 } / Double(radii.count)
        #expect(abs(meanSquare - 0.5 * (rMin * rMin + rMax * rMax)) < 0.05)
        #expect(layer.theta.scalars.allSatisfy { $0 >= 0 && Double($0) < 2 * .pi })
        #expect(zip(layer.normaliser, radii).allSatisfy { abs($0 - (1 - $1 * $1).squareRoot()) < 1e-12 })
    }

    @Test(arguments: [S4DInit.lin, S4DInit.inv])
    func s4dEigenvaluesAfterZeroOrderHold(kind: S4DInit) {
        var rng = SeededRNG(seed: 11)
        let n = 16
        let layer = LRU<Double>(inputSize: 4, stateSize: n, s4d: kind, rng: &rng)
        let a = kind.continuousEigenvalues(stateSize: n)
        #expect(a.allSatisfy { $0.real == -0.5 })
        for (j, lambda) in layer.eigenvalues.enumerated() {
            // |λ| = exp(−Δ/2) recovers Δ, which must lie in [0.001, 0.1]; then λ must be exactly exp(Δ A).
            let step = -2 * Foundation.log(lambda.length)
            #expect(step >= 0.001 * (1 - 1e-12) && step <= 0.1 * (1 + 1e-12))
            let zoh = S4DInit.zeroOrderHold(a[j], step: step).lambda
            #expect((lambda - zoh).length < 1e-12)
        }
        // The effective input matrix γ⊙B equals the ZOH B̄ = (λ − 1)/A · B₀ with B₀ the ring draw (same seed).
        var rng2 = SeededRNG(seed: 11)
        let steps = (0..<n).map { _ in Foundation.exp(rng2.uniform(Foundation.log(0.001), Foundation.log(0.1))) }
        let ring = LRU<Double>(inputSize: 4, stateSize: n, rng: &rng2)
        let gamma = layer.normaliser
        for j in 0..<n { for c in 0..<4 {
            let effective = Complex(gamma[j] * layer.bRe[j, c], gamma[j] * layer.bIm[j, c])
            let expected = S4DInit.zeroOrderHold(a[j], step: steps[j]).inputScale * Complex(ring.bRe[j, c], ring.bIm[j, c])
            #expect((effective - expected).length < 1e-12)
        } }
    }

    @Test func eigenvaluesStayInsideTheUnitDiskUnderTraining() throws {
        // The target is the running sum of the input, which only λ = 1 (perfect memory) fits, trained with a
        // learning rate 100× the usual one: gradient descent pushes |λ| towards 1 as hard as it can, yet
        // |λ| = exp(−exp ν) < 1 for every real ν.
        var layer = lru(Float.self, h: 4, n: 8, seed: 12, rMin: 0.9, rMax: 0.999)
        let (batch, length) = (2, 30)
        let u = randomInput(Float.self, [batch, length, 4], seed: 13)
        var sums = u.scalars
        for b in 0..<batch { for t in 1..<length { for c in 0..<4 { sums[(b * length + t) * 4 + c] += sums[(b * length + t - 1) * 4 + c] } } }
        let target = Tensor<Float>(shape: u.shape, scalars: sums)
        var trainer = Trainer(optimizer: AdamW(for: layer, learningRate: 0.1, weightDecay: 0))
        let before = layer.eigenvalues.map(\.length).max()!
        let report = try trainer.fit(&layer, steps: 50) { m, _ in meanSquaredError(m(u), target) }
        #expect(report.losses.allSatisfy { $0.isFinite })
        let radii = layer.eigenvalues.map(\.length)
        print("running-sum target, 50 AdamW steps at lr 0.1: max |λ| \(before) → \(radii.max()!), "
              + "min ν \(layer.nu.scalars.min()!), loss \(report.losses.first!) → \(report.losses.last!)")
        #expect(radii.max()! > before)
        #expect(radii.allSatisfy { $0 < 1 })
    }

    @Test func statesHaveRealAndImaginaryParts() {
        let layer = lru(Double.self, h: 3, n: 5, seed: 15)
        let u = randomTensor([2, 6, 3], seed: 16)
        let s = layer.states(u)
        #expect(s.shape == [2, 6, 10])
        // s_0 = γ ⊙ B u_0: check state j = 2 of sequence 1 by hand.
        let gamma = layer.normaliser
        var re = 0.0, im = 0.0
        for c in 0..<3 { re += layer.bRe[2, c] * u[1, 0, c]; im += layer.bIm[2, c] * u[1, 0, c] }
        #expect(abs(s[1, 0, 2] - gamma[2] * re) < 1e-12 && abs(s[1, 0, 5 + 2] - gamma[2] * im) < 1e-12)
    }
}
