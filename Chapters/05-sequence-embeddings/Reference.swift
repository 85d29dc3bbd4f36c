import Dynamics
import Experiments
import LinearAlgebra

/// Chapter 1's explicit delay embedding of the same observations, scored by the same metrics: the line every
/// learned representation is measured against.
struct DelayReference {
    let dimension: Int
    let delay: Int
    let scores: EmbeddingScores
    /// Simplex-projection forecasts from the delay vectors (direct, not iterated), h = 1, 7, 14.
    let mase: [Double]
    let vectors: Matrix<Double>
}

/// The delay τ at the first minimum of the average mutual information of x (chapter 1), capped so that the
/// m-dimensional delay vector fits into the `warm` steps every sequence has before scoring starts.
func referenceDelay(_ data: Dataset, dimension m: Int, warm: Int) -> Int {
    let series = data.training.observed.prefix(40).flatMap { data.metricScale.apply($0) }
    let tau = firstLocalMinimum(averageMutualInformation(series, maxLag: 40)) ?? 17
    return Swift.min(tau, warm / (m - 1))
}

/// Delay vectors (x_t, x_{t−τ}, …, x_{t−(m−1)τ}) of the standardised observations at positions `from…L−2`.
func delayVectors(_ ensemble: LorenzEnsemble, _ indices: [Int], scale: Standardization, dimension m: Int, delay tau: Int,
                  from first: Int, horizon h: Int = 1) -> (vectors: Matrix<Double>, targets: [Double]) {
    var rows = [[Double]](), targets = [Double]()
    for i in indices {
        let x = scale.apply(ensemble.observed[i])
        for t in first..<(ensemble.length - 1) {
            rows.append((0..<m).map { x[t - $0 * tau] })
            targets.append(t + h < x.count ? x[t + h] : .nan)
        }
    }
    return (Matrix(rowArrays: rows), targets)
}

func delayReference(_ data: Dataset, settings: Settings, dimension m: Int = 4) throws -> DelayReference {
    let tau = referenceDelay(data, dimension: m, warm: settings.warm)
    let window = (m - 1) * tau
    let heldOut = delayVectors(data.heldOut, data.heldOutIndices, scale: data.metricScale, dimension: m, delay: tau, from: settings.warm)
    let scores = try data.probe.score(heldOut.vectors, nonlinear: true)
    let series = data.heldOut.observed.map { data.metricScale.apply($0) }   // the units the reference works in
    let mase = Evaluation.horizons.map { h -> Double in
        let library = delayVectors(data.training, Array(0..<data.training.count), scale: data.metricScale, dimension: m,
                                   delay: tau, from: window, horizon: h)
        let usable = library.targets.indices.filter { library.targets[$0].isFinite }
        let projector = SimplexProjector(library: library.vectors.selectingRows(usable),
                                         targets: Matrix(column: usable.map { library.targets[$0] }))
        let predicted = projector.predict(heldOut.vectors)
        // Rows of `predicted` are positions warm…L−2 of each held-out trajectory, stacked.
        let positions = data.heldOut.length - 1 - settings.warm
        return forecastMASE(positions: data.heldOut.length - 1, series: series, horizon: h, warm: settings.warm) { g, p in
            predicted[g * positions + p - settings.warm, 0]
        }
    }
    return DelayReference(dimension: m, delay: tau, scores: scores, mase: mase, vectors: heldOut.vectors)
}
