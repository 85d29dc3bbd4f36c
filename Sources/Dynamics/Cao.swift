import LinearAlgebra

/// Cao's (1997) dimension curves E1(d) and E2(d), which avoid the thresholds of false nearest neighbours.
///
/// For each delay vector y_i(d) let y_n(d) be its nearest neighbour in the **max-norm** (outside the Theiler
/// window). Cao measures how much the distance grows when the next delay coordinate is added:
///
///     a(i, d) = ‖y_i(d + 1) − y_n(d + 1)‖∞ / ‖y_i(d) − y_n(d)‖∞,    E(d) = mean_i a(i, d),
///     E1(d) = E(d + 1) / E(d).
///
/// While d is too small, false neighbours make E grow quickly with d and E1(d) < 1; once the attractor is
/// unfolded, E1(d) stops changing and stays near 1 (`caoDimension`). Because a random series also gives E1 → 1
/// for large d, Cao adds a second curve built from the new coordinate alone:
///
///     E*(d) = mean_i |s(t_i − dτ) − s(t_n − dτ)|,    E2(d) = E*(d + 1) / E*(d).
///
/// For a deterministic series near neighbours agree on the added coordinate, so E2 ≠ 1 for some d; for white
/// noise the added coordinate is independent of the neighbour relation and E2(d) ≈ 1 for every d.
///
/// Our embedding looks backwards, so the added coordinate is the *past* value s(t − dτ), where Cao adds the
/// future s(t + dτ): E2 compares the extra past coordinate, not the futures. The two conventions do not give the
/// same numbers. Lorenz contracts strongly along one direction forwards in time, which is a direction of
/// expansion backwards, so true neighbours drift apart faster in an added past coordinate than in an added
/// future one: backward delays report more false neighbours and can pick a larger d (false nearest neighbours
/// pick d = 4 here where forward delays, as in teaspoon, pick 3; chapter 1 says so).
///
/// All dimensions use the same times t ≥ (maxDimension + 1)τ. Points whose nearest neighbour coincides with
/// them (zero distance) are skipped, as the ratio would be undefined.
public struct CaoResult: Sendable {
    /// d = 1…maxDimension.
    public let dimensions: [Int]
    /// E1(d) for each entry of `dimensions`.
    public let e1: [Double]
    /// E2(d) for each entry of `dimensions`.
    public let e2: [Double]
    /// E(d) for d = 1…maxDimension + 1.
    public let e: [Double]
    /// E*(d) for d = 1…maxDimension + 1.
    public let eStar: [Double]
}

/// Computes Cao's E, E*, E1 and E2 for d = 1…maxDimension (see `CaoResult`).
public func caoDimensionCurves(_ series: [Double], maxDimension: Int, delay tau: Int,
                               theilerWindow w: Int = 0) throws -> CaoResult {
    guard maxDimension >= 1 else { throw DynamicsError.invalidDimension(maxDimension) }
    // E1(maxDimension) needs E(maxDimension + 1), which needs the coordinate after that.
    let full = try delayEmbed(series, dimension: maxDimension + 2, delay: tau)
    guard full.vectors.rows >= w + 2 else {
        throw DynamicsError.seriesTooShort(length: series.count, needed: (maxDimension + 1) * tau + w + 2)
    }
    let x = full.vectors
    var e = [Double](), eStar = [Double]()
    for d in 1...(maxDimension + 1) {
        let tree = KDTree(x.selectingColumns(Array(0..<d)), times: full.times, metric: .maximum)
        var sumA = 0.0, sumStar = 0.0, count = 0
        for (i, nn) in tree.allNeighbours(k: 1, theilerWindow: w).enumerated() {
            guard let n = nn.first, n.distance > 0 else { continue }
            let extra = abs(x[i, d] - x[n.index, d])
            sumA += Swift.max(n.distance, extra) / n.distance   // the max-norm in d + 1 dimensions
            sumStar += extra
            count += 1
        }
        e.append(sumA / Double(Swift.max(count, 1)))
        eStar.append(sumStar / Double(Swift.max(count, 1)))
    }
    let dims = Array(1...maxDimension)
    return CaoResult(dimensions: dims,
                     e1: dims.map { e[$0] / e[$0 - 1] },
                     e2: dims.map { eStar[$0] / eStar[$0 - 1] },
                     e: e, eStar: eStar)
}

/// Where E1 saturates: the smallest d with E1(d) ≥ `threshold` (default 0.9), or nil.
///
/// E1(d) ≈ 1 means that going from d to d + 1 coordinates no longer changes neighbour relations, so d
/// coordinates already unfold the attractor. (Cao phrases this as "E1 stops changing beyond d₀, so d₀ + 1 is the
/// minimum dimension"; the threshold form is the usual practical reading, and both agree to within one.)
public func caoDimension(_ result: CaoResult, threshold: Double = 0.9) -> Int? {
    result.e1.firstIndex { $0 >= threshold }.map { result.dimensions[$0] }
}
