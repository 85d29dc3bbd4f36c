import LinearAlgebra
import Numerics

// Principle 2: what a query can ignore is set by the zero set of φ.
//
// A query q ignores token j exactly when φ(q·h_ij) = 0. Can one query pick out a single token t among L keys in
// ℝⁿ (α ∝ e_t)? Take A = I, so h_ij = k_j, and ask for each φ:
//
//   linear  Z(φ) = {0}: every other key must satisfy q·k_j = 0 — L − 1 linear equations for n unknowns. With
//           L − 1 > n − 1 generic keys only q = 0 solves them. The least-squares residual min_q ‖K q − e_t‖ > 0
//           measures how far from one-hot the best query stays.
//   ReLU    Z(φ) = (−∞, 0]: the others need only q·k_j ≤ 0, a half-space, with q·k_t > 0. By Farkas' lemma that
//           fails exactly when k_t is a non-negative combination of the others; by Carathéodory's theorem it then
//           is one of some n of them — which a search over n-subsets can show.
//   exp     Z(φ) = ∅, but with η = Σ (softmax) and a large scale s, α(s q) → e_t whenever q·k_t > q·k_j for all
//           j ≠ t, i.e. whenever k_t is a vertex of the convex hull of the keys. It fails exactly when k_t is a
//           convex combination of the others, and then (Carathéodory) of some n + 1 of them.
//
// Both impossibility tests are exhaustive searches over small subsets (exact, not heuristic); a token that passes
// them gets an explicit selecting query from the perceptron, which must find one because it exists.

/// What one φ can do for one token.
public struct Selection: Sendable {
    /// Whether some query makes α one-hot on the token (for exp: in the limit of a large scale).
    public var selects: Bool
    /// A selecting query when `selects`; for the linear readout the least-squares best query (which does not select).
    public var query: [Double]?
    /// For the linear readout: min_q ‖K q − e_t‖ (1 would be "no better than q = 0").
    public var residual: Double?

    public init(selects: Bool, query: [Double]? = nil, residual: Double? = nil) {
        self.selects = selects
        self.query = query
        self.residual = residual
    }
}

/// Linear φ: the best query in least squares and its residual min_q ‖K q − e_t‖.
public func linearSelection(keys: Matrix<Double>, token t: Int) throws -> Selection {
    var target = Matrix<Double>(rows: keys.rows, cols: 1)
    target[t, 0] = 1
    let q = try leastSquares(keys, target).column(0)
    let fit = matmul(keys, Matrix(column: q)).column(0)
    let residual = zip(fit, target.column(0)).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
    return Selection(selects: residual < 1e-9, query: q, residual: residual)
}

/// ReLU φ: a query with q·k_t > 0 ≥ q·k_j (j ≠ t), or nil when k_t lies in the cone of the other keys.
public func reluSelection(keys: Matrix<Double>, token t: Int) -> Selection {
    let others = (0..<keys.rows).filter { $0 != t }.map { Array(keys.row($0)) }
    let kt = Array(keys.row(t))
    if combination(of: others, reaching: kt, size: keys.cols, affine: false) { return Selection(selects: false) }
    return Selection(selects: true, query: separatingDirection([kt] + others.map { $0.map { -$0 } }))
}

/// exp φ with η = Σ: a direction q with q·k_t > q·k_j (j ≠ t), or nil when k_t lies in the hull of the others.
public func softmaxSelection(keys: Matrix<Double>, token t: Int) -> Selection {
    let others = (0..<keys.rows).filter { $0 != t }.map { Array(keys.row($0)) }
    let kt = Array(keys.row(t))
    if combination(of: others, reaching: kt, size: keys.cols + 1, affine: true) { return Selection(selects: false) }
    return Selection(selects: true, query: separatingDirection(others.map { o in zip(kt, o).map { $0 - $1 } }))
}

/// Is `target` a non-negative (and, if `affine`, convex) combination of some `size` of the `points`? Exhaustive
/// over subsets; each subset is one small square solve (with the row Σ w = 1 added when affine, so `size` must
/// be n, or n + 1 when affine).
func combination(of points: [[Double]], reaching target: [Double], size: Int, affine: Bool) -> Bool {
    let n = target.count
    precondition(size == (affine ? n + 1 : n), "combination: square systems only")
    var subset = Array(0..<size)
    var a = [Double](repeating: 0, count: size * size), b = [Double](repeating: 0, count: size)
    while true {
        // Columns are the chosen points (plus a row of ones when affine); solve a w = b for the weights.
        for (c, index) in subset.enumerated() {
            for r in 0..<n { a[r * size + c] = points[index][r] }
            if affine { a[n * size + c] = 1 }
        }
        for r in 0..<n { b[r] = target[r] }
        if affine { b[n] = 1 }
        if let w = solveSquare(&a, &b, size), w.allSatisfy({ $0 >= -1e-12 }) { return true }
        // Next subset in lexicographic order.
        var i = size - 1
        while i >= 0 && subset[i] == points.count - size + i { i -= 1 }
        if i < 0 { return false }
        subset[i] += 1
        for j in (i + 1)..<size { subset[j] = subset[j - 1] + 1 }
    }
}

/// Gaussian elimination with partial pivoting on a (row-major, overwritten); nil if (nearly) singular.
func solveSquare(_ a: inout [Double], _ b: inout [Double], _ n: Int) -> [Double]? {
    for col in 0..<n {
        var pivot = col
        for r in (col + 1)..<n where abs(a[r * n + col]) > abs(a[pivot * n + col]) { pivot = r }
        guard abs(a[pivot * n + col]) > 1e-12 else { return nil }
        if pivot != col {
            for c in 0..<n { a.swapAt(col * n + c, pivot * n + c) }
            b.swapAt(col, pivot)
        }
        for r in (col + 1)..<n {
            let f = a[r * n + col] / a[col * n + col]
            if f == 0 { continue }
            for c in col..<n { a[r * n + c] -= f * a[col * n + c] }
            b[r] -= f * b[col]
        }
    }
    var x = [Double](repeating: 0, count: n)
    for r in stride(from: n - 1, through: 0, by: -1) {
        var s = b[r]
        for c in (r + 1)..<n { s -= a[r * n + c] * x[c] }
        x[r] = s / a[r * n + r]
    }
    return x
}

/// A q with q·v > 0 for every v (the normalised perceptron; it converges when such a q exists).
func separatingDirection(_ vectors: [[Double]], maxUpdates: Int = 1_000_000) -> [Double]? {
    let unit = vectors.map { v -> [Double] in
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }
    var q = [Double](repeating: 0, count: vectors.first?.count ?? 0)
    for _ in 0..<maxUpdates {
        guard let wrong = unit.first(where: { v in zip(q, v).reduce(0) { $0 + $1.0 * $1.1 } <= 0 }) else { return q }
        for c in q.indices { q[c] += wrong[c] }
    }
    return nil
}
