import Dynamics
import LinearAlgebra

/// The two questions we ask of any representation (rows = time steps, aligned with `targets` = y, z):
/// can a nonlinear, parameter-free decoder (cross mapping, chapter 1) read the hidden state from it, and can a
/// linear probe (ridge, chapter 2)? Both fit on the first half of the rows and score on the second.
public struct ProbeResult: Sendable {
    /// R² of y and z by cross mapping.
    public let crossMapped: [Double]
    /// R² of y and z by a linear probe.
    public let linear: [Double]

    public init(crossMapped: [Double], linear: [Double]) {
        self.crossMapped = crossMapped
        self.linear = linear
    }

    /// What a failed probe reports, so a figure shows a gap rather than a chapter stopping.
    public static let failed = ProbeResult(crossMapped: [.nan, .nan], linear: [.nan, .nan])
}

public func probe(_ features: Matrix<Double>, targets: Matrix<Double>) throws -> ProbeResult {
    // k = 4: the Lorenz attractor needs about three coordinates, and simplex uses one more neighbour.
    let crossMapped = try crossMap(features: features, targets: targets, trainFraction: 0.5, k: 4).r2
    let linear = try decodeR2(features: features, targets: targets, trainFraction: 0.5, lambda: 1e-6).perColumn
    return ProbeResult(crossMapped: crossMapped, linear: linear)
}
