import LinearAlgebra
import Numerics

// Why "only a linear φ gives a finite state" has one loophole, and why softmax does not fit through it.
//
// A power of a linear system's output is the output of a bigger linear system: (qᵀh)^p = (q^{⊗p})ᵀ h^{⊗p}, and
// h^{⊗p} evolves linearly, (A h)^{⊗p} = A^{⊗p} h^{⊗p}. So a polynomial φ(z) = Σ_{p≤P} c_p z^p is a *linear*
// readout of the lifted state ĥ = (1, h, h⊗h, …, h^{⊗P}), which has 1 + n + n² + … + n^P coordinates, and the
// recurrence of principle 1 applies to it. exp is the polynomial of infinite degree: its lift is infinite,
// which is the sense in which softmax attention "has an infinite state".

extension CoefficientSystem {
    /// The same coefficients α̃ computed with a linear readout on the lifted state (1, h, h⊗h, …, h^{⊗P}).
    /// Needs a polynomial φ (a linear φ is returned unchanged).
    public func polynomialLift() -> CoefficientSystem {
        if readout.isLinear { return self }
        guard case .polynomial(let c) = readout else {
            preconditionFailure("polynomialLift: φ = \(readout) has no finite lift; use Readout.taylorExp(degree:)")
        }
        let n = stateSize, degrees = Array(0..<c.count)
        let sizes = degrees.map { p in (0..<p).reduce(1) { acc, _ in acc * n } }
        func lifted(_ v: [Scalar], weights: [Scalar]) -> [Scalar] {
            var out = [Scalar](), power: [Scalar] = [1]
            for p in degrees {
                if p > 0 { power = power.flatMap { x in v.map { x * $0 } } }
                out += power.map { weights[p] * $0 }
            }
            return out
        }
        let ones = [Scalar](repeating: 1, count: c.count), coefficients = c.map { Scalar($0) }
        let q = (0..<length).map { i in lifted(Array(queries.row(i)), weights: coefficients) }
        let k = (0..<length).map { j in lifted(Array(keys.row(j)).map { impulses[j] * $0 }, weights: ones) }
        let a = evolution.map { step in
            Evolution.blockDiagonal(sizes: sizes, blocks: degrees.map { step.kroneckerPower($0, size: n) })
        }
        return CoefficientSystem(queries: Matrix(rowArrays: q), keys: Matrix(rowArrays: k),
                                 impulses: Array(repeating: 1, count: length), evolution: a,
                                 readout: .linear, normalisation: normalisation)
    }
}
