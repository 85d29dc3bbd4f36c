import Learning
import Numerics

// The convolutional form of the same layer. Unrolling s_t = λ ⊙ s_{t−1} + B̃ u_t from s_{−1} = 0 gives
//
//     s_t = Σ_{k=0}^{t} diag(λᵏ) B̃ u_{t−k},     so     y_t = Σ_{k=0}^{t} K_k u_{t−k} + D u_t,
//     K_k = Re(C diag(λᵏ) B̃)  (H × H),   B̃ = γ ⊙ B.
//
// The LRU is therefore a causal convolution whose kernel is a sum of N damped complex exponentials λ_jᵏ: the
// "impulse response" chapter 3 plots. Paper 000's code trains with this form (via FFT) and evaluates with the
// recurrence. Here the recurrence is the fast path and this form is the oracle the tests compare it against:
// it is computed in Double with O(T²·H²) work, fine for checking, too slow for training.

extension LRU {
    /// The impulse response K_k = Re(C diag(λᵏ)(γ⊙B)) for k = 0..<length, shaped [length, H, H]:
    /// `kernel[k, i, j]` is output channel i, k steps after a unit impulse on input channel j. D's feedthrough
    /// (which adds D to lag 0 only) is not included.
    public func kernel(length: Int) -> Tensor<Scalar> {
        Tensor(shape: [length, inputSize, inputSize], scalars: kernelInDouble(length: length).map { Scalar($0) })
    }

    /// y = K * u + D u computed as an explicit causal convolution (slow; an oracle for the recurrence).
    public func convolve(_ u: Tensor<Scalar>) -> Tensor<Scalar> {
        let h = inputSize
        precondition(u.rank == 3 && u.shape[2] == h, "LRU.convolve: input must be [B, T, \(h)], got \(u.shape)")
        let (batch, length) = (u.shape[0], u.shape[1])
        let k = kernelInDouble(length: length), x = u.scalars.map { Double($0) }, dd = d.scalars.map { Double($0) }
        var y = [Double](repeating: 0, count: u.count)
        for b in 0..<batch {
            for t in 0..<length {
                let out = (b * length + t) * h
                for lag in 0...t {
                    let input = (b * length + t - lag) * h, kk = lag * h * h
                    for i in 0..<h { for j in 0..<h { y[out + i] += k[kk + i * h + j] * x[input + j] } }
                }
                for i in 0..<h { for j in 0..<h { y[out + i] += dd[i * h + j] * x[out + j] } }
            }
        }
        return Tensor(shape: u.shape, scalars: y.map { Scalar($0) })
    }

    func kernelInDouble(length: Int) -> [Double] {
        let h = inputSize, n = stateSize
        let lambda = eigenvalues, gamma = normaliser
        let br = bRe.scalars.map { Double($0) }, bi = bIm.scalars.map { Double($0) }
        let cr = cRe.scalars.map { Double($0) }, ci = cIm.scalars.map { Double($0) }
        var kernel = [Double](repeating: 0, count: length * h * h)
        var power = gamma.map { Complex<Double>($0, 0) }  // γ_j λ_jᵏ, starting at k = 0
        var w = [Complex<Double>](repeating: .zero, count: h)
        for k in 0..<length {
            for j in 0..<n {
                for c in 0..<h { w[c] = power[j] * Complex(br[j * h + c], bi[j * h + c]) }  // (γ λᵏ B)_j,c
                for i in 0..<h {
                    let cij = Complex(cr[i * n + j], ci[i * n + j])
                    for c in 0..<h { kernel[(k * h + i) * h + c] += (cij * w[c]).real }
                }
                power[j] = power[j] * lambda[j]
            }
        }
        return kernel
    }
}
