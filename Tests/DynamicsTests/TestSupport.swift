import Dynamics
import LinearAlgebra

/// The Lorenz-63 trajectory most tests share: dt = 0.01 (as in paper 000), 10 time units of burn-in to reach
/// the attractor, then `steps` samples.
func lorenzTrajectory(steps: Int = 5000) -> Matrix<Double> {
    integrate(Lorenz63(), dt: 0.01, steps: steps, burnIn: 1000)
}

func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
