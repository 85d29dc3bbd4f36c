import Foundation
import Learning
import LinearAlgebra
import Numerics
import _Differentiation

/// The Linear Recurrent Unit (Orvieto et al. 2023), as in paper 000's code: a *linear* recurrence with a
/// complex diagonal state matrix, applied to a batch of sequences u of shape [B, T, H]:
///
///     s_t = diag(λ) s_{t−1} + (γ ⊙ B) u_t          s_t ∈ ℂᴺ, s_{−1} = 0
///     y_t = Re(C s_t) + D u_t                      y_t ∈ ℝᴴ
///
/// Why this is a delay embedding: unrolling the recurrence, s_t = Σ_k diag(λᵏ) B̃ u_{t−k} (B̃ = γ ⊙ B), so each
/// state is a fading, rotating weighted sum of the past inputs: a smooth "delay coordinate" with memory
/// timescale 1/(1 − |λ_j|) and oscillation frequency arg λ_j. The readout sees only these coordinates.
///
/// Parameters are all real tensors, so the optimisers and the checkpoint format need nothing new:
///   ν [N]      ("nu") λ_j = exp(−exp(ν_j) + iθ_j), so |λ_j| = exp(−exp(ν_j)) < 1 for *every* real ν: no step of
///              gradient descent can push an eigenvalue out of the unit disk (which would make s_t blow up).
///              ν is the log of −log|λ|, the log of the decay rate.
///   θ [N]      ("theta") the phase arg λ_j. (Paper 000's code stores log θ and uses exp(θ_log); we keep θ itself.)
///   B [N, H]   complex, stored as two real matrices `bRe`, `bIm`.
///   C [H, N]   complex, stored as `cRe`, `cIm`.
///   D [H, H]   real skip (feedthrough) matrix.
///
/// γ_j = √(1 − |λ_j|²) is *not* a parameter here: it is recomputed from ν, so that a white-noise input gives
/// states of the same variance whatever |λ_j| (Σ_k |λ|^{2k} = 1/(1 − |λ|²)). Orvieto et al. initialise γ this
/// way and then train it as a separate parameter; paper 000's code stores γ = √(1 − |λ|²) but applies
/// exp(γ), a quirk that scales inputs by e^{√(1−|λ|²)} ∈ [1.15, 1.82] instead of √(1−|λ|²) ∈ [0.14, 0.6].
/// We implement the intended √.
public struct LRU<Scalar: RecurrenceScalar>: Trainable {
    public var nu: Tensor<Scalar>
    public var theta: Tensor<Scalar>
    public var bRe: Tensor<Scalar>
    public var bIm: Tensor<Scalar>
    public var cRe: Tensor<Scalar>
    public var cIm: Tensor<Scalar>
    public var d: Tensor<Scalar>

    /// H, the number of input (and output) channels.
    public var inputSize: Int { d.shape[0] }
    /// N, the number of complex states.
    public var stateSize: Int { nu.shape[0] }

    /// A layer from explicit parameters (shapes as listed in the type's documentation).
    public init(nu: Tensor<Scalar>, theta: Tensor<Scalar>, bRe: Tensor<Scalar>, bIm: Tensor<Scalar>,
                cRe: Tensor<Scalar>, cIm: Tensor<Scalar>, d: Tensor<Scalar>) {
        let n = nu.count, h = d.shape.first ?? 0
        precondition(nu.shape == [n] && theta.shape == [n], "LRU: ν \(nu.shape) and θ \(theta.shape) must be [N]")
        precondition(d.shape == [h, h], "LRU: D must be [H, H], got \(d.shape)")
        precondition(bRe.shape == [n, h] && bIm.shape == [n, h], "LRU: B parts must be [\(n), \(h)]")
        precondition(cRe.shape == [h, n] && cIm.shape == [h, n], "LRU: C parts must be [\(h), \(n)]")
        self.nu = nu; self.theta = theta
        self.bRe = bRe; self.bIm = bIm
        self.cRe = cRe; self.cIm = cIm
        self.d = d
    }

    /// Ring initialisation (Orvieto et al., Lemma 3.2): |λ| uniform on the ring rMin ≤ |λ| ≤ rMax in the sense of
    /// *area* (|λ|² uniform in [rMin², rMax²]), phase θ uniform in [0, thetaMax).
    ///
    /// With u ~ U[0, 1): ν = log(−½ log(u(rMax² − rMin²) + rMin²)), so |λ| = exp(−exp ν) = √(u(rMax² − rMin²) + rMin²).
    /// The defaults (0.8, 0.99, 2π) are paper 000's: memory timescales 1/(1 − |λ|) from 5 to 100 steps.
    ///
    /// B, C and D are Gaussian as in the LRU paper (paper 000's code draws them uniform in [0, 1) instead, which
    /// gives them a nonzero mean): each of Re B, Im B ~ N(0, 1/(2H)), so a unit-variance input gives Bu of unit
    /// variance; each of Re C, Im C ~ N(0, 1/N); D ~ N(0, 1/H). Draw order: ν, θ, B, C, D.
    public init(inputSize h: Int, stateSize n: Int, rMin: Double = 0.8, rMax: Double = 0.99,
                thetaMax: Double = 2 * .pi, rng: inout SeededRNG) {
        precondition(0 < rMin && rMin <= rMax && rMax < 1, "LRU: need 0 < rMin ≤ rMax < 1, got \(rMin), \(rMax)")
        var nu = [Scalar](), theta = [Scalar]()
        for _ in 0..<n {
            let u = rng.uniform()
            nu.append(Scalar(Foundation.log(-0.5 * Foundation.log(u * (rMax * rMax - rMin * rMin) + rMin * rMin))))
        }
        for _ in 0..<n { theta.append(Scalar(rng.uniform(0, thetaMax))) }
        let bStd = (1 / (2 * Double(h))).squareRoot(), cStd = (1 / Double(n)).squareRoot()
        self.init(nu: Tensor(shape: [n], scalars: nu), theta: Tensor(shape: [n], scalars: theta),
                  bRe: Tensor(randomNormal: [n, h], std: bStd, rng: &rng),
                  bIm: Tensor(randomNormal: [n, h], std: bStd, rng: &rng),
                  cRe: Tensor(randomNormal: [h, n], std: cStd, rng: &rng),
                  cIm: Tensor(randomNormal: [h, n], std: cStd, rng: &rng),
                  d: Tensor(randomNormal: [h, h], std: (1 / Double(h)).squareRoot(), rng: &rng))
    }

    /// The eigenvalues λ_j = exp(−exp(ν_j) + iθ_j) of the state matrix; `.length` is |λ_j|, `.phase` is θ_j mod 2π.
    public var eigenvalues: [Complex<Double>] {
        let p = poles()
        return (0..<stateSize).map { Complex(p.lambdaRe[$0], p.lambdaIm[$0]) }
    }

    /// The per-state input normaliser γ_j = √(1 − |λ_j|²).
    public var normaliser: [Double] { poles().gamma }

    /// λ, γ and their derivatives with respect to ν and θ, in Double. Only N numbers each, so this costs nothing
    /// next to the scan, and Double keeps γ accurate when |λ| is within rounding of 1 in Float.
    func poles() -> Poles {
        var p = Poles()
        let n = stateSize
        p.lambdaRe.reserveCapacity(n); p.lambdaIm.reserveCapacity(n); p.gamma.reserveCapacity(n)
        p.decay.reserveCapacity(n); p.dGammaDNu.reserveCapacity(n)
        for j in 0..<n {
            let rate = Foundation.exp(Double(nu.scalars[j]))       // exp ν = −log|λ|
            let r = Foundation.exp(-rate)                           // |λ|
            let phase = Double(theta.scalars[j])
            // 1 − |λ|² = 1 − exp(−2 exp ν) = −expm1(−2 exp ν): exact even when |λ| rounds to 1.
            let gamma = (-Foundation.expm1(-2 * rate)).squareRoot()
            p.lambdaRe.append(r * Foundation.cos(phase))
            p.lambdaIm.append(r * Foundation.sin(phase))
            p.gamma.append(gamma)
            p.decay.append(rate)
            // dγ/dν = exp(ν)·|λ|²/γ (differentiate γ² = 1 − exp(−2 exp ν)).
            p.dGammaDNu.append(gamma > 0 ? rate * r * r / gamma : 0)
        }
        return p
    }

    public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
        visit("nu", &nu)
        visit("theta", &theta)
        visit("B.re", &bRe)
        visit("B.im", &bIm)
        visit("C.re", &cRe)
        visit("C.im", &cIm)
        visit("D", &d)
    }

    /// The gradient: one tensor per parameter, with the same names (see Learning's `Dense.TangentVector`).
    public struct TangentVector: Differentiable, AdditiveArithmetic, ParameterVisitable {
        public var nu: Tensor<Scalar>
        public var theta: Tensor<Scalar>
        public var bRe: Tensor<Scalar>
        public var bIm: Tensor<Scalar>
        public var cRe: Tensor<Scalar>
        public var cIm: Tensor<Scalar>
        public var d: Tensor<Scalar>

        public mutating func visitParameters(_ visit: ParameterVisitor<Scalar>) {
            visit("nu", &nu)
            visit("theta", &theta)
            visit("B.re", &bRe)
            visit("B.im", &bIm)
            visit("C.re", &cRe)
            visit("C.im", &cIm)
            visit("D", &d)
        }
    }

    public mutating func move(by offset: TangentVector) {
        nu.move(by: offset.nu)
        theta.move(by: offset.theta)
        bRe.move(by: offset.bRe)
        bIm.move(by: offset.bIm)
        cRe.move(by: offset.cRe)
        cIm.move(by: offset.cIm)
        d.move(by: offset.d)
    }
}

/// λ = exp(−exp ν + iθ) split into real and imaginary parts, γ, and what the chain rule to ν needs.
struct Poles {
    var lambdaRe: [Double] = [], lambdaIm: [Double] = []
    var gamma: [Double] = []
    /// exp ν = −log|λ|; also −∂log|λ|/∂ν, so ∂λ/∂ν = −exp(ν)·λ.
    var decay: [Double] = []
    var dGammaDNu: [Double] = []
}
