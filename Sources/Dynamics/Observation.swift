import LinearAlgebra

/// The measurement s(t) = h(x(t)) for the simplest observation function h: one coordinate of the state.
///
/// This is the "partial observation" of the whole project: a sequence model sees only this column and must
/// rebuild the rest.
public func observe(_ trajectory: Matrix<Double>, coordinate: Int = 0) -> [Double] {
    precondition(coordinate >= 0 && coordinate < trajectory.cols,
                 "observe: coordinate \(coordinate) of a \(trajectory.cols)-dimensional trajectory")
    return trajectory.column(coordinate)
}

/// Adds independent Gaussian measurement noise ε ~ N(0, std²) to every value.
///
/// `std` is on the raw scale of the data (Lorenz x has std ≈ 7.9, so std = 0.05 is a tiny noise). Measurement
/// noise does not feed back into the dynamics; it only blurs what we see.
public func addNoise<G: RandomNumberGenerator>(_ series: [Double], std: Double, rng: inout G) -> [Double] {
    series.map { $0 + std * rng.normal() }
}

/// The same for every entry of a matrix (paper 000 adds noise to all three coordinates).
public func addNoise<G: RandomNumberGenerator>(_ m: Matrix<Double>, std: Double, rng: inout G) -> Matrix<Double> {
    Matrix(rows: m.rows, cols: m.cols, data: addNoise(m.data, std: std, rng: &rng))
}

/// A z-scoring s ↦ (s − mean)/std that remembers its mean and std so predictions can be mapped back.
public struct Standardization: Equatable, Sendable {
    public let mean: Double
    public let std: Double

    public init(mean: Double, std: Double) {
        self.mean = mean
        self.std = std
    }

    /// The mean and (population) standard deviation of `series`; a constant series gets std = 1 so the
    /// transformation stays invertible.
    public init(fitting series: [Double]) {
        let n = Double(Swift.max(series.count, 1))
        let mean = series.reduce(0, +) / n
        let variance = series.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        self.init(mean: mean, std: variance > 0 ? variance.squareRoot() : 1)
    }

    public func apply(_ series: [Double]) -> [Double] { series.map { ($0 - mean) / std } }
    public func invert(_ series: [Double]) -> [Double] { series.map { $0 * std + mean } }
}

/// Z-scores `series` and returns the transformation, so `transform.invert(values)` recovers the raw scale.
public func standardize(_ series: [Double]) -> (values: [Double], transform: Standardization) {
    let t = Standardization(fitting: series)
    return (t.apply(series), t)
}
