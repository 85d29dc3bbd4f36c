import Foundation
import Learning
import LinearAlgebra
import _Differentiation

// Gradient checking in Double.
//
// For a function f of several tensors we pick a random cotangent w (shaped like f's output) and compare the
// pullback, ∂⟨w, f(x)⟩/∂x, with central differences of the same scalar ⟨w, f(x)⟩:
//     (⟨w, f(x + h·eᵢ)⟩ − ⟨w, f(x − h·eᵢ)⟩) / 2h
// In Double with h = 1e-6 the truncation error (~h²) and rounding error (~1e-16/h) are both ≈ 1e-10, far below
// the 1e-4 we demand, so a failure means a wrong pullback, not noise. The error is measured per input as
// ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖), which is not fooled by gradients that are exactly zero.

typealias DT = Tensor<Double>

func randomTensor(_ shape: [Int], seed: UInt64, low: Double = -1, high: Double = 1) -> DT {
    var rng = SeededRNG(seed: seed, stream: 7)
    return DT(randomUniform: shape, low: low, high: high, rng: &rng)
}

/// The worst relative error over all inputs (also printed, for the record).
@discardableResult
func gradcheck(_ name: String, _ inputs: [DT], h: Double = 1e-6,
               _ f: @differentiable(reverse) ([DT]) -> DT) -> Double {
    let (y, pullback) = valueWithPullback(at: inputs, of: f)
    let w = randomTensor(y.shape, seed: 99, low: -1, high: 1)
    let analytic = pullback(w).base
    func objective(_ xs: [DT]) -> Double {
        let out = f(xs)
        return zip(out.scalars, w.scalars).reduce(0) { $0 + $1.0 * $1.1 }
    }
    var worst = 0.0
    for k in inputs.indices {
        var numeric = [Double]()
        for i in 0..<inputs[k].count {
            var plus = inputs, minus = inputs
            var sp = plus[k].scalars, sm = minus[k].scalars
            sp[i] += h; sm[i] -= h
            plus[k] = DT(shape: inputs[k].shape, scalars: sp)
            minus[k] = DT(shape: inputs[k].shape, scalars: sm)
            numeric.append((objective(plus) - objective(minus)) / (2 * h))
        }
        let a = k < analytic.count && !analytic[k].isSymbolicZero
            ? analytic[k].scalars : [Double](repeating: 0, count: numeric.count)
        precondition(a.count == numeric.count, "\(name): gradient of input \(k) has \(a.count) values, expected \(numeric.count)")
        let diff = zip(a, numeric).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        let scale = max(a.reduce(0) { $0 + $1 * $1 }.squareRoot(), numeric.reduce(0) { $0 + $1 * $1 }.squareRoot())
        worst = max(worst, scale == 0 ? diff : diff / scale)
    }
    print("gradcheck \(name): relative error \(worst)")
    return worst
}
