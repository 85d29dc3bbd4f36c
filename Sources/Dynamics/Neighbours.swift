import LinearAlgebra

/// How distance between two delay vectors is measured.
///
/// Euclidean is the everyday choice (Kennel's false nearest neighbours use it). The maximum norm
/// ‖u − v‖∞ = max_k |u_k − v_k| is what Cao's method uses: adding a coordinate can then only keep or increase a
/// distance, never shrink it, which makes ratios of distances in d and d + 1 dimensions easy to reason about.
public enum DistanceMetric: Sendable {
    case euclidean
    case maximum
}

/// One neighbour found by a search: its row in the searched matrix and its distance to the query.
public struct Neighbour: Equatable, Sendable {
    public let index: Int
    public let distance: Double

    public init(index: Int, distance: Double) {
        self.index = index
        self.distance = distance
    }
}

/// Anything that can answer "which k rows are closest to this point?". The k-d tree and the brute-force
/// reference both conform, so tests can demand they agree exactly.
///
/// **Theiler window.** Each row carries a time index. When `time` is given, every row j with
/// |times[j] − time| ≤ w is skipped. With w = 0 this just removes the query point itself; larger w also
/// removes its temporal neighbours, which are close in space only because the trajectory moves continuously.
/// Counting them as "neighbours" would make any embedding look good.
///
/// **Ties** are broken by row index, so results are ordered by (distance, index) and deterministic.
public protocol NeighbourSearch {
    var points: Matrix<Double> { get }
    var times: [Int] { get }
    var metric: DistanceMetric { get }
    /// The k nearest rows to `query` (fewer if fewer rows are allowed), nearest first.
    func neighbours(of query: ArraySlice<Double>, k: Int, time: Int?, theilerWindow: Int) -> [Neighbour]
}

extension NeighbourSearch {
    /// The k nearest rows to `query`, with no Theiler exclusion (an out-of-sample query).
    public func neighbours(of query: [Double], k: Int) -> [Neighbour] {
        neighbours(of: query[...], k: k, time: nil, theilerWindow: 0)
    }

    /// The k nearest *other* rows to row i: rows within w time steps of it (itself included) are excluded.
    public func neighbours(ofRow i: Int, k: Int, theilerWindow w: Int = 0) -> [Neighbour] {
        neighbours(of: points.row(i), k: k, time: times[i], theilerWindow: w)
    }

    /// `neighbours(ofRow:k:theilerWindow:)` for every row.
    public func allNeighbours(k: Int, theilerWindow w: Int = 0) -> [[Neighbour]] {
        (0..<points.rows).map { neighbours(ofRow: $0, k: k, theilerWindow: w) }
    }
}

/// The obviously correct O(N) per query search: look at every row. Used as the reference the k-d tree is
/// tested against, and fine on its own for a few thousand points.
public struct BruteForceNeighbours: NeighbourSearch {
    public let points: Matrix<Double>
    public let times: [Int]
    public let metric: DistanceMetric

    /// `times` defaults to the row numbers 0, 1, 2, …
    public init(_ points: Matrix<Double>, times: [Int]? = nil, metric: DistanceMetric = .euclidean) {
        precondition(times == nil || times!.count == points.rows, "BruteForceNeighbours: one time per row")
        self.points = points
        self.times = times ?? Array(0..<points.rows)
        self.metric = metric
    }

    public func neighbours(of query: ArraySlice<Double>, k: Int, time: Int?, theilerWindow w: Int) -> [Neighbour] {
        precondition(query.count == points.cols, "neighbours: query has \(query.count) entries, points have \(points.cols)")
        var best = KNearest(k: k)
        let d = points.cols
        query.withUnsafeBufferPointer { q in
            points.data.withUnsafeBufferPointer { p in
                for j in 0..<points.rows {
                    if let t = time, abs(times[j] - t) <= w { continue }
                    let r = reducedDistance(metric, q.baseAddress!, p.baseAddress! + j * d, d)
                    best.insert(r, j)
                }
            }
        }
        return best.result(metric)
    }
}

// MARK: - Shared internals

/// The distance before its final monotone transformation: squared for Euclidean (no square root in the
/// inner loop), the distance itself for the max-norm. Both searches call this one function, so equal points
/// give bit-identical distances and the two searches agree exactly.
@inline(__always)
func reducedDistance(_ metric: DistanceMetric, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                     _ d: Int) -> Double {
    var acc = 0.0
    switch metric {
    case .euclidean:
        for k in 0..<d { let e = a[k] - b[k]; acc += e * e }
    case .maximum:
        for k in 0..<d { acc = Swift.max(acc, abs(a[k] - b[k])) }
    }
    return acc
}

/// The reduced-distance lower bound contributed by one coordinate difference.
@inline(__always)
func reducedBound(_ metric: DistanceMetric, _ difference: Double) -> Double {
    metric == .euclidean ? difference * difference : abs(difference)
}

/// The k best candidates seen so far, kept sorted by (reduced distance, index). k is small (≤ ~20), so an
/// insertion into a sorted array beats a heap and makes the tie rule trivial to state.
struct KNearest {
    let k: Int
    private(set) var reduced: [Double] = []
    private(set) var index: [Int] = []

    init(k: Int) {
        self.k = Swift.max(k, 0)
        reduced.reserveCapacity(self.k)
        index.reserveCapacity(self.k)
    }

    var isFull: Bool { reduced.count >= k }

    /// The reduced distance a candidate must not exceed to matter (∞ until k candidates have been seen).
    var worst: Double { isFull ? (reduced.last ?? .infinity) : .infinity }

    mutating func reset() {
        reduced.removeAll(keepingCapacity: true)
        index.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    mutating func insert(_ r: Double, _ j: Int) {
        guard k > 0 else { return }
        if isFull {
            let lastR = reduced[k - 1], lastJ = index[k - 1]
            guard r < lastR || (r == lastR && j < lastJ) else { return }
            reduced.removeLast()
            index.removeLast()
        }
        var pos = reduced.count
        while pos > 0 && (reduced[pos - 1] > r || (reduced[pos - 1] == r && index[pos - 1] > j)) { pos -= 1 }
        reduced.insert(r, at: pos)
        index.insert(j, at: pos)
    }

    func result(_ metric: DistanceMetric) -> [Neighbour] {
        (0..<reduced.count).map {
            Neighbour(index: index[$0], distance: metric == .euclidean ? reduced[$0].squareRoot() : reduced[$0])
        }
    }
}
