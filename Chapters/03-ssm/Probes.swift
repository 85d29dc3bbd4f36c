import Dynamics
import LinearAlgebra

/// The two questions we ask of any representation (rows = time steps, aligned with `targets` = y, z):
/// can a nonlinear, parameter-free decoder (cross mapping, chapter 1) read the hidden state from it, and can a
/// linear probe (ridge, chapter 2)? Both fit on the first half of the rows and score on the second.
struct ProbeResult {
    let crossMapped: [Double]   // R² of y, z
    let linear: [Double]        // R² of y, z
}

func probe(_ features: Matrix<Double>, targets: Matrix<Double>) throws -> ProbeResult {
    // k = 4: the Lorenz attractor needs about three coordinates, and simplex uses one more neighbour.
    let crossMapped = try crossMap(features: features, targets: targets, trainFraction: 0.5, k: 4).r2
    let linear = try decodeR2(features: features, targets: targets, trainFraction: 0.5, lambda: 1e-6).perColumn
    return ProbeResult(crossMapped: crossMapped, linear: linear)
}

/// Rows `from` onwards of a [1, T, F] state tensor as a T × F matrix: the first rows are dropped because the
/// state starts at zero and needs a few memory lengths to forget that.
func stateMatrix(_ scalars: [Double], steps: Int, features: Int, from first: Int) -> Matrix<Double> {
    Matrix(rows: steps - first, cols: features, data: Array(scalars[(first * features)..<(steps * features)]))
}
