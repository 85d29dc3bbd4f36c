import Foundation
import Dynamics
import LinearAlgebra

/// Times the k-d tree on Lorenz delay vectors (d = 3, τ = 10, dt = 0.01): build plus a k = 10 query of every
/// point (Theiler window 10), for growing N, and brute force for the smaller N.
///
/// The column `ns/(N log2 N)` should stay roughly flat if build + all queries scale as O(N log N); for brute
/// force, `ns/N²` is the flat one instead.
func runKDTreeBench(quick: Bool) -> [(name: String, value: String)] {
    let sizes = quick ? [2_000, 8_000] : [2_000, 8_000, 32_000]
    let bruteSizes = Set(quick ? [2_000] : [2_000, 8_000])
    let k = 10, w = 10
    let series = observe(integrate(Lorenz63(), dt: 0.01, steps: sizes.max()! + 20, burnIn: 1000))
    var rows = [(name: String, value: String)]()

    func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
    func fmt(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

    var checksum = 0   // uses the results, so the optimiser cannot drop the queries
    for n in sizes {
        guard let embedding = try? delayEmbed(Array(series.prefix(n + 20)), dimension: 3, delay: 10) else { continue }
        let points = embedding.vectors.selectingRows(0..<n)
        let clock = ContinuousClock()
        let start = clock.now
        let tree = KDTree(points)
        let built = clock.now
        let found = tree.allNeighbours(k: k, theilerWindow: w)
        let end = clock.now
        checksum &+= found.reduce(0) { $0 &+ ($1.first?.index ?? 0) }
        let total = seconds(end - start)
        rows.append((name: "kdtree N=\(n) build s", value: fmt(seconds(built - start), 4)))
        rows.append((name: "kdtree N=\(n) build+query s", value: fmt(total, 4)))
        rows.append((name: "kdtree N=\(n) ns/(N log2 N)", value: fmt(total * 1e9 / (Double(n) * log2(Double(n))), 1)))
        if bruteSizes.contains(n) {
            let brute = BruteForceNeighbours(points)
            let t0 = clock.now
            let slow = brute.allNeighbours(k: k, theilerWindow: w)
            let bruteTime = seconds(clock.now - t0)
            rows.append((name: "brute N=\(n) query s", value: fmt(bruteTime, 4)))
            rows.append((name: "brute N=\(n) ns/N^2", value: fmt(bruteTime * 1e9 / (Double(n) * Double(n)), 2)))
            rows.append((name: "brute N=\(n) equals tree", value: slow == found ? "yes" : "NO"))
        }
    }
    rows.append((name: "kdtree checksum", value: "\(checksum)"))
    return rows
}
