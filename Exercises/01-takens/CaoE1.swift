//: ## Exercise 1.2 · Cao's E1
//:
//: Section 4 chose the dimension d with false nearest neighbours and with Cao's E1, which needs no threshold.
//: Implement E1 yourself. For each delay vector y_i(d) let y_n(d) be its nearest neighbour in the **max-norm**
//: ‖u − v‖∞ = max_k |u_k − v_k|. Cao measures how much that distance grows when the next coordinate is added,
//:
//:     a(i, d) = ‖y_i(d+1) − y_n(d+1)‖∞ / ‖y_i(d) − y_n(d)‖∞,      E(d) = mean over i of a(i, d),
//:
//: and E1(d) = E(d+1) / E(d), which stops changing (and approaches 1) once d coordinates unfold the attractor.
//:
//: Follow this protocol exactly, so your numbers can be checked against the library's `caoDimensionCurves`:
//:
//: * use the same points for every d: the delay vectors with maxDimension + 2 coordinates (so t ≥ (maxDimension+1)τ);
//:   y_i(d) is the first d coordinates of point i;
//: * the neighbour n of i (for each d separately) is the other point with the smallest max-norm distance in the first
//:   d coordinates; on a tie, the one with the smaller index;
//: * in d + 1 coordinates the distance is max(‖y_i(d) − y_n(d)‖∞, |coordinate d of i − coordinate d of n|): the
//:   max-norm can only grow when a coordinate is added;
//: * skip points whose neighbour is at distance 0 (the ratio is undefined); E(d) averages over the rest;
//: * return E1(1), …, E1(maxDimension), which needs E(1), …, E(maxDimension + 1).
//:
//: A plain double loop over all pairs is fast enough here (a thousand points). Throw `ExerciseError.invalidInput`
//: when maxDimension < 1, τ < 1, or the series is too short for two points.

extension Ch01 {
    /// Cao's E1(d) for d = 1…maxDimension (see the text above for the exact protocol).
    public static func caoE1(_ series: [Double], maxDimension: Int, delay tau: Int) throws -> [Double] {
        // BEGIN SOLUTION
        guard maxDimension >= 1, tau >= 1 else {
            throw ExerciseError.invalidInput("need maxDimension ≥ 1 and τ ≥ 1 (got \(maxDimension), \(tau))")
        }
        let width = maxDimension + 2
        let first = (width - 1) * tau
        guard series.count >= first + 2 else {
            throw ExerciseError.invalidInput("a series of \(series.count) values is too short for d = \(width), τ = \(tau)")
        }
        let points = (first..<series.count).map { t in (0..<width).map { series[t - $0 * tau] } }
        var e: [Double] = []
        for d in 1...(maxDimension + 1) {
            var sum = 0.0, count = 0
            for i in points.indices {
                var best = Double.infinity, neighbour = -1
                for j in points.indices where j != i {
                    var distance = 0.0
                    for k in 0..<d { distance = max(distance, abs(points[i][k] - points[j][k])) }
                    if distance < best { best = distance; neighbour = j }
                }
                guard neighbour >= 0, best > 0 else { continue }
                sum += max(best, abs(points[i][d] - points[neighbour][d])) / best
                count += 1
            }
            e.append(sum / Double(max(count, 1)))
        }
        return (1...maxDimension).map { e[$0] / e[$0 - 1] }
        // END SOLUTION
    }
}
