import Learning
import LinearAlgebra

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

extension RecurrenceScalar where Self: SIMDScalar {
    // Both scans walk one block of 8 states at a time through all time steps, keeping the running state (or
    // adjoint) and λ in SIMD registers: the recurrence is sequential in t, but the 8 states are independent.
    // (A plain loop over states inside a loop over time does not vectorise: the compiler cannot prove that the
    // row being written does not overlap the rows and λ being read.) States beyond the last full block of 8
    // take the same steps one at a time. Sequences are independent, so they are split over the cores (by state
    // blocks instead, two threads wrote to the same cache lines of every row, and that was slower than one).

    public static func diagonalScanForward(_ x: UnsafeMutablePointer<Self>, lambdaRe: UnsafePointer<Self>,
                                           lambdaIm: UnsafePointer<Self>, sequences: Int, length: Int, states n: Int) {
        let width = 2 * n, blocks = n / 8
        KernelThreads.chunks(sequences, scalarsPerItem: 4 * length * n) { range in for b in range {
            let base = x + b * length * width
            for block in 0..<blocks {
                let j = block * 8
                let lr = load8(lambdaRe + j), li = load8(lambdaIm + j)
                var sr = SIMD8<Self>(), si = SIMD8<Self>()  // s_{−1} = 0
                var row = base
                for _ in 0..<length {
                    // s_t = λ s_{t−1} + x_t, complex: (lr sr − li si) + i(li sr + lr si).
                    let nr = load8(row + j) + lr * sr - li * si
                    si = load8(row + n + j) + li * sr + lr * si
                    sr = nr
                    store8(sr, row + j)
                    store8(si, row + n + j)
                    row += width
                }
            }
            for j in (blocks * 8)..<n {
                let lr = lambdaRe[j], li = lambdaIm[j]
                var sr: Self = 0, si: Self = 0
                var row = base
                for _ in 0..<length {
                    let nr = row[j] + lr * sr - li * si
                    si = row[n + j] + li * sr + lr * si
                    sr = nr
                    row[j] = sr
                    row[n + j] = si
                    row += width
                }
            }
        } }
    }

    public static func diagonalScanBackward(_ g: UnsafeMutablePointer<Self>, states s: UnsafePointer<Self>,
                                            lambdaRe: UnsafePointer<Self>, lambdaIm: UnsafePointer<Self>,
                                            dLambdaRe: UnsafeMutablePointer<Self>,
                                            dLambdaIm: UnsafeMutablePointer<Self>,
                                            sequences: Int, length: Int, states n: Int) {
        let width = 2 * n, blocks = n / 8
        // Each sequence's share of dλ goes to its own row of `parts`, added to dλ below in the order of the
        // sequences, as when one thread ran them all: the sequences can then run on any thread.
        var parts = [Self](repeating: 0, count: sequences * width)
        parts.withUnsafeMutableBufferPointer { parts in
        KernelThreads.chunks(sequences, scalarsPerItem: 6 * length * n) { range in for b in range {
            let dLambdaRe = parts.baseAddress! + b * width, dLambdaIm = dLambdaRe + n
            let gBase = g + b * length * width, sBase = s + b * length * width
            for block in 0..<blocks {
                let j = block * 8
                let lr = load8(lambdaRe + j), li = load8(lambdaIm + j)
                var gr = SIMD8<Self>(), gi = SIMD8<Self>()      // ḡ_{t+1}, zero after the last step
                var dr = SIMD8<Self>(), di = SIMD8<Self>()      // Σ_t ḡ_t conj(s_{t−1})
                var t = length - 1
                while t >= 0 {
                    let row = gBase + t * width
                    // ḡ_t = g_t + conj(λ) ḡ_{t+1}, with conj(λ) z = (lr zr + li zi) + i(lr zi − li zr).
                    let nr = load8(row + j) + lr * gr + li * gi
                    gi = load8(row + n + j) + lr * gi - li * gr
                    gr = nr
                    store8(gr, row + j)
                    store8(gi, row + n + j)
                    if t > 0 {
                        // dλ += ḡ_t conj(s_{t−1}) = (gr sr + gi si) + i(gi sr − gr si).
                        let previous = sBase + (t - 1) * width
                        let sr = load8(previous + j), si = load8(previous + n + j)
                        dr += gr * sr + gi * si
                        di += gi * sr - gr * si
                    }
                    t -= 1
                }
                store8(load8(dLambdaRe + j) + dr, dLambdaRe + j)
                store8(load8(dLambdaIm + j) + di, dLambdaIm + j)
            }
            for j in (blocks * 8)..<n {
                let lr = lambdaRe[j], li = lambdaIm[j]
                var gr: Self = 0, gi: Self = 0, dr: Self = 0, di: Self = 0
                var t = length - 1
                while t >= 0 {
                    let row = gBase + t * width
                    let nr = row[j] + lr * gr + li * gi
                    gi = row[n + j] + lr * gi - li * gr
                    gr = nr
                    row[j] = gr
                    row[n + j] = gi
                    if t > 0 {
                        let previous = sBase + (t - 1) * width
                        dr += gr * previous[j] + gi * previous[n + j]
                        di += gi * previous[j] - gr * previous[n + j]
                    }
                    t -= 1
                }
                dLambdaRe[j] += dr
                dLambdaIm[j] += di
            }
        } }
        for b in 0..<sequences {
            for j in 0..<n {
                dLambdaRe[j] += parts[b * width + j]
                dLambdaIm[j] += parts[b * width + n + j]
            }
        }
        }
    }

}

extension RecurrenceScalar {
    public static func dotKernel(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, count: Int) -> Self {
        var s0: Self = 0, s1: Self = 0
        var i = 0
        while i + 2 <= count { s0 += a[i] * b[i]; s1 += a[i + 1] * b[i + 1]; i += 2 }
        if i < count { s0 += a[i] * b[i] }
        return s0 + s1
    }
}

@inline(__always)
func load8<S: SIMDScalar>(_ p: UnsafePointer<S>) -> SIMD8<S> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<S>.self) }

@inline(__always)
func load8<S: SIMDScalar>(_ p: UnsafeMutablePointer<S>) -> SIMD8<S> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<S>.self) }

@inline(__always)
func store8<S: SIMDScalar>(_ v: SIMD8<S>, _ p: UnsafeMutablePointer<S>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<S>.self) }

extension Float: RecurrenceScalar {}
extension Double: RecurrenceScalar {}
