import Learning

/// The scalars an `LRU` can run in: `Float` for training, `Double` for gradient checks.
///
/// The same trick as Learning's `TensorScalar` (read its comment first): generic code called from another module
/// runs unspecialised, so every `+` on a generic `Scalar` would be an indirect call. The two loops below run
/// B·T·N times per step, so they are protocol requirements; their default implementations are compiled into the
/// `Float` and `Double` conformances at the bottom of this file as tight, vectorised loops.
///
/// Layout shared by both kernels: a buffer of `sequences × length` rows, one row per (sequence, time step), each
/// row holding 2N scalars, the real parts of the N complex states first, then their imaginary parts:
/// `[Re s_t, Im s_t]`. That is also the layout of the hidden states the layer exposes for analysis.
public protocol RecurrenceScalar: TensorScalar {
    /// In place, x_t ← s_t = λ ⊙ s_{t−1} + x_t (s_{−1} = 0) for every sequence: the forward scan.
    static func diagonalScanForward(_ x: UnsafeMutablePointer<Self>, lambdaRe: UnsafePointer<Self>,
                                    lambdaIm: UnsafePointer<Self>, sequences: Int, length: Int, states: Int)

    /// In place, g_t ← ḡ_t = g_t + conj(λ) ⊙ ḡ_{t+1} (ḡ_T = 0): the adjoint scan, backwards in time.
    /// Also accumulates dλ += Σ_t ḡ_t ⊙ conj(s_{t−1}) into `dLambdaRe`/`dLambdaIm` (the caller zeroes them).
    static func diagonalScanBackward(_ g: UnsafeMutablePointer<Self>, states s: UnsafePointer<Self>,
                                     lambdaRe: UnsafePointer<Self>, lambdaIm: UnsafePointer<Self>,
                                     dLambdaRe: UnsafeMutablePointer<Self>, dLambdaIm: UnsafeMutablePointer<Self>,
                                     sequences: Int, length: Int, states: Int)

    /// Σ aᵢbᵢ, for the gradient of the normaliser γ.
    static func dotKernel(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, count: Int) -> Self
}

extension RecurrenceScalar {
    public static func diagonalScanForward(_ x: UnsafeMutablePointer<Self>, lambdaRe: UnsafePointer<Self>,
                                           lambdaIm: UnsafePointer<Self>, sequences: Int, length: Int, states n: Int) {
        let width = 2 * n
        for b in 0..<sequences {
            var previous = x + b * length * width
            for _ in 1..<max(length, 1) {
                let row = previous + width
                // Complex multiply-add per state; the N states are independent, so this loop vectorises.
                for j in 0..<n {
                    let pr = previous[j], pi = previous[n + j]
                    row[j] += lambdaRe[j] * pr - lambdaIm[j] * pi
                    row[n + j] += lambdaIm[j] * pr + lambdaRe[j] * pi
                }
                previous = row
            }
        }
    }

    public static func diagonalScanBackward(_ g: UnsafeMutablePointer<Self>, states s: UnsafePointer<Self>,
                                            lambdaRe: UnsafePointer<Self>, lambdaIm: UnsafePointer<Self>,
                                            dLambdaRe: UnsafeMutablePointer<Self>,
                                            dLambdaIm: UnsafeMutablePointer<Self>,
                                            sequences: Int, length: Int, states n: Int) {
        let width = 2 * n
        for b in 0..<sequences {
            let gb = g + b * length * width, sb = s + b * length * width
            var t = length - 1
            while t >= 0 {
                let row = gb + t * width
                if t + 1 < length {
                    let next = row + width
                    // ḡ_t = g_t + conj(λ)·ḡ_{t+1}, with conj(λ)·z = (λr zr + λi zi) + i(λr zi − λi zr).
                    for j in 0..<n {
                        let nr = next[j], ni = next[n + j]
                        row[j] += lambdaRe[j] * nr + lambdaIm[j] * ni
                        row[n + j] += lambdaRe[j] * ni - lambdaIm[j] * nr
                    }
                }
                if t > 0 {
                    let previous = sb + (t - 1) * width
                    // dλ += ḡ_t·conj(s_{t−1}) = (gr sr + gi si) + i(gi sr − gr si).
                    for j in 0..<n {
                        let gr = row[j], gi = row[n + j], sr = previous[j], si = previous[n + j]
                        dLambdaRe[j] += gr * sr + gi * si
                        dLambdaIm[j] += gi * sr - gr * si
                    }
                }
                t -= 1
            }
        }
    }

    public static func dotKernel(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, count: Int) -> Self {
        var s0: Self = 0, s1: Self = 0
        var i = 0
        while i + 2 <= count { s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; i += 2 }
        if i < count { s0 += a[i] * b[i] }
        return s0 + s1
    }
}

extension Float: RecurrenceScalar {}
extension Double: RecurrenceScalar {}
