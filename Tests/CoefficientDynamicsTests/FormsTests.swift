import CoefficientDynamics
import Learning
import LinearAlgebra
import Numerics
import Testing

/// Principle 1: recurrent (fixed state) = materialised where φ is linear; cached = materialised always.
@Suite struct RecurrentAndCachedForms {
    @Test func everyHeadOfEveryMixer() throws {
        let x = randomInput(Double.self, length: 32, width: 8, seed: 8)
        var linearHeads = 0, nonlinearHeads = 0
        for mixer in mixerCatalogue(width: 8, heads: 2, stateSize: 4, seed: 8) as [any SequenceMixer<Double>] {
            for head in mixer.coefficientHeads(x) {
                let materialised = head.system(head.values)
                let cached = head.system.cached(head.values)
                #expect(relativeError(cached.outputs, materialised) <= 1e-10, "\(mixer.name), cached")
                // The cache grows by one token's state and value per step.
                #expect(cached.stateScalars.last! == 32 * cached.stateScalars.first!)
                if head.system.readout.isLinear {
                    linearHeads += 1
                    let recurrent = try head.system.recurrent(head.values)
                    #expect(relativeError(recurrent.outputs, materialised) <= 1e-10, "\(mixer.name), recurrent")
                    #expect(Set(recurrent.stateScalars).count == 1, "a fixed-size state")
                } else {
                    nonlinearHeads += 1
                    #expect(throws: RecurrenceError.self) { try head.system.recurrent(head.values) }
                }
            }
        }
        #expect(linearHeads > 0 && nonlinearHeads > 0)
    }

    @Test func polynomialLiftIsExact() throws {
        // (qᵀh)^p = (q^{⊗p})ᵀ h^{⊗p}: the lifted linear system has the same coefficients, for any A.
        var rng = SeededRNG(seed: 9)
        let q: Matrix<Double> = randomMatrix(12, 3, std: 0.5, rng: &rng), k: Matrix<Double> = randomMatrix(12, 3, std: 0.5, rng: &rng)
        let evolutions: [Evolution<Double>] = [.identity, .scalar(0.9), .diagonal([0.9, 0.8, 1.1]),
                                               .householder(gate: 0.95, beta: 1.3, key: [0.6, 0.8, 0])]
        for a in evolutions {
            let system = CoefficientSystem(queries: q, keys: k, impulse: 0.7, evolution: a,
                                           readout: .polynomial([0.5, -1, 2, 0.3]), normalisation: .none)
            let lifted = system.polynomialLift()
            #expect(lifted.readout == .linear)
            #expect(lifted.stateSize == 1 + 3 + 9 + 27)
            #expect(relativeError(lifted.coefficients(), system.coefficients()) <= 1e-12, "\(a.structure)")
        }
    }

    @Test func taylorLiftApproachesSoftmaxWithAGrowingState() throws {
        var rng = SeededRNG(seed: 10)
        let n = 4
        let softmax = CoefficientSystem<Double>(queries: randomMatrix(40, n, std: 1, rng: &rng),
                                                keys: randomMatrix(40, n, std: 1, rng: &rng),
                                                impulse: 1 / Double(n).squareRoot(), evolution: .identity,
                                                readout: .exponential, normalisation: .sum)
        let values: Matrix<Double> = randomMatrix(40, 3, std: 1, rng: &rng)
        let rows = try taylorLiftTable(softmax, values: values, degrees: [2, 4, 6])
        for row in rows { #expect(row.liftError <= 1e-10) }
        #expect(rows[2].errorVersusSoftmax < rows[1].errorVersusSoftmax && rows[1].errorVersusSoftmax < rows[0].errorVersusSoftmax)
        #expect(rows[2].errorVersusSoftmax > 0)   // never exact
        #expect(rows[2].stateScalars > 4 * rows[1].stateScalars)
    }
}

@Suite struct Evolutions {
    @Test func structuredEigenvaluesMatchLAPACK() throws {
        let cases: [Evolution<Double>] = [.scalar(0.7), .diagonal([0.1, -0.4, 0.9, 1.2]),
                                          .complexDiagonal(re: [0.5, 0], im: [0.5, -1]),
                                          .householder(gate: 0.9, beta: 1.5, key: [0.5, 0.5, 0.5, 0.5])]
        for a in cases {
            let structured = try a.eigenvalues(size: 4).map { ($0.real, $0.imaginary) }.sorted { $0 < $1 }
            let dense = try Evolution.dense(a.matrix(size: 4)).eigenvalues(size: 4).map { ($0.real, $0.imaginary) }.sorted { $0 < $1 }
            for (s, d) in zip(structured, dense) {
                #expect(abs(s.0 - d.0) < 1e-10 && abs(s.1 - d.1) < 1e-10, "\(a.structure)")
            }
        }
    }

    @Test func kroneckerPowerMovesTensorPowers() {
        let a = Evolution<Double>.householder(gate: 0.9, beta: 0.8, key: [0.6, 0, 0.8])
        let h = [0.3, -1.2, 0.5]
        let ah = a.applied(to: h)
        let hh = h.flatMap { x in h.map { x * $0 } }, ahah = ah.flatMap { x in ah.map { x * $0 } }
        let moved = a.kroneckerPower(2, size: 3).applied(to: hh)
        #expect(zip(moved, ahah).allSatisfy { abs($0 - $1) < 1e-14 })
    }
}
