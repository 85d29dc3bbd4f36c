import LinearAlgebra

/// Linear (ridge) reconstruction of unobserved targets from any features: delay vectors, hidden states of a
/// sequence model, residual streams.
///
/// This is the question "is the hidden variable *linearly* present in these features?" A ridge read-out
/// ŷ = W·features + b is fitted on the first `trainFraction` of the rows and evaluated on the rest (contiguous
/// split, see `Reconstruction`). Features are used raw (not standardised), as in paper 000; `lambda` is the
/// ridge penalty in those units.
public func ridgeReconstruction(features: Matrix<Double>, targets: Matrix<Double>, trainFraction: Double = 0.8,
                                lambda: Double = 1e-6) throws -> Reconstruction {
    guard features.rows == targets.rows else {
        throw DynamicsError.invalidArgument("ridgeReconstruction: \(features.rows) feature rows, \(targets.rows) target rows")
    }
    let n = features.rows
    let nTrain = try trainCount(rows: n, trainFraction: trainFraction)
    let model = try ridge(features.selectingRows(0..<nTrain), targets.selectingRows(0..<nTrain), lambda: lambda)
    let test = nTrain..<n
    return Reconstruction(testRows: test, predicted: model.predict(features.selectingRows(test)),
                          actual: targets.selectingRows(test))
}

/// The features u_i and all products u_i·u_j (i ≤ j) of each row: d + d(d + 1)/2 columns.
///
/// A linear read-out of these is a quadratic function of the original features. That is enough for Lorenz z
/// from x-delays: z is even under x → −x, and the products x(t)·x(t − τ) carry exactly that even part, which
/// no linear function of the delays can.
public func quadraticFeatures(_ x: Matrix<Double>) -> Matrix<Double> {
    let d = x.cols
    let width = d + d * (d + 1) / 2
    var out = Matrix<Double>(rows: x.rows, cols: width)
    for r in 0..<x.rows {
        var c = 0
        for i in 0..<d { out[r, c] = x[r, i]; c += 1 }
        for i in 0..<d { for j in i..<d { out[r, c] = x[r, i] * x[r, j]; c += 1 } }
    }
    return out
}
