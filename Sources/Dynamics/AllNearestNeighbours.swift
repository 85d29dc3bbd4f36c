import LinearAlgebra

/// Where each row of a pooled point set came from: which trajectory (`group`) and which step of it (`time`).
/// Embedding metrics pool many short trajectories; a neighbour from the *same* trajectory within a few steps is
/// close only because the trajectory moves continuously, so it is excluded (the Theiler window of chapter 1).
public struct RowOrigin: Equatable, Sendable {
    public let group: Int
    public let time: Int

    public init(group: Int, time: Int) {
        self.group = group
        self.time = time
    }

    /// Rows of `groups` trajectories of `length` steps each, stacked in order.
    public static func stacked(groups: Int, length: Int) -> [RowOrigin] {
        (0..<groups).flatMap { g in (0..<length).map { RowOrigin(group: g, time: $0) } }
    }
}

/// The k nearest other rows of every row, nearest first, by Euclidean distance.
///
/// The hidden states of a sequence model have tens to hundreds of coordinates, where a k-d tree degenerates into
/// a slow brute-force search. Here the squared distances of a block of rows to all rows come from one matrix
/// product, ‖a − b‖² = ‖a‖² + ‖b‖² − 2 a·b, which is what BLAS is fastest at. Rows whose origin is in the same
/// group within `theilerWindow` steps (the row itself included) are skipped; ties go to the lower index.
public func allNearestNeighbours(_ points: Matrix<Double>, k: Int, origins: [RowOrigin]? = nil,
                                 theilerWindow w: Int = 0) -> [[Int]] {
    let n = points.rows
    precondition(origins == nil || origins!.count == n, "allNearestNeighbours: one origin per row")
    let origin = origins ?? (0..<n).map { RowOrigin(group: 0, time: $0) }
    let norms = (0..<n).map { i in points.row(i).reduce(0) { $0 + $1 * $1 } }
    let blockSize = 256
    var result = [[Int]](repeating: [], count: n)
    for first in stride(from: 0, to: n, by: blockSize) {
        let rows = Array(first..<Swift.min(first + blockSize, n))
        let products = matmul(points.selectingRows(rows), transposed: false, points, transposed: true)   // rows × n
        var best = KNearest(k: k)
        for (r, i) in rows.enumerated() {
            best.reset()
            for j in 0..<n {
                if origin[j].group == origin[i].group && abs(origin[j].time - origin[i].time) <= w { continue }
                // Clamp: rounding can make the squared distance of near-duplicates slightly negative.
                let d2 = Swift.max(norms[i] + norms[j] - 2 * products[r, j], 0)
                if d2 <= best.worst { best.insert(d2, j) }
            }
            result[i] = best.index
        }
    }
    return result
}
