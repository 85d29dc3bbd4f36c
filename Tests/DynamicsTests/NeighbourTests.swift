import Testing
import Dynamics
import LinearAlgebra

/// Random points; with `grid` they are rounded to a coarse grid, which creates many exact distance ties.
func randomPoints(_ n: Int, _ d: Int, seed: UInt64, grid: Bool = false) -> Matrix<Double> {
    var rng = SeededRNG(seed: seed)
    let values = (0..<(n * d)).map { _ in grid ? Double(Int(rng.uniform(0, 5))) : rng.normal() }
    return Matrix(rows: n, cols: d, data: values)
}

@Test("k-d tree k-NN equals brute force exactly (indices, order and distances)",
      arguments: [DistanceMetric.euclidean, .maximum])
func treeMatchesBruteForce(metric: DistanceMetric) {
    for (points, label) in [(randomPoints(600, 3, seed: 1), "gaussian"), (randomPoints(400, 2, seed: 2, grid: true), "grid ties")] {
        let tree = KDTree(points, metric: metric, leafSize: 4)
        let brute = BruteForceNeighbours(points, metric: metric)
        for k in [1, 4, 10] {
            for w in [0, 5] {
                let fast = tree.allNeighbours(k: k, theilerWindow: w)
                let slow = brute.allNeighbours(k: k, theilerWindow: w)
                let differing = (0..<points.rows).filter { fast[$0] != slow[$0] }
                #expect(differing.isEmpty, "\(label), \(metric), k = \(k), w = \(w): rows \(differing.prefix(5)) differ")
            }
        }
        // Out-of-sample queries (no Theiler exclusion): a point of the set finds itself at distance 0.
        let q = Array(points.row(17))
        #expect(tree.neighbours(of: q, k: 7) == brute.neighbours(of: q, k: 7))
        #expect(tree.neighbours(of: q, k: 1).first?.distance == 0)
    }
}

@Test("Results are sorted by (distance, index) and respect the Theiler window")
func neighbourOrderAndTheilerWindow() {
    let points = randomPoints(500, 3, seed: 3, grid: true)
    let times = (0..<500).map { 2 * $0 }               // time indices need not be row numbers
    let tree = KDTree(points, times: times)
    for i in [0, 123, 499] {
        let nn = tree.neighbours(ofRow: i, k: 12, theilerWindow: 10)
        #expect(nn.count == 12)
        for (a, b) in zip(nn, nn.dropFirst()) {
            #expect(a.distance < b.distance || (a.distance == b.distance && a.index < b.index))
        }
        #expect(nn.allSatisfy { abs(times[$0.index] - times[i]) > 10 })
    }
}

@Test("Asking for more neighbours than allowed returns all allowed rows")
func tooFewCandidates() {
    let points = randomPoints(20, 2, seed: 4)
    let tree = KDTree(points)
    #expect(tree.neighbours(ofRow: 10, k: 50, theilerWindow: 0).count == 19)
    #expect(tree.neighbours(ofRow: 10, k: 50, theilerWindow: 3).count == 13)
    #expect(tree.neighbours(ofRow: 10, k: 50, theilerWindow: 3) == BruteForceNeighbours(points).neighbours(ofRow: 10, k: 50, theilerWindow: 3))
}

@Test("Identical points and a single row do not break the tree")
func degenerateInputs() {
    let same = Matrix<Double>(rows: 30, cols: 2, repeating: 1.5)
    let nn = KDTree(same).neighbours(ofRow: 4, k: 3)
    #expect(nn == [Neighbour(index: 0, distance: 0), Neighbour(index: 1, distance: 0), Neighbour(index: 2, distance: 0)])
    #expect(KDTree(Matrix(rows: 1, cols: 3, repeating: 0)).neighbours(ofRow: 0, k: 2).isEmpty)
}
