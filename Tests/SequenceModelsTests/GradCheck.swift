import Learning
import LinearAlgebra
import _Differentiation

// Gradient checking of whole layers in Double (the pattern of LearningTests/GradCheck.swift, per parameter).
//
// With a fixed random cotangent w shaped like the output, the pullback gives ∂⟨w, f(model, x)⟩ for every
// parameter tensor and for x; central differences (⟨w, f(p + h eᵢ)⟩ − ⟨w, f(p − h eᵢ)⟩)/2h give the same numbers
// to ~1e-10 in Double with h = 1e-6, so anything above 1e-4 is a wrong pullback. Errors are
// ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖) per tensor.

typealias DT = Tensor<Double>

func randomTensor(_ shape: [Int], seed: UInt64, low: Double = -1, high: Double = 1) -> DT {
    var rng = SeededRNG(seed: seed, stream: 7)
    return DT(randomUniform: shape, low: low, high: high, rng: &rng)
}

func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    let diff = zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    let scale = max(a.reduce(0) { $0 + $1 * $1 }.squareRoot(), b.reduce(0) { $0 + $1 * $1 }.squareRoot())
    return scale == 0 ? diff : diff / scale
}

/// The relative error of every parameter's gradient (by name) and of the input's ("input").
func gradcheck<M: Trainable>(_ model: M, _ x: DT, h: Double = 1e-6,
                             _ f: @differentiable(reverse) (M, DT) -> DT) -> [(name: String, error: Double)]
where M.Scalar == Double {
    let (y, pullback) = valueWithPullback(at: model, x, of: f)
    let w = randomTensor(y.shape, seed: 99)
    let (dModel, dx) = pullback(w)
    func objective(_ m: M, _ x: DT) -> Double { zip(f(m, x).scalars, w.scalars).reduce(0) { $0 + $1.0 * $1.1 } }

    /// Evaluates the objective with scalar i of parameter tensor k moved by δ.
    func shifted(_ k: Int, _ i: Int, _ delta: Double) -> Double {
        var m = model, index = 0
        m.visitParameters { _, tensor in
            if index == k { tensor.withUnsafeMutableBufferPointer { $0[i] += delta } }
            index += 1
        }
        return objective(m, x)
    }

    var results = [(name: String, error: Double)]()
    let analytic = dModel.namedParameters
    for (k, (name, tensor)) in model.namedParameters.enumerated() {
        let numeric = (0..<tensor.count).map { (shifted(k, $0, h) - shifted(k, $0, -h)) / (2 * h) }
        let a = analytic[k].tensor.isSymbolicZero ? [Double](repeating: 0, count: tensor.count) : analytic[k].tensor.scalars
        results.append((name, relativeError(a, numeric)))
    }
    var numericX = [Double]()
    for i in 0..<x.count {
        var plus = x.scalars, minus = x.scalars
        plus[i] += h; minus[i] -= h
        numericX.append((objective(model, DT(shape: x.shape, scalars: plus))
                         - objective(model, DT(shape: x.shape, scalars: minus))) / (2 * h))
    }
    results.append(("input", relativeError(dx.scalars, numericX)))
    return results
}
