import Dynamics
import Exercises
import LinearAlgebra
import Testing

// Helpers shared by the exercise tests. An exercise's tests are the functions named `exerciseN_M…`; `make grade`
// runs each exercise's tests in a process of its own (docs/assignments.md).

/// Checks that `body` throws `ExerciseError.invalidInput` (the stub's `notImplemented` does not count).
func expectInvalidInput(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("\(what): expected ExerciseError.invalidInput, nothing was thrown", sourceLocation: sourceLocation)
    } catch ExerciseError.invalidInput {
        // as it should be
    } catch {
        Issue.record("\(what): expected ExerciseError.invalidInput, got \(error)", sourceLocation: sourceLocation)
    }
}

/// Lorenz-63 as chapter 1 observes it: `steps` values of x at dt = 0.01 after a burn-in, with noise of
/// `noise`·std(x), and the true y, z at every step.
func observedLorenz(steps: Int, noise: Double, seed: UInt64) -> (x: [Double], clean: [Double], hidden: Matrix<Double>) {
    var dataRNG = SeededRNG(seed: seed, stream: 1)
    let start = randomInitialConditions(box: [-15..<15, -20..<20, 5..<40], count: 1, rng: &dataRNG)[0]
    let trajectory = integrate(Lorenz63(), from: start, dt: 0.01, steps: steps, burnIn: 2_000)
    let x = observe(trajectory, coordinate: 0)
    var noiseRNG = SeededRNG(seed: seed, stream: 2)
    return (addNoise(x, std: noise * standardDeviation(x), rng: &noiseRNG), x, trajectory.selectingColumns([1, 2]))
}

/// The largest absolute difference between two equally long arrays (infinity if the lengths differ).
func maxDifference(_ a: [Double], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
