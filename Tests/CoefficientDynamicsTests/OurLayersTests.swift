import CoefficientDynamics
import Learning
import LinearAlgebra
import Numerics
import SequenceModels
import Testing

/// Chapter 3's LRU and chapter 4's attention, unchanged, are coefficient systems.
@Suite struct OurLayersAreCoefficientSystems {
    @Test(arguments: [false, true])
    func attentionWeightsAreTheCoefficients(rotary: Bool) {
        var rng = SeededRNG(seed: 4)
        let mixer = SoftmaxAttention<Double>(width: 8, heads: 2, rotary: rotary, rng: &rng)
        let x = randomInput(Double.self, length: 30, width: 8, seed: 4)
        let weights = mixer.attentionWeights(x)
        for (head, w) in zip(mixer.coefficientHeads(x), weights) {
            let alpha = head.system.coefficients()
            #expect(relativeError(alpha, w) <= 1e-12)
            // Rows are distributions over the past: non-negative, summing to 1, zero above the diagonal.
            for i in 0..<30 {
                #expect(abs(alpha.row(i).reduce(0, +) - 1) < 1e-12)
                #expect(alpha.row(i).allSatisfy { $0 >= 0 })
                if i < 29 { #expect(alpha[i, i + 1] == 0) }
            }
        }
    }

    @Test func lruCoefficientsAreItsKernel() {
        // α_ij of the pair (c, c′) is the convolution kernel K_{i−j}[c, c′] (+ D on the diagonal): Toeplitz.
        var rng = SeededRNG(seed: 5)
        let mixer = LRUMixer<Double>(width: 3, stateSize: 5, rng: &rng)
        let length = 25
        let kernel = mixer.lru.kernel(length: length)
        var worst = 0.0
        for c in 0..<3 { for c2 in 0..<3 {
            let alpha = mixer.system(output: c, input: c2, length: length).coefficients()
            for i in 0..<length { for j in 0...i {
                let expected = kernel[i - j, c, c2] + (i == j ? mixer.lru.d[c, c2] : 0)
                worst = max(worst, abs(alpha[i, j] - expected))
            } }
        } }
        #expect(worst < 1e-12)
    }

    func stateError<S: MixerScalar>(_: S.Type) -> Double {
        var rng = SeededRNG(seed: 6)
        let mixer = LRUMixer<S>(width: 3, stateSize: 5, rng: &rng)
        let x = randomInput(S.self, length: 40, width: 3, seed: 6)
        let viaCoefficients = mix(mixer.stateHeads(x), length: 40, width: 10)
        return relativeError(viaCoefficients, mixer.states(x))
    }

    @Test func lruStatesDouble() { #expect(stateError(Double.self) <= 1e-10) }
    @Test func lruStatesFloat() { #expect(stateError(Float.self) <= 1e-4) }

    @Test func lruCoefficientsDoNotDependOnTheInput() {
        // Linear time-invariant: the same α for any input, and α_ij depends only on i − j.
        var rng = SeededRNG(seed: 7)
        let mixer = LRUMixer<Double>(width: 2, stateSize: 4, rng: &rng)
        let a = mixer.coefficientHeads(randomInput(Double.self, length: 20, width: 2, seed: 1))[1].system.coefficients()
        let b = mixer.coefficientHeads(randomInput(Double.self, length: 20, width: 2, seed: 2))[1].system.coefficients()
        #expect(a == b)
        for i in 1..<20 { for j in 1...i { #expect(abs(a[i, j] - a[i - 1, j - 1]) < 1e-14) } }
    }
}
