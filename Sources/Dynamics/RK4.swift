import LinearAlgebra

/// Scratch space for one classical Runge–Kutta step, allocated once per trajectory and reused every step.
///
/// RK4 evaluates the vector field four times per step; the slopes k₁…k₄ and the trial state live here so the
/// integration loop never allocates.
public struct RK4Workspace {
    @usableFromInline var k1, k2, k3, k4, trial: [Double]

    public init(dimension: Int) {
        let zero = [Double](repeating: 0, count: dimension)
        (k1, k2, k3, k4, trial) = (zero, zero, zero, zero, zero)
    }
}

/// Advances `state` by one step of the classical fourth-order Runge–Kutta method:
///
///     k₁ = f(x),  k₂ = f(x + dt/2·k₁),  k₃ = f(x + dt/2·k₂),  k₄ = f(x + dt·k₃),
///     x ← x + dt/6 · (k₁ + 2k₂ + 2k₃ + k₄).
///
/// The local error is O(dt⁵), so the error after a fixed time T (T/dt steps) is O(dt⁴): halving dt divides
/// it by about 16. A fixed step (rather than an adaptive one) gives samples on a regular time grid, which is
/// exactly what a delay embedding needs.
@inlinable
public func rk4Step<S: DynamicalSystem>(_ system: S, state: inout [Double], dt: Double,
                                        workspace w: inout RK4Workspace) {
    let n = state.count
    system.derivative(state, into: &w.k1)
    for j in 0..<n { w.trial[j] = state[j] + 0.5 * dt * w.k1[j] }
    system.derivative(w.trial, into: &w.k2)
    for j in 0..<n { w.trial[j] = state[j] + 0.5 * dt * w.k2[j] }
    system.derivative(w.trial, into: &w.k3)
    for j in 0..<n { w.trial[j] = state[j] + dt * w.k3[j] }
    system.derivative(w.trial, into: &w.k4)
    for j in 0..<n { state[j] += dt / 6 * (w.k1[j] + 2 * w.k2[j] + 2 * w.k3[j] + w.k4[j]) }
}

/// Integrates `system` with fixed-step RK4 and returns the sampled trajectory as a (steps × dimension) matrix.
///
/// The first `burnIn` steps are integrated but discarded: they carry the state from the initial condition
/// onto the attractor (the transient), which is not the dynamics we want to embed. Row k is then the state at
/// time (burnIn + k)·dt; row 0 is the state right after the burn-in.
public func integrate<S: DynamicalSystem>(_ system: S, from initial: [Double]? = nil, dt: Double,
                                          steps: Int, burnIn: Int = 0) -> Matrix<Double> {
    let n = system.dimension
    var state = initial ?? system.defaultInitialCondition
    precondition(state.count == n, "integrate: initial state has \(state.count) entries, system has \(n)")
    precondition(steps >= 0 && burnIn >= 0, "integrate: negative step count")
    var workspace = RK4Workspace(dimension: n)
    for _ in 0..<burnIn { rk4Step(system, state: &state, dt: dt, workspace: &workspace) }
    var out = Matrix<Double>(rows: steps, cols: n)
    out.data.withUnsafeMutableBufferPointer { buffer in
        for t in 0..<steps {
            for j in 0..<n { buffer[t * n + j] = state[j] }
            rk4Step(system, state: &state, dt: dt, workspace: &workspace)
        }
    }
    return out
}
