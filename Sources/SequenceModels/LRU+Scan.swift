import Learning
import LinearAlgebra
import _Differentiation

// The LRU's forward and backward pass as ONE differentiable primitive with a hand-written pullback.
//
// Forward, with all B·T time steps stacked as rows (so the two projections are single BLAS gemms):
//
//     X = U · W_inᵀ                    W_in = [γ⊙Re B; γ⊙Im B] (2N × H): rows of X are [Re x_t, Im x_t]
//     S = scan(X):  s_t = λ ⊙ s_{t−1} + x_t     the only loop over time; O(T·N) per sequence
//     Y = S · W_outᵀ + U · Dᵀ          W_out = [Re C, −Im C] (H × 2N), because Re(C s) = Re C·Re s − Im C·Im s
//
// Backward (BPTT). Write ḡ_t for the gradient of the loss with respect to s_t, as a complex number
// ∂L/∂Re s_t + i ∂L/∂Im s_t. s_t influences the loss directly (through y_t) and through s_{t+1} = λ s_t + …, so
//
//     ḡ_t = Cᴴ dy_t  +  conj(λ) ⊙ ḡ_{t+1},     ḡ_T = 0
//
// which is the same diagonal linear recurrence run *backwards in time* with the conjugate coefficient: the
// adjoint of "multiply by λ" on ℂ seen as ℝ² is its transpose, the 2×2 rotation-scaling by conj(λ). Then, since
// x_t enters s_t with coefficient 1, dX = Ḡ, and since λ multiplies s_{t−1} at every step,
// dλ = Σ_t ḡ_t ⊙ conj(s_{t−1}). Everything else is gemms again. The chain rule to the real parameters:
//
//     λ = exp(−e^ν) e^{iθ}:   ∂λ/∂ν = −e^ν λ,   ∂λ/∂θ = iλ,   so
//     dν = −e^ν (Re dλ Re λ + Im dλ Im λ) + dγ · ∂γ/∂ν,     dθ = Im dλ Re λ − Re dλ Im λ.
//
// The forward pass keeps S (B·T·2N scalars) for the backward pass; no memory is allocated per time step.
// The scans split the batch over the cores (RecurrenceScalar.swift). With DispatchQueue.concurrentPerform that
// gave no speed-up; with KernelThreads' own pool it does.

extension LRU {
    /// y = Re(C s_t) + D u_t for every time step of u: [B, T, H] → [B, T, H].
    @differentiable(reverse)
    public func callAsFunction(_ u: Tensor<Scalar>) -> Tensor<Scalar> {
        _vjpCallAsFunction(u).value
    }

    /// The hidden states for analysis: [B, T, 2N] = [Re s_t, Im s_t] (the features paper 000's metrics use).
    public func states(_ u: Tensor<Scalar>) -> Tensor<Scalar> {
        let tape = forwardScan(u)
        return Tensor(shape: [u.shape[0], u.shape[1], 2 * stateSize], scalars: tape.states)
    }

    /// What the backward pass needs from the forward pass.
    struct ScanTape {
        var rows: Int
        var states: [Scalar]         // S, [rows, 2N]
        var wIn: [Scalar]            // W_in = [γ⊙Re B; γ⊙Im B], [2N, H]
        var lambdaRe: [Scalar], lambdaIm: [Scalar]
        var poles: Poles
    }

    /// X = U W_inᵀ, then the scan in place: S.
    func forwardScan(_ u: Tensor<Scalar>) -> ScanTape {
        let h = inputSize, n = stateSize
        precondition(u.rank == 3 && u.shape[2] == h, "LRU: input must be [B, T, \(h)], got \(u.shape)")
        let rows = u.shape[0] * u.shape[1]
        precondition(rows > 0 && n > 0, "LRU: empty input \(u.shape) or no states")
        FLOPCounter.add(8 * rows * n)  // s_t = λ s_{t−1} + x_t: a complex multiply–add per state and step
        let p = poles()
        let lambdaRe = p.lambdaRe.map { Scalar($0) }, lambdaIm = p.lambdaIm.map { Scalar($0) }
        let wIn = uninitialised(2 * n * h) { w in
            bRe.withUnsafeBufferPointer { br in bIm.withUnsafeBufferPointer { bi in
                for j in 0..<n {
                    let g = Scalar(p.gamma[j])
                    Scalar.scaleKernel(br.baseAddress! + j * h, by: g, w + j * h, count: h)
                    Scalar.scaleKernel(bi.baseAddress! + j * h, by: g, w + (n + j) * h, count: h)
                }
            } }
        }
        let states = uninitialised(rows * 2 * n) { s in
            u.withUnsafeBufferPointer { pu in wIn.withUnsafeBufferPointer { w in
                Scalar.gemm(transA: false, transB: true, m: rows, n: 2 * n, k: h, alpha: 1, a: pu.baseAddress!, lda: h,
                            b: w.baseAddress!, ldb: h, beta: 0, c: s, ldc: 2 * n)
            } }
            lambdaRe.withUnsafeBufferPointer { lr in lambdaIm.withUnsafeBufferPointer { li in
                Scalar.diagonalScanForward(s, lambdaRe: lr.baseAddress!, lambdaIm: li.baseAddress!,
                                           sequences: u.shape[0], length: u.shape[1], states: n)
            } }
        }
        return ScanTape(rows: rows, states: states, wIn: wIn, lambdaRe: lambdaRe, lambdaIm: lambdaIm, poles: p)
    }

    @derivative(of: callAsFunction)
    public func _vjpCallAsFunction(_ u: Tensor<Scalar>)
        -> (value: Tensor<Scalar>, pullback: (Tensor<Scalar>) -> (TangentVector, Tensor<Scalar>)) {
        let h = inputSize, n = stateSize
        let tape = forwardScan(u)
        let rows = tape.rows
        // W_out = [Re C, −Im C] (H × 2N), so that Re(C s) = W_out·[Re s; Im s]; then Y = S·W_outᵀ + U·Dᵀ.
        let wOut = uninitialised(h * 2 * n) { w in
            cRe.withUnsafeBufferPointer { cr in cIm.withUnsafeBufferPointer { ci in
                for i in 0..<h {
                    Scalar.scaleKernel(cr.baseAddress! + i * n, by: 1, w + i * 2 * n, count: n)
                    Scalar.scaleKernel(ci.baseAddress! + i * n, by: -1, w + i * 2 * n + n, count: n)
                }
            } }
        }
        let y = uninitialised(rows * h) { py in
            tape.states.withUnsafeBufferPointer { ps in u.withUnsafeBufferPointer { pu in
                wOut.withUnsafeBufferPointer { pw in d.withUnsafeBufferPointer { pd in
                    Scalar.gemm(transA: false, transB: true, m: rows, n: h, k: 2 * n, alpha: 1, a: ps.baseAddress!,
                                lda: 2 * n, b: pw.baseAddress!, ldb: 2 * n, beta: 0, c: py, ldc: h)
                    Scalar.gemm(transA: false, transB: true, m: rows, n: h, k: h, alpha: 1, a: pu.baseAddress!, lda: h,
                                b: pd.baseAddress!, ldb: h, beta: 1, c: py, ldc: h)
                } }
            } }
        }
        let value = Tensor(shape: u.shape, scalars: y)
        let layer = self
        return (value, { dy in
            if dy.isSymbolicZero { return (.zero, .zero) }
            precondition(dy.shape == u.shape, "LRU pullback: gradient \(dy.shape) for output \(u.shape)")
            return layer.backward(dy, u, tape, wOut)
        })
    }

    /// The pullback proper (see the comment at the top of this file for the formulas).
    func backward(_ dy: Tensor<Scalar>, _ u: Tensor<Scalar>, _ tape: ScanTape,
                  _ wOut: [Scalar]) -> (TangentVector, Tensor<Scalar>) {
        let h = inputSize, n = stateSize, rows = tape.rows, w2 = 2 * n
        FLOPCounter.add(16 * rows * n)  // the reverse-time scan and dλ: two complex multiply–adds per state and step
        var dD = [Scalar](), dWOut = [Scalar](), dWIn = [Scalar](), dU = [Scalar]()
        var dLambdaRe = [Scalar](repeating: 0, count: n), dLambdaIm = [Scalar](repeating: 0, count: n)
        dy.withUnsafeBufferPointer { pdy in u.withUnsafeBufferPointer { pu in
        tape.states.withUnsafeBufferPointer { ps in tape.wIn.withUnsafeBufferPointer { pw in
        wOut.withUnsafeBufferPointer { pwo in d.withUnsafeBufferPointer { pd in
            let g = pdy.baseAddress!, uu = pu.baseAddress!, s = ps.baseAddress!
            // Output side: dD = dYᵀU and dW_out = dYᵀS (split into Re C and −Im C below).
            dD = uninitialised(h * h) { c in
                Scalar.gemm(transA: true, transB: false, m: h, n: h, k: rows, alpha: 1, a: g, lda: h, b: uu, ldb: h,
                            beta: 0, c: c, ldc: h)
            }
            dWOut = uninitialised(h * w2) { c in
                Scalar.gemm(transA: true, transB: false, m: h, n: w2, k: rows, alpha: 1, a: g, lda: h, b: s, ldb: w2,
                            beta: 0, c: c, ldc: w2)
            }
            // The direct gradient of the states, dY·W_out = [dY·Re C, −dY·Im C]; the adjoint scan turns it into Ḡ = dX.
            var adjoint = uninitialised(rows * w2) { c in
                Scalar.gemm(transA: false, transB: false, m: rows, n: w2, k: h, alpha: 1, a: g, lda: h,
                            b: pwo.baseAddress!, ldb: w2, beta: 0, c: c, ldc: w2)
            }
            adjoint.withUnsafeMutableBufferPointer { pa in
                let a = pa.baseAddress!
                tape.lambdaRe.withUnsafeBufferPointer { lr in tape.lambdaIm.withUnsafeBufferPointer { li in
                    dLambdaRe.withUnsafeMutableBufferPointer { dlr in dLambdaIm.withUnsafeMutableBufferPointer { dli in
                        Scalar.diagonalScanBackward(a, states: s, lambdaRe: lr.baseAddress!, lambdaIm: li.baseAddress!,
                                                    dLambdaRe: dlr.baseAddress!, dLambdaIm: dli.baseAddress!,
                                                    sequences: u.shape[0], length: u.shape[1], states: n)
                    } }
                } }
                // Input side: dW_in = dXᵀU, and dU = dY·D + dX·W_in.
                dWIn = uninitialised(w2 * h) { c in
                    Scalar.gemm(transA: true, transB: false, m: w2, n: h, k: rows, alpha: 1, a: a, lda: w2,
                                b: uu, ldb: h, beta: 0, c: c, ldc: h)
                }
                dU = uninitialised(rows * h) { c in
                    Scalar.gemm(transA: false, transB: false, m: rows, n: h, k: h, alpha: 1, a: g, lda: h,
                                b: pd.baseAddress!, ldb: h, beta: 0, c: c, ldc: h)
                    Scalar.gemm(transA: false, transB: false, m: rows, n: h, k: w2, alpha: 1, a: a, lda: w2,
                                b: pw.baseAddress!, ldb: h, beta: 1, c: c, ldc: h)
                }
            }
        } }
        } }
        } }
        let dCRe = uninitialised(h * n) { out in
            dWOut.withUnsafeBufferPointer { p in
                for i in 0..<h { Scalar.scaleKernel(p.baseAddress! + i * w2, by: 1, out + i * n, count: n) }
            }
        }
        let dCIm = uninitialised(h * n) { out in
            dWOut.withUnsafeBufferPointer { p in
                for i in 0..<h { Scalar.scaleKernel(p.baseAddress! + i * w2 + n, by: -1, out + i * n, count: n) }
            }
        }
        // W_in = γ ⊙ B row by row: dB = γ ⊙ dW_in, and dγ_j = ⟨dW_in row j, B row j⟩ (real and imaginary rows).
        let p = tape.poles
        var dGamma = [Double](repeating: 0, count: n)
        let dBRe = uninitialised(n * h) { out in
            dWIn.withUnsafeBufferPointer { pw in bRe.withUnsafeBufferPointer { br in
                for j in 0..<n {
                    Scalar.scaleKernel(pw.baseAddress! + j * h, by: Scalar(p.gamma[j]), out + j * h, count: h)
                    dGamma[j] += Double(Scalar.dotKernel(pw.baseAddress! + j * h, br.baseAddress! + j * h, count: h))
                }
            } }
        }
        let dBIm = uninitialised(n * h) { out in
            dWIn.withUnsafeBufferPointer { pw in bIm.withUnsafeBufferPointer { bi in
                for j in 0..<n {
                    Scalar.scaleKernel(pw.baseAddress! + (n + j) * h, by: Scalar(p.gamma[j]), out + j * h, count: h)
                    dGamma[j] += Double(Scalar.dotKernel(pw.baseAddress! + (n + j) * h, bi.baseAddress! + j * h, count: h))
                }
            } }
        }
        var dNu = [Scalar](), dTheta = [Scalar]()
        for j in 0..<n {
            let dr = Double(dLambdaRe[j]), di = Double(dLambdaIm[j]), lr = p.lambdaRe[j], li = p.lambdaIm[j]
            dNu.append(Scalar(-p.decay[j] * (dr * lr + di * li) + dGamma[j] * p.dGammaDNu[j]))
            dTheta.append(Scalar(di * lr - dr * li))
        }
        let tangent = TangentVector(
            nu: Tensor(shape: [n], scalars: dNu), theta: Tensor(shape: [n], scalars: dTheta),
            bRe: Tensor(shape: [n, h], scalars: dBRe), bIm: Tensor(shape: [n, h], scalars: dBIm),
            cRe: Tensor(shape: [h, n], scalars: dCRe), cIm: Tensor(shape: [h, n], scalars: dCIm),
            d: Tensor(shape: [h, h], scalars: dD))
        return (tangent, Tensor(shape: u.shape, scalars: dU))
    }
}

/// An array of `count` scalars written entirely by `body` (every gemm here has β = 0, so none is read first).
@inline(__always)
func uninitialised<S>(_ count: Int, _ body: (UnsafeMutablePointer<S>) -> Void) -> [S] {
    [S](unsafeUninitializedCapacity: count) { buffer, initialized in
        if count > 0 { body(buffer.baseAddress!) }
        initialized = count
    }
}
