import LinearAlgebra
import Numerics

// Principle 1, measured: how big must a recurrent state be?
//
// Linear φ: n·d_v + n scalars, forever. exp: no finite state — but exp truncated at degree P is a polynomial,
// whose lift (CoefficientSystem+Lift.swift) is linear on 1 + n + … + n^P coordinates. So a softmax head can be
// approximated by a recurrence, at the price of a state that grows geometrically with the accuracy wanted.

/// One truncation degree: its lifted state, how well it approximates softmax, and whether the lift is exact.
public struct TaylorLiftRow: Sendable {
    public var degree: Int
    /// Scalars the recurrent form keeps: n̂·d_v + n̂, with n̂ = 1 + n + … + n^P.
    public var stateScalars: Int
    /// ‖y_P − y_softmax‖/‖y_softmax‖: the truncation's error as an approximation of softmax attention.
    public var errorVersusSoftmax: Double
    /// ‖recurrent(lift) − materialised polynomial‖/‖…‖: the lift reproduces its polynomial to rounding.
    public var liftError: Double
}

/// For a softmax system (φ = exp, η = Σ), replace exp by its Taylor polynomial of each degree, run the lifted
/// system recurrently with a fixed-size state, and compare.
public func taylorLiftTable(_ softmax: CoefficientSystem<Double>, values: Matrix<Double>, degrees: [Int]) throws -> [TaylorLiftRow] {
    precondition(softmax.readout == .exponential, "taylorLiftTable: expects a softmax system")
    let exact = softmax(values)
    return try degrees.map { p in
        var truncated = softmax
        truncated.readout = .taylorExp(degree: p)
        let lifted = truncated.polynomialLift()
        let recurrent = try lifted.recurrent(values)
        let n = lifted.stateSize
        return TaylorLiftRow(degree: p, stateScalars: n * values.cols + n,
                             errorVersusSoftmax: relativeError(recurrent.outputs, exact),
                             liftError: relativeError(recurrent.outputs, truncated(values)))
    }
}
