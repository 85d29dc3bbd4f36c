import Foundation

/// Average mutual information I(τ) between s(t) and s(t − τ), in nats, for τ = 0…maxLag (Fraser & Swinney 1986).
///
/// I(τ) = Σ_{a,b} p_ab log(p_ab / (p_a p_b)), estimated from a 2-D histogram with `bins` equal-width bins over
/// the range of the series (the same bins for both coordinates). Unlike the autocorrelation it measures
/// *nonlinear* dependence too, which is what matters for an embedding of a nonlinear system. Fraser and
/// Swinney's rule: choose τ at the **first local minimum** of I(τ) (`firstLocalMinimum`), where s(t − τ) adds
/// as much new information as possible while still being related to s(t).
///
/// The histogram estimate is biased upwards for small samples and many bins; 16–32 bins with a few thousand
/// samples is a reasonable range, and only the *position* of the minimum is used, which is far less sensitive
/// to the bias than the values.
public func averageMutualInformation(_ series: [Double], maxLag: Int, bins: Int = 16) -> [Double] {
    precondition(bins >= 2, "averageMutualInformation: need at least 2 bins")
    let n = series.count
    guard n > 1, let lo = series.min(), let hi = series.max(), hi > lo else {
        return [Double](repeating: 0, count: Swift.max(Swift.min(maxLag, n - 1) + 1, 0))
    }
    // Bin index of every sample, computed once.
    let width = (hi - lo) / Double(bins)
    let bin = series.map { Swift.min(Int(($0 - lo) / width), bins - 1) }
    var joint = [Double](repeating: 0, count: bins * bins)
    var pa = [Double](repeating: 0, count: bins), pb = pa
    return (0...Swift.min(maxLag, n - 1)).map { tau in
        for i in joint.indices { joint[i] = 0 }
        for i in 0..<bins { pa[i] = 0; pb[i] = 0 }
        let m = n - tau
        for t in tau..<n {
            let a = bin[t], b = bin[t - tau]
            joint[a * bins + b] += 1
            pa[a] += 1
            pb[b] += 1
        }
        var info = 0.0
        for a in 0..<bins where pa[a] > 0 {
            for b in 0..<bins where joint[a * bins + b] > 0 {
                let pab = joint[a * bins + b] / Double(m)
                info += pab * log(pab / (pa[a] / Double(m) * pb[b] / Double(m)))
            }
        }
        return info
    }
}

/// The first index k ≥ 1 with values[k] < values[k − 1] and values[k] ≤ values[k + 1] (first local minimum),
/// or nil if the curve only decreases or only increases.
public func firstLocalMinimum(_ values: [Double]) -> Int? {
    guard values.count >= 3 else { return nil }
    return (1..<(values.count - 1)).first { values[$0] < values[$0 - 1] && values[$0] <= values[$0 + 1] }
}
