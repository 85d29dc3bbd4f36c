import Foundation
import LinearAlgebra

/// Simplex projection (Sugihara & May 1990): predict by looking up what happened to similar states.
///
/// Given a *library* of delay vectors with known targets (the value h steps later, or an unobserved
/// coordinate), the prediction for a new delay vector is a weighted average of the targets of its k nearest
/// library vectors. The default k = d + 1 is the number of vertices of the smallest simplex around a point in
/// d dimensions. Weights fall off exponentially with distance relative to the nearest one,
///
///     w_j = exp(−dist_j / dist_1),
///
/// so the closest neighbour always has weight 1/e·e = 1 and far neighbours count little. If the nearest distance
/// is zero (an exact match), only the exact matches are used.
///
/// There are no parameters to fit: the attractor itself, sampled by the library, is the model. If the
/// embedding is faithful, nearby delay vectors are nearby states and have similar futures, so the forecast is
/// good; a poor embedding (too small d) mixes states that only look alike and the forecast degrades.
public struct SimplexProjector {
    /// The library delay vectors, searched with a k-d tree.
    public let library: KDTree
    /// One row of targets per library vector.
    public let targets: Matrix<Double>
    /// Number of neighbours averaged.
    public let k: Int

    /// `times` are the library rows' time indices (for a Theiler window); `k` defaults to d + 1.
    public init(library: Matrix<Double>, times: [Int]? = nil, targets: Matrix<Double>, k: Int? = nil) {
        precondition(library.rows == targets.rows, "SimplexProjector: \(library.rows) vectors, \(targets.rows) targets")
        self.library = KDTree(library, times: times)
        self.targets = targets
        self.k = k ?? library.cols + 1
    }

    /// The weighted-average target for one query; `time` and `theilerWindow` exclude library rows close in time.
    public func predict(_ query: ArraySlice<Double>, time: Int? = nil, theilerWindow w: Int = 0) -> [Double] {
        let nn = library.neighbours(of: query, k: k, time: time, theilerWindow: w)
        let weights = simplexWeights(nn)
        let total = weights.reduce(0, +)
        var out = [Double](repeating: 0, count: targets.cols)
        for (n, wj) in zip(nn, weights) {
            for c in 0..<targets.cols { out[c] += wj * targets[n.index, c] / total }
        }
        return out
    }

    /// The same for a query given as an array.
    public func predict(_ query: [Double], time: Int? = nil, theilerWindow w: Int = 0) -> [Double] {
        predict(query[...], time: time, theilerWindow: w)
    }

    /// Predictions for every row of `queries`.
    public func predict(_ queries: Matrix<Double>, times: [Int]? = nil, theilerWindow w: Int = 0) -> Matrix<Double> {
        var out = Matrix<Double>(rows: queries.rows, cols: targets.cols)
        for i in 0..<queries.rows {
            let p = predict(queries.row(i), time: times?[i], theilerWindow: w)
            for c in 0..<targets.cols { out[i, c] = p[c] }
        }
        return out
    }
}

/// The simplex weights exp(−dist_j / dist_1) for neighbours sorted nearest first (see `SimplexProjector`).
public func simplexWeights(_ neighbours: [Neighbour]) -> [Double] {
    guard let nearest = neighbours.first?.distance else { return [] }
    if nearest == 0 { return neighbours.map { $0.distance == 0 ? 1 : 0 } }
    return neighbours.map { exp(-$0.distance / nearest) }
}

/// An h-step-ahead forecast of a series and what actually happened.
public struct Forecast: Sendable {
    /// The time t at which each forecast is made (it predicts s(t + horizon)).
    public let times: [Int]
    public let predicted: [Double]
    public let actual: [Double]
    public let horizon: Int
}

/// Forecasts s(t + h) from the delay vector at t by simplex projection.
///
/// The series is split in time at `splitTime = (d − 1)τ + trainFraction · (usable length)`: library vectors
/// are those whose *target* s(t + h) lies before the split, so nothing from the test period leaks into the
/// library; forecasts are made for every t ≥ splitTime with t + h inside the series.
public func simplexForecast(_ series: [Double], dimension d: Int, delay tau: Int, horizon h: Int,
                            trainFraction: Double = 0.5, k: Int? = nil) throws -> Forecast {
    guard h >= 1 else { throw DynamicsError.invalidArgument("forecast horizon h = \(h) must be ≥ 1") }
    guard trainFraction > 0 && trainFraction < 1 else {
        throw DynamicsError.invalidArgument("trainFraction = \(trainFraction) must be in (0, 1)")
    }
    let emb = try delayEmbed(series, dimension: d, delay: tau)
    let first = emb.window
    let splitTime = first + Int(trainFraction * Double(series.count - first))
    let libraryRows = emb.times.indices.filter { emb.times[$0] + h < splitTime }
    let testRows = emb.times.indices.filter { emb.times[$0] >= splitTime && emb.times[$0] + h < series.count }
    guard libraryRows.count > d + 1, !testRows.isEmpty else {
        throw DynamicsError.seriesTooShort(length: series.count, needed: first + 2 * (h + d + 2))
    }
    let projector = SimplexProjector(
        library: emb.vectors.selectingRows(libraryRows),
        targets: Matrix(column: libraryRows.map { series[emb.times[$0] + h] }),
        k: k)
    let predicted = projector.predict(emb.vectors.selectingRows(testRows)).data
    let times = testRows.map { emb.times[$0] }
    return Forecast(times: times, predicted: predicted, actual: times.map { series[$0 + h] }, horizon: h)
}
