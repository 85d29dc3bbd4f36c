import LinearAlgebra

/// The inputs both models read: delay vectors of the standardised observation, and the value one step later.
///
/// A window at time t is (x(t), x(t−s), …, x(t−(D−1)s)): D coordinates spaced s steps apart, the chapter-1
/// delay vector with a short spacing so the model also sees the local slope.
struct Windows {
    let coordinates: Int     // D
    let spacing: Int         // s

    /// The first time with a full window.
    var firstTime: Int { (coordinates - 1) * spacing }

    /// The window ending at time t, read from `series` (which may hold predictions after some time).
    func window(at t: Int, in series: [Double]) -> [Double] {
        (0..<coordinates).map { series[t - $0 * spacing] }
    }

    /// Windows at times `times` (rows) and their next-step targets x(t+1).
    func dataset(_ series: [Double], times: Range<Int>) -> (inputs: Matrix<Double>, targets: Matrix<Double>) {
        var inputs = Matrix<Double>(rows: times.count, cols: coordinates)
        var targets = Matrix<Double>(rows: times.count, cols: 1)
        for (row, t) in times.enumerated() {
            for k in 0..<coordinates { inputs[row, k] = series[t - k * spacing] }
            targets[row, 0] = series[t + 1]
        }
        return (inputs, targets)
    }
}

/// Free-running forecasts: from each start time, predict one step, append the prediction to the history,
/// predict again from a window that now contains it, and so on for `horizon` steps. All starts advance together,
/// so a model is called once per step on a batch (one row per start).
func rollouts(from starts: [Int], horizon: Int, series: [Double], windows: Windows,
              predict: (Matrix<Double>) -> [Double]) -> Matrix<Double> {
    // Each rollout keeps only the values its windows can still reach: the last (D − 1)s + 1 of the true past.
    var histories = starts.map { Array(series[($0 - windows.firstTime)...$0]) }
    var out = Matrix<Double>(rows: starts.count, cols: horizon)
    for h in 0..<horizon {
        var batch = Matrix<Double>(rows: starts.count, cols: windows.coordinates)
        for i in starts.indices {
            let w = windows.window(at: histories[i].count - 1, in: histories[i])
            for k in 0..<windows.coordinates { batch[i, k] = w[k] }
        }
        let next = predict(batch)
        for i in starts.indices {
            histories[i].append(next[i])
            out[i, h] = next[i]
        }
    }
    return out
}

/// Precision conversions at the boundary: data and metrics in Double, training in Float.
func floats(_ m: Matrix<Double>) -> Matrix<Float> { Matrix(rows: m.rows, cols: m.cols, data: m.data.map(Float.init)) }
func doubles(_ m: Matrix<Float>) -> Matrix<Double> { Matrix(rows: m.rows, cols: m.cols, data: m.data.map(Double.init)) }
