import CKernels
import Foundation
import Learning

/// The scalars attention can run in: `Float` for training, `Double` for gradient checks.
///
/// The same trick as Learning's `TensorScalar` and `RecurrenceScalar` (read TensorScalar.swift's comment first):
/// the loops that touch every entry of the T×T attention matrix are protocol requirements, so the `Float` and
/// `Double` conformances at the bottom of this file get specialised, vectorised copies. Generic code in the
/// attention files only decides shapes, calls BLAS, and calls these.
///
/// Layout shared by the softmax kernels: a block of `rows` consecutive rows of one head's score matrix, starting
/// at query position `firstRow`, each row `ld` scalars apart, with `columns` valid columns (the key positions
/// 0..<columns that the block's gemm computed). Row i may only look at keys j ≤ i: that is the causal mask.
public protocol AttentionScalar: TensorScalar {
    /// exp for softmax. Float uses a vectorisable polynomial (see `polynomialExp`); Double uses libm, so gradient
    /// checks are unaffected.
    static func softmaxExp(_ x: Self) -> Self

    /// In place, for each row i of the block: s_ij ← softmax_j(scale · s_ij) over j ≤ i, and s_ij ← 0 for
    /// i < j < columns (so a following gemm over the whole block sees exact zeros above the diagonal).
    static func causalSoftmaxRows(_ s: UnsafeMutablePointer<Self>, ld: Int, firstRow: Int, rows: Int, columns: Int,
                                  scale: Self)

    /// In place, turns dA into dS for each row i of the block, given the attention weights A of the same block:
    /// dS_ij = scale · A_ij (dA_ij − Σ_k dA_ik A_ik) for j ≤ i, and 0 for i < j < columns. The factor `scale`
    /// (1/√d_head) is the derivative of the scores with respect to q·k, folded in here to save a pass.
    static func causalSoftmaxBackwardRows(_ a: UnsafePointer<Self>, _ da: UnsafeMutablePointer<Self>, ld: Int,
                                          firstRow: Int, rows: Int, columns: Int, scale: Self)

    /// Σ aᵢ(bᵢ − cᵢ) over `count` contiguous scalars: a diagonal correction of myopic attention. The difference is
    /// taken first, so when b and c hold the same numbers the result is exactly 0.
    static func dotOfDifference(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ c: UnsafePointer<Self>,
                                count: Int) -> Self

    /// yᵢ ← yᵢ + α(aᵢ − bᵢ), the other diagonal correction (again exactly y when a and b are equal).
    static func axpyOfDifference(_ alpha: Self, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                                 _ y: UnsafeMutablePointer<Self>, count: Int)

    /// Rotary position embedding of a [B, T, H·d_h] tensor, each head's channels taken in pairs (2m, 2m+1) and
    /// rotated by the angle t·θ_m: `cosines`/`sines` are [T, d_h/2]. `inverse` rotates by −t·θ_m (the pullback).
    static func rotaryKernel(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, cosines: UnsafePointer<Self>,
                             sines: UnsafePointer<Self>, sequences: Int, length: Int, heads: Int, headSize: Int,
                             inverse: Bool)
}

extension AttentionScalar {
    public static func softmaxExp(_ x: Self) -> Self { exp(x) }

    public static func causalSoftmaxRows(_ s: UnsafeMutablePointer<Self>, ld: Int, firstRow: Int, rows: Int,
                                         columns: Int, scale: Self) {
        for r in 0..<rows {
            let row = s + r * ld, n = firstRow + r + 1  // keys 0...i
            var m = row[0]
            for j in 1..<n where row[j] > m { m = row[j] }
            let shift = scale * m  // scale > 0, so the largest scaled score is scale·max
            var sum: Self = 0
            for j in 0..<n { let e = softmaxExp(scale * row[j] - shift); row[j] = e; sum += e }
            let inv = 1 / sum
            for j in 0..<n { row[j] *= inv }
            if n < columns { for j in n..<columns { row[j] = 0 } }
        }
    }

    public static func causalSoftmaxBackwardRows(_ a: UnsafePointer<Self>, _ da: UnsafeMutablePointer<Self>, ld: Int,
                                                 firstRow: Int, rows: Int, columns: Int, scale: Self) {
        for r in 0..<rows {
            let ar = a + r * ld, dr = da + r * ld, n = firstRow + r + 1
            var dot: Self = 0
            for j in 0..<n { dot += ar[j] * dr[j] }
            for j in 0..<n { dr[j] = scale * ar[j] * (dr[j] - dot) }
            if n < columns { for j in n..<columns { dr[j] = 0 } }
        }
    }

    public static func dotOfDifference(_ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ c: UnsafePointer<Self>,
                                       count: Int) -> Self {
        var s: Self = 0
        for i in 0..<count { s += a[i] * (b[i] - c[i]) }
        return s
    }

    public static func axpyOfDifference(_ alpha: Self, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                                        _ y: UnsafeMutablePointer<Self>, count: Int) {
        for i in 0..<count { y[i] += alpha * (a[i] - b[i]) }
    }

    public static func rotaryKernel(_ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>,
                                    cosines: UnsafePointer<Self>, sines: UnsafePointer<Self>, sequences: Int,
                                    length: Int, heads: Int, headSize: Int, inverse: Bool) {
        let pairs = headSize / 2, width = heads * headSize
        for b in 0..<sequences {
            for t in 0..<length {
                let c = cosines + t * pairs, s = sines + t * pairs, row = (b * length + t) * width
                for h in 0..<heads {
                    let xi = x + row + h * headSize, yi = y + row + h * headSize
                    for m in 0..<pairs {
                        let sn = inverse ? -s[m] : s[m]
                        let x0 = xi[2 * m], x1 = xi[2 * m + 1]
                        yi[2 * m] = x0 * c[m] - x1 * sn
                        yi[2 * m + 1] = x0 * sn + x1 * c[m]
                    }
                }
            }
        }
    }
}

extension Float: AttentionScalar {
    @inline(__always) public static func softmaxExp(_ x: Float) -> Float { polynomialExp(x) }

    // Float's softmax kernels run in C (Sources/CKernels/softmax_body.h), compiled for AVX-512 and AVX2 as well as
    // the SSE2 baseline Swift compiles for: these loops touch every score, and at 16 lanes they take a third of
    // the time. They compute bit for bit what the Swift kernels below compute (tests compare them).

    public static func causalSoftmaxRows(_ s: UnsafeMutablePointer<Float>, ld: Int, firstRow: Int, rows: Int,
                                         columns: Int, scale: Float) {
        t2t_causal_softmax_rows(s, ld, firstRow, rows, columns, scale)
    }

    public static func causalSoftmaxBackwardRows(_ a: UnsafePointer<Float>, _ da: UnsafeMutablePointer<Float>,
                                                 ld: Int, firstRow: Int, rows: Int, columns: Int, scale: Float) {
        t2t_causal_softmax_backward_rows(a, da, ld, firstRow, rows, columns, scale)
    }

    // The Swift kernels the C ones replace, kept as their reference. They are written with SIMD8 explicitly: a
    // loop that sums into one Float cannot be vectorised by the compiler (it may not reorder the additions).

    /// `causalSoftmaxRows` in Swift (SIMD8): the reference for the C kernel.
    public static func referenceCausalSoftmaxRows(_ s: UnsafeMutablePointer<Float>, ld: Int, firstRow: Int,
                                                  rows: Int, columns: Int, scale: Float) {
        for r in 0..<rows {
            let row = s + r * ld, n = firstRow + r + 1, full = n & ~7
            var m8 = SIMD8<Float>(repeating: -.infinity)
            var j = 0
            while j < full { let x = load8(row + j); m8.replace(with: x, where: x .> m8); j += 8 }
            var m = m8.max()
            while j < n { m = Swift.max(m, row[j]); j += 1 }
            let shift = scale * m
            var sum8 = SIMD8<Float>()
            j = 0
            while j < full {
                let e = polynomialExp(scale * load8(row + j) - shift)
                store8(e, row + j); sum8 += e; j += 8
            }
            var sum = sum8.sum()
            while j < n { let e = polynomialExp(scale * row[j] - shift); row[j] = e; sum += e; j += 1 }
            let inv = 1 / sum
            j = 0
            while j < full { store8(load8(row + j) * inv, row + j); j += 8 }
            while j < n { row[j] *= inv; j += 1 }
            for z in n..<Swift.max(n, columns) { row[z] = 0 }
        }
    }

    /// `causalSoftmaxBackwardRows` in Swift (SIMD8): the reference for the C kernel.
    public static func referenceCausalSoftmaxBackwardRows(_ a: UnsafePointer<Float>, _ da: UnsafeMutablePointer<Float>,
                                                          ld: Int, firstRow: Int, rows: Int, columns: Int,
                                                          scale: Float) {
        for r in 0..<rows {
            let ar = a + r * ld, dr = da + r * ld, n = firstRow + r + 1, full = n & ~7
            var dot8 = SIMD8<Float>()
            var j = 0
            while j < full { dot8 += load8(ar + j) * load8(dr + j); j += 8 }
            var dot = dot8.sum()
            while j < n { dot += ar[j] * dr[j]; j += 1 }
            j = 0
            while j < full { store8(scale * load8(ar + j) * (load8(dr + j) - dot), dr + j); j += 8 }
            while j < n { dr[j] = scale * ar[j] * (dr[j] - dot); j += 1 }
            for z in n..<Swift.max(n, columns) { dr[z] = 0 }
        }
    }
}

extension Double: AttentionScalar {}

/// exp for Float without calling the C library, so that softmax loops vectorise (libm's `expf` is an opaque call
/// per element; softmax over a 500×500 causal score matrix makes 125,000 of them per head).
///
/// Range reduction: x = n·ln 2 + r with n = round(x/ln 2) and |r| ≤ ½ ln 2, so eˣ = 2ⁿ·eʳ. Adding 1.5·2²³ rounds
/// x/ln 2 to an integer that sits in the low mantissa bits (no rounding instruction needed); ln 2 is split in a
/// high part with few bits (so n·ln2_hi is exact) and a low correction. eʳ is its Taylor polynomial of degree 6
/// (truncation error r⁷/7! < 1.2e-7 relative); 2ⁿ is built from its bits. Inputs are clamped to [−87, 88], where
/// 2ⁿ is a normal Float: below that eˣ is < 2e-38, which softmax treats as 0 anyway. Relative error ≈ 2 ulp
/// (tests compare with Double's exp).
@inline(__always)
func polynomialExp(_ a: Float) -> Float {
    let x = Swift.min(Swift.max(a, -87), 88)
    let magic: Float = 12_582_912  // 1.5·2²³
    let shifted = x * 1.442_695_04 + magic
    let n = shifted - magic
    let r = (x - n * 0.693_145_751_953_125) - n * 1.428_606_765_330_187_e-6
    var p: Float = 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let twoToN = Float(bitPattern: (shifted.bitPattern &- magic.bitPattern &+ 127) &<< 23)
    return p * twoToN
}

/// `polynomialExp` on eight lanes at once (the same steps; see above).
@inline(__always)
func polynomialExp(_ a: SIMD8<Float>) -> SIMD8<Float> {
    // (`replacing(with:where:)` is a compare and a blend; the standard pointwiseMin/Max are not inlined.)
    var x = a.replacing(with: -87, where: a .< -87)
    x.replace(with: 88, where: x .> 88)
    let magic = SIMD8<Float>(repeating: 12_582_912)
    let shifted = x * 1.442_695_04 + magic
    let n = shifted - magic
    let r = (x - n * 0.693_145_751_953_125) - n * 1.428_606_765_330_187_e-6
    var p = SIMD8<Float>(repeating: 1.0 / 720)
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let bits = (unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &- magic[0].bitPattern &+ 127) &<< 23
    return p * unsafeBitCast(bits, to: SIMD8<Float>.self)
}
