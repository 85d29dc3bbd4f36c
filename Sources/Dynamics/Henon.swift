import LinearAlgebra

/// A discrete-time system x_{n+1} = F(x_n): a map instead of a flow. There is no integrator; one step is
/// one application of F.
public protocol DiscreteMap: Sendable {
    var dimension: Int { get }
    var defaultInitialCondition: [Double] { get }
    /// Writes F(state) into `into` (which already has `dimension` elements).
    func step(_ state: [Double], into: inout [Double])
}

/// The Hénon map, x' = 1 − a x² + y, y' = b x, with a = 1.4, b = 0.3.
///
/// Its attractor has fractal dimension ≈ 1.26, and y_n = b x_{n−1}, so the delay vector (x_n, x_{n−1})
/// already *is* the state up to scaling: delay dimension 2 with τ = 1 is exact. That makes it the cleanest test
/// of a dimension estimator: false nearest neighbours must vanish at d = 2.
public struct HenonMap: DiscreteMap {
    public var a: Double
    public var b: Double

    public init(a: Double = 1.4, b: Double = 0.3) {
        self.a = a
        self.b = b
    }

    public var dimension: Int { 2 }
    public var defaultInitialCondition: [Double] { [0.1, 0.1] }

    @inlinable
    public func step(_ s: [Double], into next: inout [Double]) {
        next[0] = 1 - a * s[0] * s[0] + s[1]
        next[1] = b * s[0]
    }
}

/// Iterates a map: `burnIn` iterations are discarded, then `steps` states are recorded as the rows of a
/// (steps × dimension) matrix, the first row being the state after the burn-in.
public func iterate<M: DiscreteMap>(_ map: M, from initial: [Double]? = nil, steps: Int,
                                    burnIn: Int = 0) -> Matrix<Double> {
    let n = map.dimension
    var state = initial ?? map.defaultInitialCondition
    precondition(state.count == n, "iterate: initial state has \(state.count) entries, map has \(n)")
    precondition(steps >= 0 && burnIn >= 0, "iterate: negative step count")
    var next = [Double](repeating: 0, count: n)
    for _ in 0..<burnIn {
        map.step(state, into: &next)
        swap(&state, &next)
    }
    var out = Matrix<Double>(rows: steps, cols: n)
    for t in 0..<steps {
        for j in 0..<n { out.data[t * n + j] = state[j] }
        map.step(state, into: &next)
        swap(&state, &next)
    }
    return out
}
