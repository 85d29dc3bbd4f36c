import Foundation
import LinearAlgebra

/// Uzal, Grinblat & Verdes's (2011) measure of how well an embedding *unfolds* the dynamics, after Casdagli et
/// al.'s (1991) noise amplification. Lower is better for all three numbers.
public struct NoiseAmplification: Sendable, Equatable {
    /// Mean conditional variance of the future among neighbours, E²: how far the futures of points that are
    /// close *now* spread apart over the next T_w steps. An embedding with folds puts points with different
    /// futures side by side, and E² grows. It is in the units of the observed series, so it compares
    /// representations of different scales directly.
    public let futureSpread: Double
    /// σ² = mean_i E²(i) / ε²(i): future spread per unit of neighbourhood size. A representation that squeezes
    /// distinct states close together (small ε²) amplifies any noise in them into large errors of the forecast.
    public let sigma2: Double
    /// L = log10(σ α), α² = 1 / Σ_i ε²(i)⁻¹: σ made independent of the representation's overall scale, so
    /// representations of different sizes can be ranked.
    public let L: Double

    public init(futureSpread: Double, sigma2: Double, L: Double) {
        self.futureSpread = futureSpread
        self.sigma2 = sigma2
        self.L = L
    }
}

/// Computes `NoiseAmplification` for the rows of `representation`.
///
/// - Parameters:
///   - futures: row i holds the observed value 1, 2, …, T_w steps after row i's time (T_w = `futures.cols`).
///   - k: neighbours per reference point (the neighbourhood U_i is the point and its k nearest others).
///   - origins, theilerWindow: as for `allNearestNeighbours` (temporal neighbours are not neighbours).
///
/// For each reference point i with neighbourhood U_i of k + 1 points:
///
///     E²(i) = mean_{T=1..T_w} (1/(k+1)) Σ_{j∈U_i} (f_{j,T} − f̄_{U_i,T})²
///     ε²(i) = (2/(k(k+1))) Σ_{j<j' in U_i} ‖v_j − v_j'‖²       (mean squared pairwise distance)
///
/// Paper 000's 2024 code used an approximation (different neighbour sets for the two terms, distances to the
/// reference point only); we use Uzal's definition, as the DelayEmbeddings.jl package does.
public func noiseAmplification(_ representation: Matrix<Double>, futures: Matrix<Double>, k: Int = 3,
                               origins: [RowOrigin]? = nil, theilerWindow w: Int = 0) -> NoiseAmplification {
    precondition(representation.rows == futures.rows, "noiseAmplification: one row of futures per point")
    precondition(k >= 1 && representation.rows > k + 1, "noiseAmplification: need more than k + 1 points")
    let neighbours = allNearestNeighbours(representation, k: k, origins: origins, theilerWindow: w)
    var ratioSum = 0.0, futureSum = 0.0, inverseEpsilonSum = 0.0, used = 0
    for i in 0..<representation.rows {
        let hood = [i] + neighbours[i]
        let epsilon2 = meanPairwiseSquaredDistance(representation, hood)
        guard epsilon2 > 0 else { continue }   // duplicated points carry no scale information
        let e2 = futureVariance(futures, hood)
        ratioSum += e2 / epsilon2
        futureSum += e2
        inverseEpsilonSum += 1 / epsilon2
        used += 1
    }
    precondition(used > 0, "noiseAmplification: every neighbourhood has zero size")
    let sigma2 = ratioSum / Double(used)
    let alpha2 = 1 / inverseEpsilonSum
    return NoiseAmplification(futureSpread: futureSum / Double(used), sigma2: sigma2, L: 0.5 * log10(sigma2 * alpha2))
}

func meanPairwiseSquaredDistance(_ points: Matrix<Double>, _ rows: [Int]) -> Double {
    var sum = 0.0, pairs = 0
    for a in rows.indices {
        for b in (a + 1)..<rows.count {
            sum += zip(points.row(rows[a]), points.row(rows[b])).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            pairs += 1
        }
    }
    return sum / Double(pairs)
}

func futureVariance(_ futures: Matrix<Double>, _ rows: [Int]) -> Double {
    var total = 0.0
    for t in 0..<futures.cols {
        let values = rows.map { futures[$0, t] }
        let centre = values.reduce(0, +) / Double(values.count)
        total += values.reduce(0) { $0 + ($1 - centre) * ($1 - centre) } / Double(values.count)
    }
    return total / Double(futures.cols)
}
