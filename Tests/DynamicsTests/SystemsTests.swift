import Foundation
import Testing
import Dynamics
import LinearAlgebra

/// ẍ = −x as a first-order system; its exact solution from (1, 0) is (cos t, −sin t).
struct HarmonicOscillator: DynamicalSystem {
    var dimension: Int { 2 }
    var defaultInitialCondition: [Double] { [1, 0] }
    func derivative(_ s: [Double], into d: inout [Double]) {
        d[0] = s[1]
        d[1] = -s[0]
    }
}

@Test("RK4's global error falls ≈16× when dt is halved (fourth order)")
func rk4IsFourthOrder() {
    let horizon = 10.0
    func error(dt: Double) -> Double {
        let steps = Int((horizon / dt).rounded())
        // One extra step so the last row is the state at exactly t = horizon.
        let end = integrate(HarmonicOscillator(), dt: dt, steps: steps + 1).row(steps)
        return hypot(end[end.startIndex] - cos(horizon), end[end.startIndex + 1] + sin(horizon))
    }
    let errors = [0.2, 0.1, 0.05].map(error(dt:))
    for (coarse, fine) in zip(errors, errors.dropFirst()) {
        let ratio = coarse / fine
        #expect(ratio > 12 && ratio < 20, "error ratio \(ratio) for halving dt; fourth order predicts 16")
    }
}

@Test("A Lorenz-63 trajectory stays on the bounded butterfly, with mean z ≈ 23.5")
func lorenzIsBoundedWithKnownMeanZ() {
    let trajectory = integrate(Lorenz63(), dt: 0.01, steps: 100_000, burnIn: 1000)   // 1000 time units
    let (x, y, z) = (trajectory.column(0), trajectory.column(1), trajectory.column(2))
    #expect(x.allSatisfy { abs($0) < 30 })
    #expect(y.allSatisfy { abs($0) < 30 })
    #expect(z.allSatisfy { $0 > 0 && $0 < 55 })
    #expect(abs(mean(z) - 23.5) < 1.5, "mean z = \(mean(z))")
    // Both lobes are visited: x changes sign many times.
    let switches = zip(x, x.dropFirst()).filter { $0.0.sign != $0.1.sign }.count
    #expect(switches > 100)
}

@Test("Rössler stays bounded and the Hénon map stays on its attractor")
func rosslerAndHenonAreBounded() {
    let r = integrate(Rossler(), dt: 0.01, steps: 20_000, burnIn: 5000)
    #expect(r.data.allSatisfy { abs($0) < 40 })
    let h = iterate(HenonMap(), steps: 5000, burnIn: 100)
    #expect(h.column(0).allSatisfy { abs($0) < 1.5 })
    #expect(h.column(1).allSatisfy { abs($0) < 0.45 })
    // y_n = b·x_{n−1}: the second coordinate is a delayed copy of the first.
    for n in 1..<h.rows { #expect(h[n, 1] == 0.3 * h[n - 1, 0]) }
}

@Test("integrate discards exactly the burn-in: the same run split in two gives the same states")
func burnInIsDiscarded() {
    let full = integrate(Lorenz63(), dt: 0.01, steps: 300)
    let tail = integrate(Lorenz63(), dt: 0.01, steps: 100, burnIn: 200)
    #expect(tail == full.selectingRows(200..<300))
}

@Test("Random initial conditions are seeded and lie on a ray through the default one (paper-000 style)")
func initialConditionsAreReproducible() {
    var a = SeededRNG(seed: 3, stream: 1), b = SeededRNG(seed: 3, stream: 1)
    let first = randomInitialConditions(Lorenz63(), count: 20, rng: &a)
    #expect(first == randomInitialConditions(Lorenz63(), count: 20, rng: &b))
    let base = Lorenz63().defaultInitialCondition
    for ic in first {
        let factor = ic[0] / base[0]
        #expect(factor >= 0 && factor < 5)
        for j in 0..<3 { #expect(abs(ic[j] - factor * base[j]) < 1e-12 * abs(base[j])) }
    }
    var c = SeededRNG(seed: 4)
    let runs = trajectories(Lorenz63(), count: 3, dt: 0.01, steps: 50, burnIn: 500, rng: &c)
    #expect(runs.count == 3 && runs.allSatisfy { $0.rows == 50 && $0.cols == 3 })
    #expect(runs[0] != runs[1])
}

@Test("Observation noise has the requested std; z-scoring is undone exactly")
func noiseAndStandardization() {
    var rng = SeededRNG(seed: 11)
    let clean = [Double](repeating: 5, count: 20_000)
    let noisy = addNoise(clean, std: 0.5, rng: &rng)
    let residual = zip(noisy, clean).map { $0 - $1 }
    let std = sqrt(mean(residual.map { $0 * $0 }))
    #expect(abs(mean(residual)) < 0.02 && abs(std - 0.5) < 0.02)

    let x = observe(lorenzTrajectory(steps: 1000), coordinate: 0)
    let (z, transform) = standardize(x)
    #expect(abs(mean(z)) < 1e-12 && abs(mean(z.map { $0 * $0 }) - 1) < 1e-12)
    #expect(zip(transform.invert(z), x).allSatisfy { abs($0 - $1) < 1e-12 })
}
