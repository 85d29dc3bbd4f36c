import LinearAlgebra

// Scores for predictions. `actual` always comes first; all functions require equally long inputs.

/// Mean squared error (1/n) Σ (a_t − p_t)².
public func mse(actual: [Double], predicted: [Double]) -> Double {
    precondition(actual.count == predicted.count && !actual.isEmpty, "mse: inputs must be equally long and non-empty")
    return zip(actual, predicted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(actual.count)
}

/// Mean absolute error (1/n) Σ |a_t − p_t|.
public func meanAbsoluteError(actual: [Double], predicted: [Double]) -> Double {
    precondition(actual.count == predicted.count && !actual.isEmpty, "meanAbsoluteError: inputs must be equally long and non-empty")
    return zip(actual, predicted).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(actual.count)
}

/// The coefficient of determination R² = 1 − SS_res / SS_tot, with SS_res = Σ (a_t − p_t)² and
/// SS_tot = Σ (a_t − ā)².
///
/// R² = 1 is a perfect prediction; R² = 0 is what predicting the constant ā achieves; R² < 0 is worse than that.
/// It is *not* the squared correlation: a prediction that is perfectly correlated but offset or mis-scaled
/// still gets R² < 1. Returns 0 if the actual values are constant (nothing to explain).
public func r2(actual: [Double], predicted: [Double]) -> Double {
    precondition(actual.count == predicted.count && !actual.isEmpty, "r2: inputs must be equally long and non-empty")
    let mean = actual.reduce(0, +) / Double(actual.count)
    var ssRes = 0.0, ssTot = 0.0
    for (a, p) in zip(actual, predicted) {
        ssRes += (a - p) * (a - p)
        ssTot += (a - mean) * (a - mean)
    }
    return ssTot > 0 ? 1 - ssRes / ssTot : 0
}

/// R² of each column.
public func r2PerColumn(actual: Matrix<Double>, predicted: Matrix<Double>) -> [Double] {
    precondition(actual.rows == predicted.rows && actual.cols == predicted.cols, "r2PerColumn: shapes differ")
    return (0..<actual.cols).map { r2(actual: actual.column($0), predicted: predicted.column($0)) }
}

/// The average of the per-column R² (scikit-learn's "uniform_average", which paper 000 reports for (y, z)).
public func meanR2(actual: Matrix<Double>, predicted: Matrix<Double>) -> Double {
    let scores = r2PerColumn(actual: actual, predicted: predicted)
    return scores.reduce(0, +) / Double(Swift.max(scores.count, 1))
}

/// Pearson's correlation coefficient: the cosine between the centred series. Insensitive to offset and scale,
/// which is why simplex forecasting papers report it as "forecast skill" ρ. Returns 0 if either is constant.
public func pearson(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count && !a.isEmpty, "pearson: inputs must be equally long and non-empty")
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for (x, y) in zip(a, b) {
        sab += (x - ma) * (y - mb)
        saa += (x - ma) * (x - ma)
        sbb += (y - mb) * (y - mb)
    }
    return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : 0
}

/// The mean absolute error of the naive "repeat the last value" forecast at horizon h on `series`:
/// (1/(n − h)) Σ_{t} |s_{t+h} − s_t|.
public func naiveForecastMAE(_ series: [Double], horizon h: Int = 1) -> Double {
    precondition(h >= 1 && series.count > h, "naiveForecastMAE: need horizon ≥ 1 and more than h samples")
    var sum = 0.0
    for t in 0..<(series.count - h) { sum += abs(series[t + h] - series[t]) }
    return sum / Double(series.count - h)
}

/// Mean absolute scaled error (Hyndman & Koehler 2006):
///
///     MASE = mean_t |a_t − p_t|  /  naiveForecastMAE(scaleSeries, horizon: h).
///
/// The numerator is the forecast's mean absolute error; the denominator is the mean absolute error that the
/// naive forecast ŝ_{t+h} = s_t achieves on `scaleSeries` at the same horizon h. So MASE = 1 means "no better
/// than persistence", MASE = 0 is perfect, and MASE < 1 means the model beats persistence. Hyndman's original
/// uses the *training* series as `scaleSeries` (in-sample); paper 000 uses the evaluated (noisy) series itself,
/// i.e. passes the observed series whose values at t + h are `actual`.
public func mase(actual: [Double], predicted: [Double], scaleSeries: [Double], horizon h: Int = 1) -> Double {
    meanAbsoluteError(actual: actual, predicted: predicted) / naiveForecastMAE(scaleSeries, horizon: h)
}

/// How well ridge regression decodes `targets` from `features` on held-out data: the per-column R² and its mean.
///
/// The ridge read-out is fitted on the first `trainFraction` of the rows and scored on the rest. The split is
/// contiguous, never shuffled: neighbouring samples of a trajectory are almost copies of each other, and a
/// shuffled split would score memorisation. (Paper 000 used a random 80/20 split, so its numbers are
/// optimistic by comparison.)
public func decodeR2(features: Matrix<Double>, targets: Matrix<Double>, trainFraction: Double = 0.8,
                     lambda: Double = 1e-6) throws -> (perColumn: [Double], mean: Double) {
    let rec = try ridgeReconstruction(features: features, targets: targets, trainFraction: trainFraction, lambda: lambda)
    let scores = rec.r2
    return (scores, scores.reduce(0, +) / Double(Swift.max(scores.count, 1)))
}
