import Foundation

/// The sample autocorrelation function ρ(k) for lags k = 0…maxLag:
///
///     ρ(k) = Σ_t (s_t − s̄)(s_{t+k} − s̄) / Σ_t (s_t − s̄)²,
///
/// the usual biased estimator (both sums over all available terms, same denominator), so ρ(0) = 1 and |ρ| ≤ 1.
///
/// Why it matters for embedding: if τ is too small, s(t) and s(t − τ) are nearly equal and the delay vectors
/// crowd along the diagonal; if τ is too large, chaos makes the coordinates unrelated. A classic compromise
/// picks τ where the *linear* dependence has decayed (see `firstZeroCrossing` and `firstDropBelow`).
public func autocorrelation(_ series: [Double], maxLag: Int) -> [Double] {
    let n = series.count
    guard n > 0 else { return [] }
    let mean = series.reduce(0, +) / Double(n)
    let centred = series.map { $0 - mean }
    let variance = centred.reduce(0) { $0 + $1 * $1 }
    let lags = Swift.min(maxLag, n - 1)
    guard variance > 0, lags >= 0 else { return [Double](repeating: 1, count: Swift.max(lags + 1, 0)) }
    return (0...lags).map { k in
        var sum = 0.0
        for t in 0..<(n - k) { sum += centred[t] * centred[t + k] }
        return sum / variance
    }
}

/// The first lag k ≥ 1 at which the ACF is ≤ 0 (the first zero crossing), or nil if it never crosses.
/// For a sine of period P this is ≈ P/4: s(t) and s(t − P/4) are then "orthogonal" like sin and cos.
public func firstZeroCrossing(_ acf: [Double]) -> Int? {
    acf.indices.dropFirst().first { acf[$0] <= 0 }
}

/// The first lag k ≥ 1 at which the ACF drops below `level` (default 1/e, a common alternative to the
/// zero crossing for series whose ACF decays without crossing zero), or nil.
public func firstDropBelow(_ acf: [Double], level: Double = exp(-1)) -> Int? {
    acf.indices.dropFirst().first { acf[$0] < level }
}
