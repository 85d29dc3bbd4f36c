import CoefficientDynamics
import Learning
import LinearAlgebra
import Numerics
import SequenceModels
import Testing

/// A random input: L tokens of width d, N(0, 1) entries, the same numbers in Float and Double.
func randomInput<S: CoefficientScalar>(_: S.Type, length: Int, width: Int, seed: UInt64) -> Matrix<S> {
    var rng = SeededRNG(seed: seed, stream: 7)
    return randomMatrix(length, width, std: 1, rng: &rng)
}

/// ‖α·V − own‖/‖own‖ for every mixer of the catalogue.
func equivalenceErrors<S: MixerScalar>(_: S.Type, seed: UInt64) -> [(String, Double)] {
    let x = randomInput(S.self, length: 40, width: 8, seed: seed)
    return mixerCatalogue(width: 8, heads: 2, stateSize: 4, seed: seed).map { (mixer: any SequenceMixer<S>) in
        (mixer.name, relativeError(mixer.throughCoefficients(x), mixer(x)))
    }
}

@Suite struct EveryMixerIsACoefficientSystem {
    @Test(arguments: [1, 2] as [UInt64])
    func double(seed: UInt64) {
        let errors = equivalenceErrors(Double.self, seed: seed)
        #expect(errors.count == 13)
        for (name, e) in errors {
            print("Double, \(name): ‖αV − own‖/‖own‖ = \(e)")
            #expect(e <= 1e-10, "\(name): \(e)")
        }
    }

    @Test(arguments: [1, 2] as [UInt64])
    func float(seed: UInt64) {
        for (name, e) in equivalenceErrors(Float.self, seed: seed) {
            print("Float, \(name): ‖αV − own‖/‖own‖ = \(e)")
            #expect(e <= 1e-4, "\(name): \(e)")
        }
    }

    @Test func outputsAreNotTrivial() {
        // Every mixer must produce a non-zero output, or the comparison above would prove nothing.
        let x = randomInput(Double.self, length: 40, width: 8, seed: 3)
        for mixer in mixerCatalogue(width: 8, heads: 2, stateSize: 4, seed: 3) as [any SequenceMixer<Double>] {
            let y = mixer(x)
            #expect(y.data.map { $0 * $0 }.reduce(0, +) > 1e-3, "\(mixer.name)")
            #expect(y.data.allSatisfy { $0.isFinite }, "\(mixer.name)")
        }
    }
}
