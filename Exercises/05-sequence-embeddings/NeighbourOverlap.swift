//: ## Exercise 5.1 · Neighbour overlap (2 points)
//:
//: Section 3 scores a hidden state by how many of the true neighbours it keeps. An embedding is a smooth,
//: one-to-one image of the attractor, so points that are close on the attractor stay close in the representation,
//: and points that are close in the representation were close on the attractor. For n points (row i of `truth` is
//: the true state (x, y, z) at one time, row i of `representation` the model's hidden state at the same time) let
//: N_true(i) be the k nearest *other* rows of `truth` to row i, and N_rep(i) the k nearest other rows of
//: `representation`, both by Euclidean distance. Then
//:
//:     overlap = (1/n) Σ_i |N_true(i) ∩ N_rep(i)| / k.
//:
//: The point itself never counts (paper 000's code counts it, which adds 1/k to every score). 1 means every
//: neighbourhood survived; unrelated point sets score about k/(n − 1), chance. Ties do not occur in the tests' data.
//: A double loop over all pairs is fast enough for the few hundred points of the tests. (The chapter also leaves
//: out neighbours from the same trajectory within 10 steps — the Theiler window of chapter 1 — which we skip here.)
//:
//: Throw `ExerciseError.invalidInput` when the two sets have different numbers of rows, when a set's rows differ
//: in length, or unless 1 ≤ k < n. (`neighbourOverlap` in `Sources/Dynamics/NeighbourOverlap.swift` is the
//: library's version; calling it is off limits.)

extension Ch05 {
    /// The fraction of each point's k nearest neighbours in `truth` that are also among its k nearest in `representation`.
    public static func neighbourOverlap(truth: [[Double]], representation: [[Double]], k: Int) throws -> Double {
        // BEGIN SOLUTION
        let n = truth.count
        guard representation.count == n else {
            throw ExerciseError.invalidInput("\(n) true states but \(representation.count) representations")
        }
        guard k >= 1, k < n else { throw ExerciseError.invalidInput("need 1 ≤ k < n (got k = \(k), n = \(n))") }
        for set in [truth, representation] where set.contains(where: { $0.count != set[0].count }) {
            throw ExerciseError.invalidInput("every row of a point set must have the same length")
        }
        /// The k nearest other rows of row i, as a set of indices.
        func nearest(_ points: [[Double]], _ i: Int) -> Set<Int> {
            let distances = points.indices.filter { $0 != i }.map { j in
                (zip(points[i], points[j]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }, j)
            }
            return Set(distances.sorted { $0 < $1 }.prefix(k).map(\.1))
        }
        var shared = 0
        for i in 0..<n { shared += nearest(truth, i).intersection(nearest(representation, i)).count }
        return Double(shared) / Double(n * k)
        // END SOLUTION
    }
}
