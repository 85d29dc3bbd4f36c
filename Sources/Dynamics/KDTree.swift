import LinearAlgebra

/// A k-d tree over the rows of a matrix, for fast k-nearest-neighbour queries in delay space.
///
/// Every embedding diagnostic in this module (false nearest neighbours, Cao's method, simplex projection,
/// cross mapping) asks "which delay vectors are closest to this one?" for every vector. Brute force costs
/// O(N) per query and O(N²) in total; a k-d tree costs O(N log N) to build and about O(log N) per query in
/// low dimension, which turns minutes into milliseconds at N = 10⁵.
///
/// **Build.** Each node splits its points at the median of the coordinate with the largest spread, so the
/// tree is balanced (depth ≈ log₂(N / leafSize)). Points are stored contiguously in tree order, so a leaf is a
/// short, cache-friendly scan.
///
/// **Query.** Descend to the leaf containing the query, then back up, visiting the far side of a split only if
/// the splitting plane is closer than the current k-th best distance. A subtree is skipped only when its lower
/// bound is *strictly* larger than the k-th best, so a tie with a smaller row index is never missed and the
/// result equals `BruteForceNeighbours` exactly (same order, same distances).
public struct KDTree: NeighbourSearch {
    public let points: Matrix<Double>
    public let times: [Int]
    public let metric: DistanceMetric
    /// Maximum number of points in a leaf.
    public let leafSize: Int

    /// Row indices in tree order; a node owns the contiguous range `start[node]..<end[node]`.
    private let order: [Int]
    /// The points copied in tree order (row-major), so a leaf scan reads contiguous memory.
    private let ordered: [Double]
    /// Per node: split coordinate (−1 for a leaf), split value, children, and range in `order`.
    private let splitDim: [Int]
    private let splitValue: [Double]
    private let left: [Int]
    private let right: [Int]
    private let start: [Int]
    private let end: [Int]

    /// Builds the tree in O(N log N) (median selection is linear per level). `times` defaults to 0, 1, 2, …
    public init(_ points: Matrix<Double>, times: [Int]? = nil, metric: DistanceMetric = .euclidean,
                leafSize: Int = 8) {
        precondition(times == nil || times!.count == points.rows, "KDTree: one time per row")
        precondition(leafSize >= 1, "KDTree: leafSize must be ≥ 1")
        self.points = points
        self.times = times ?? Array(0..<points.rows)
        self.metric = metric
        self.leafSize = leafSize

        let n = points.rows, d = points.cols
        var order = Array(0..<n)
        var splitDim = [Int](), splitValue = [Double](), left = [Int](), right = [Int]()
        var start = [Int](), end = [Int]()

        func newNode(_ lo: Int, _ hi: Int) -> Int {
            splitDim.append(-1); splitValue.append(0); left.append(-1); right.append(-1)
            start.append(lo); end.append(hi)
            return start.count - 1
        }

        points.data.withUnsafeBufferPointer { p in
            var pending = [newNode(0, n)]          // explicit stack instead of recursion
            while let node = pending.popLast() {
                let lo = start[node], hi = end[node]
                guard hi - lo > leafSize, d > 0 else { continue }
                // Split on the coordinate with the largest spread.
                var bestDim = 0, bestSpread = -1.0
                for k in 0..<d {
                    var mn = Double.infinity, mx = -Double.infinity
                    for i in lo..<hi { let v = p[order[i] * d + k]; mn = Swift.min(mn, v); mx = Swift.max(mx, v) }
                    if mx - mn > bestSpread { bestSpread = mx - mn; bestDim = k }
                }
                guard bestSpread > 0 else { continue }   // all points identical: keep as one leaf
                let mid = lo + (hi - lo) / 2
                selectNth(&order, lo, hi, mid) { p[$0 * d + bestDim] }
                // Now [lo, mid) ≤ split ≤ [mid, hi) in coordinate bestDim.
                splitDim[node] = bestDim
                splitValue[node] = p[order[mid] * d + bestDim]
                let l = newNode(lo, mid), r = newNode(mid, hi)
                left[node] = l
                right[node] = r
                pending.append(r)
                pending.append(l)
            }
        }
        var ordered = [Double](repeating: 0, count: n * d)
        for (pos, i) in order.enumerated() { for k in 0..<d { ordered[pos * d + k] = points.data[i * d + k] } }
        (self.order, self.ordered) = (order, ordered)
        (self.splitDim, self.splitValue, self.left, self.right, self.start, self.end) =
            (splitDim, splitValue, left, right, start, end)
    }

    public func neighbours(of query: ArraySlice<Double>, k: Int, time: Int?, theilerWindow w: Int) -> [Neighbour] {
        precondition(query.count == points.cols, "neighbours: query has \(query.count) entries, points have \(points.cols)")
        var best = KNearest(k: k)
        var stack = [(node: Int, bound: Double)]()
        query.withUnsafeBufferPointer { q in
            search(q.baseAddress!, time: time, theilerWindow: w, into: &best, stack: &stack)
        }
        return best.result(metric)
    }

    /// `allNeighbours` reusing one candidate list and one stack for every query.
    public func allNeighbours(k: Int, theilerWindow w: Int = 0) -> [[Neighbour]] {
        var best = KNearest(k: k)
        var stack = [(node: Int, bound: Double)]()
        let d = points.cols
        var out = [[Neighbour]]()
        out.reserveCapacity(points.rows)
        points.data.withUnsafeBufferPointer { p in
            for i in 0..<points.rows {
                best.reset()
                search(p.baseAddress! + i * d, time: times[i], theilerWindow: w, into: &best, stack: &stack)
                out.append(best.result(metric))
            }
        }
        return out
    }

    /// Depth-first branch and bound with an explicit stack of (node, lower bound on reduced distance).
    private func search(_ q: UnsafePointer<Double>, time: Int?, theilerWindow w: Int,
                        into best: inout KNearest, stack: inout [(node: Int, bound: Double)]) {
        guard !start.isEmpty, best.k > 0 else { return }
        let d = points.cols
        stack.removeAll(keepingCapacity: true)
        stack.append((0, 0))
        ordered.withUnsafeBufferPointer { pts in
            while let (node, bound) = stack.popLast() {
                if bound > best.worst { continue }
                let dim = splitDim[node]
                if dim < 0 {
                    for pos in start[node]..<end[node] {
                        let j = order[pos]
                        if let t = time, abs(times[j] - t) <= w { continue }
                        best.insert(reducedDistance(metric, q, pts.baseAddress! + pos * d, d), j)
                    }
                    continue
                }
                let diff = q[dim] - splitValue[node]
                let (near, far) = diff <= 0 ? (left[node], right[node]) : (right[node], left[node])
                // Far side first on the stack, so the near side is explored first and tightens `worst`.
                stack.append((far, Swift.max(bound, reducedBound(metric, diff))))
                stack.append((near, bound))
            }
        }
    }
}

/// Rearranges `a[lo..<hi]` so that a[n] holds the element that would be there after sorting by `key`, with no
/// larger keys before it and no smaller keys after it (Hoare's selection with a three-way partition, so runs of
/// equal keys cost linear time). Iterative and deterministic.
private func selectNth(_ a: inout [Int], _ lo: Int, _ hi: Int, _ n: Int, key: (Int) -> Double) {
    var lo = lo, hi = hi
    while hi - lo > 1 {
        // Median of three as pivot.
        let x = key(a[lo]), y = key(a[(lo + hi) / 2]), z = key(a[hi - 1])
        let pivot = Swift.max(Swift.min(x, y), Swift.min(Swift.max(x, y), z))
        // Dutch national flag: [lo, lt) < pivot, [lt, i) == pivot, [gt, hi) > pivot.
        var lt = lo, i = lo, gt = hi
        while i < gt {
            let v = key(a[i])
            if v < pivot { a.swapAt(lt, i); lt += 1; i += 1 }
            else if v > pivot { gt -= 1; a.swapAt(i, gt) }
            else { i += 1 }
        }
        if n < lt { hi = lt } else if n >= gt { lo = gt } else { return }
    }
}
