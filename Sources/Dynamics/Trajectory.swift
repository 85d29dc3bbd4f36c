import LinearAlgebra

/// Random initial conditions in the style of paper 000: the default initial condition times one random
/// scalar drawn uniformly from `scale` (default [0, 5)).
///
/// All such points lie on a ray through the origin, so they are *not* spread over the attractor; a burn-in
/// is what makes the resulting trajectories independent samples of it. Chaos does the rest: two starts that
/// differ slightly are decorrelated after a few Lyapunov times.
public func randomInitialConditions<S: DynamicalSystem, G: RandomNumberGenerator>(
    _ system: S, count: Int, scale: Range<Double> = 0..<5, rng: inout G
) -> [[Double]] {
    let base = system.defaultInitialCondition
    return (0..<count).map { _ in
        let factor = rng.uniform(scale.lowerBound, scale.upperBound)
        return base.map { $0 * factor }
    }
}

/// Random initial conditions drawn uniformly from a box, one interval per coordinate
/// (for example `[-20..<20, -25..<25, 5..<45]` around the Lorenz attractor).
public func randomInitialConditions<G: RandomNumberGenerator>(
    box: [Range<Double>], count: Int, rng: inout G
) -> [[Double]] {
    (0..<count).map { _ in box.map { rng.uniform($0.lowerBound, $0.upperBound) } }
}

/// Many independent trajectories of one system: `count` random initial conditions (paper-000 style), each
/// integrated for `burnIn + steps` RK4 steps with the burn-in discarded. Element i is a (steps × dimension)
/// matrix.
public func trajectories<S: DynamicalSystem, G: RandomNumberGenerator>(
    _ system: S, count: Int, dt: Double, steps: Int, burnIn: Int, rng: inout G
) -> [Matrix<Double>] {
    randomInitialConditions(system, count: count, rng: &rng).map {
        integrate(system, from: $0, dt: dt, steps: steps, burnIn: burnIn)
    }
}
