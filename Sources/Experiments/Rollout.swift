import Dynamics
import Learning

/// Paper 000's multi-step test. A teacher-forced model maps a whole sequence x(0…T) to its one-step forecasts
/// x̂(1…T+1). Feeding that forecast back in as the next input sequence, h times, makes position t a forecast of
/// x(t + h) built from a history that is itself forecast: errors compound the way they would in a free run, but
/// every horizon costs one parallel pass instead of T sequential ones.
///
/// Returns the h-fold forecasts for every h in 1…`maxHorizon`; element h − 1 has the input's shape.
public func iteratedForecasts(_ model: (Tensor<Float>) -> Tensor<Float>, input: Tensor<Float>,
                              maxHorizon: Int) -> [Tensor<Float>] {
    var forecasts = [Tensor<Float>]()
    var x = input
    for _ in 0..<maxHorizon {
        x = model(x)
        forecasts.append(x)
    }
    return forecasts
}

/// MASE of h-step forecasts: `forecast` [B, T, 1] predicts `series`[b][t + h] at position t, for the positions
/// t ≥ `warm` whose target exists. The scale is the mean absolute error of the persistence forecast at the same
/// horizon on the same series, so MASE = 1 means "no better than holding the last observation for h steps".
public func forecastMASE(_ forecast: Tensor<Float>, series: [[Double]], horizon h: Int, warm: Int) -> Double {
    let (b, t) = (forecast.shape[0], forecast.shape[1])
    precondition(series.count == b, "forecastMASE: one series per sequence")
    return forecastMASE(positions: t, series: series, horizon: h, warm: warm) { i, p in Double(forecast.scalars[i * t + p]) }
}

/// The same score for forecasts given by a function of (sequence, position), e.g. rows of a matrix.
public func forecastMASE(positions t: Int, series: [[Double]], horizon h: Int, warm: Int,
                         forecast: (Int, Int) -> Double) -> Double {
    var actual = [Double](), predicted = [Double](), naive = [Double]()
    for i in series.indices {
        for p in warm..<t where p + h < series[i].count {
            actual.append(series[i][p + h])
            predicted.append(forecast(i, p))
            naive.append(series[i][p])
        }
    }
    return meanAbsoluteError(actual: actual, predicted: predicted) / meanAbsoluteError(actual: actual, predicted: naive)
}
