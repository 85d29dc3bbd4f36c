import LinearAlgebra

/// The fraction of false nearest neighbours for embedding dimensions d = 1…maxDimension
/// (Kennel, Brown & Abarbanel 1992). Element d − 1 of the result belongs to dimension d.
///
/// **Idea.** If d is too small, the attractor is projected onto too few coordinates and folds onto itself:
/// points far apart on the attractor land close together. Such "false" neighbours separate as soon as the next
/// delay coordinate s(t − dτ) is added, while true neighbours stay close. So for every delay vector y_i(d) we
/// find its nearest neighbour y_n(d) (Euclidean, outside the Theiler window w) at distance R_d(i), and call the
/// pair false if either
///
/// 1. |s(t_i − dτ) − s(t_n − dτ)| / R_d(i) > rtol (the new coordinate stretches the distance a lot), or
/// 2. R_{d+1}(i) / R_A > atol, where R_A is the standard deviation of the series (the neighbour was not really
///    near to begin with — this catches noise, whose neighbours are all far in high dimension).
///
/// Kennel's values rtol ≈ 10–15 and atol ≈ 2 are the defaults. The fraction drops to ≈ 0 at the dimension that
/// unfolds the attractor (`fnnDimension`); for noise it never does.
///
/// All dimensions are evaluated on the same set of times t ≥ maxDimension·τ, so the curves are comparable.
/// Points whose nearest neighbour coincides with them (R_d = 0) cannot be judged and are skipped.
public func falseNearestNeighbours(_ series: [Double], maxDimension: Int, delay tau: Int,
                                   theilerWindow w: Int = 0, rtol: Double = 15,
                                   atol: Double = 2) throws -> [Double] {
    guard maxDimension >= 1 else { throw DynamicsError.invalidDimension(maxDimension) }
    // One extra column holds the coordinate s(t − dτ) that is added when going from d to d + 1.
    let full = try delayEmbed(series, dimension: maxDimension + 1, delay: tau)
    guard full.vectors.rows >= w + 2 else {
        throw DynamicsError.seriesTooShort(length: series.count, needed: maxDimension * tau + w + 2)
    }
    let rA = Standardization(fitting: series).std
    let x = full.vectors
    return (1...maxDimension).map { d in
        let tree = KDTree(x.selectingColumns(Array(0..<d)), times: full.times)
        var falseCount = 0, judged = 0
        for (i, nn) in tree.allNeighbours(k: 1, theilerWindow: w).enumerated() {
            guard let n = nn.first, n.distance > 0 else { continue }
            let rD = n.distance
            let extra = abs(x[i, d] - x[n.index, d])
            let rD1 = (rD * rD + extra * extra).squareRoot()
            judged += 1
            if extra / rD > rtol || rD1 / rA > atol { falseCount += 1 }
        }
        return judged > 0 ? Double(falseCount) / Double(judged) : 0
    }
}

/// The smallest dimension d whose false-neighbour fraction is below `threshold` (the fractions are indexed from
/// d = 1, as returned by `falseNearestNeighbours`), or nil if none is.
public func fnnDimension(_ fractions: [Double], threshold: Double = 0.01) -> Int? {
    fractions.firstIndex { $0 < threshold }.map { $0 + 1 }
}
