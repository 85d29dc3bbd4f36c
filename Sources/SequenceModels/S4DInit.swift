import Foundation
import Learning
import LinearAlgebra
import Numerics

/// The S4D initialisations (Gu et al. 2022, "On the parameterization and initialization of diagonal state space
/// models") expressed as an initialiser of the same diagonal layer.
///
/// S4D starts from a *continuous-time* diagonal system ṡ = A s + B u with A_n = −½ + i·(imaginary part) and
/// discretises it with a step Δ by zero-order hold (the input held constant over each step):
///
///     λ_n = exp(Δ A_n),        B̄_n = (λ_n − 1)/A_n · B_n
///
/// so |λ_n| = exp(Δ Re A_n) = exp(−Δ/2) and arg λ_n = Δ Im A_n. In the LRU's parameters that is
/// ν_n = log(Δ/2) and θ_n = Δ Im A_n: the same layer, only another starting point. The LRU paper's point is
/// that the ring initialisation with |λ| close to 1 does the job of this continuous-time view directly.
///
/// Two choices of the imaginary parts (n = 0..<N):
///   lin:  Im A_n = π n                              (frequencies evenly spaced: a Fourier basis)
///   inv:  Im A_n = (N/π)(N/(2n + 1) − 1)            (frequencies ~1/n: S4D's approximation of S4's HiPPO-LegS)
public enum S4DInit: Sendable, Equatable {
    case lin
    case inv

    /// The continuous-time eigenvalues A_n for a state of size N.
    public func continuousEigenvalues(stateSize n: Int) -> [Complex<Double>] {
        (0..<n).map { j in
            switch self {
            case .lin: return Complex(-0.5, Double.pi * Double(j))
            case .inv: return Complex(-0.5, Double(n) / Double.pi * (Double(n) / Double(2 * j + 1) - 1))
            }
        }
    }

    /// Zero-order hold with step Δ: λ = exp(ΔA) and the input factor (λ − 1)/A that multiplies B.
    public static func zeroOrderHold(_ a: Complex<Double>, step: Double) -> (lambda: Complex<Double>, inputScale: Complex<Double>) {
        let lambda = Complex.exp(Complex(step, 0) * a)
        return (lambda, (lambda - 1) / a)
    }
}

extension LRU {
    /// An LRU initialised as S4D: eigenvalues λ_n = exp(Δ_n A_n) with one step Δ_n per state drawn log-uniform in
    /// [dtMin, dtMax] (S4D draws one Δ per channel; with one shared state per layer we draw one per state).
    ///
    /// B and C are drawn as in the ring initialisation, then B is rescaled so that the layer's effective input
    /// matrix γ ⊙ B equals the ZOH matrix B̄ = (λ − 1)/A · B at initialisation: B ← (λ − 1)/(A γ) · B, a complex
    /// factor per state. (The layer always multiplies by γ(ν); during training γ follows ν and B is free, so
    /// the ZOH relation holds at the start only, as in S4D with a trainable B.) Draw order: Δ, then as the
    /// ring initialiser (B, C, D).
    public init(inputSize h: Int, stateSize n: Int, s4d: S4DInit, dtMin: Double = 0.001, dtMax: Double = 0.1,
                rng: inout SeededRNG) {
        precondition(0 < dtMin && dtMin <= dtMax, "LRU(s4d:): need 0 < dtMin ≤ dtMax")
        let a = s4d.continuousEigenvalues(stateSize: n)
        let steps = (0..<n).map { _ in Foundation.exp(rng.uniform(Foundation.log(dtMin), Foundation.log(dtMax))) }
        var ring = LRU(inputSize: h, stateSize: n, rng: &rng)  // only its B, C, D draws are kept
        var nu = [Scalar](), theta = [Scalar]()
        for j in 0..<n {
            nu.append(Scalar(Foundation.log(-steps[j] * a[j].real)))  // −Δ Re A = Δ/2 = −log|λ|
            theta.append(Scalar(steps[j] * a[j].imaginary))
        }
        ring.nu = Tensor(shape: [n], scalars: nu)
        ring.theta = Tensor(shape: [n], scalars: theta)
        let gamma = ring.normaliser
        var br = ring.bRe.scalars, bi = ring.bIm.scalars
        for j in 0..<n {
            let factor = S4DInit.zeroOrderHold(a[j], step: steps[j]).inputScale / Complex(gamma[j], 0)
            for c in 0..<h {
                let b = factor * Complex(Double(br[j * h + c]), Double(bi[j * h + c]))
                br[j * h + c] = Scalar(b.real)
                bi[j * h + c] = Scalar(b.imaginary)
            }
        }
        ring.bRe = Tensor(shape: [n, h], scalars: br)
        ring.bIm = Tensor(shape: [n, h], scalars: bi)
        self = ring
    }
}
