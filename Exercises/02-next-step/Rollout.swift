//: ## Exercise 2.2 · A free-running rollout
//:
//: A model trained with teacher forcing predicts x(t+1) from the window of *true* past values
//:
//:     w(t) = ( x(t), x(t−s), x(t−2s), …, x(t−(D−1)s) ).
//:
//: A **rollout** (section 4) runs it on its own output: predict one step, append the prediction to the history,
//: build the next window from the history that now contains it, predict again. Write it. `history` holds the true
//: past (at least (D−1)s + 1 values, the last one is "now"); return the `steps` predicted values in order. Call
//: `predict` once per step, with the window as an array of D numbers, most recent first.
//:
//: Throw `ExerciseError.invalidInput` if D < 1, s < 1, steps < 0, or the history is too short for one window.

extension Ch02 {
    /// `steps` values predicted by feeding `predict` its own outputs, starting from the true `history`.
    public static func rollout(history: [Double], steps: Int, coordinates d: Int, spacing s: Int,
                               predict: ([Double]) throws -> Double) throws -> [Double] {
        // BEGIN SOLUTION
        guard d >= 1, s >= 1, steps >= 0 else {
            throw ExerciseError.invalidInput("need D ≥ 1, s ≥ 1, steps ≥ 0 (got \(d), \(s), \(steps))")
        }
        guard history.count >= (d - 1) * s + 1 else {
            throw ExerciseError.invalidInput("a window needs \((d - 1) * s + 1) values of history, got \(history.count)")
        }
        var series = history
        var predictions: [Double] = []
        for _ in 0..<steps {
            let now = series.count - 1
            let next = try predict((0..<d).map { series[now - $0 * s] })
            series.append(next)
            predictions.append(next)
        }
        return predictions
        // END SOLUTION
    }
}
