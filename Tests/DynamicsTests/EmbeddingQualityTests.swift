import Testing
import Dynamics
import LinearAlgebra

/// The embedding-quality metrics of chapter 5 on cases whose answer is known.
@Suite struct EmbeddingQualityTests {
    func randomPoints(_ n: Int, _ d: Int, seed: UInt64) -> Matrix<Double> {
        var rng = SeededRNG(seed: seed)
        return Matrix(rows: n, cols: d, data: (0..<(n * d)).map { _ in rng.normal() })
    }

    @Test(arguments: [3, 40])
    func gemmNeighboursEqualBruteForce(dimension: Int) {
        let points = randomPoints(300, dimension, seed: 1)
        let fast = allNearestNeighbours(points, k: 7, theilerWindow: 2)
        let reference = BruteForceNeighbours(points).allNeighbours(k: 7, theilerWindow: 2).map { $0.map(\.index) }
        #expect(fast == reference)
    }

    @Test func theilerWindowOnlyExcludesRowsOfTheSameTrajectory() {
        // Two copies of one trajectory: each point's nearest other point is its twin in the other trajectory,
        // which the window must not exclude, while its own temporal neighbours are excluded.
        let line = Matrix(rowArrays: (0..<20).map { [Double($0)] })
        let points = line.appendingRows(line)
        let origins = RowOrigin.stacked(groups: 2, length: 20)
        let neighbours = allNearestNeighbours(points, k: 1, origins: origins, theilerWindow: 5)
        for i in 0..<20 { #expect(neighbours[i] == [i + 20]) }
    }

    @Test func overlapIsOneForAnIsometryAndChanceForUnrelatedPoints() {
        let points = randomPoints(400, 3, seed: 2)
        // A rotation and a scaling keep every neighbourhood.
        let rotation = Matrix(rowArrays: [[0, -1, 0], [1, 0, 0], [0, 0, 1]])
        #expect(neighbourOverlap(truth: points, representation: 3.5 * matmul(points, rotation), k: 10) == 1)
        let unrelated = neighbourOverlap(truth: points, representation: randomPoints(400, 3, seed: 3), k: 10)
        #expect(unrelated < 0.08, "chance level is k/n = 0.025, got \(unrelated)")
    }

    @Test func overlapRanksLorenzRepresentations() throws {
        // The full state against itself, a delay embedding of x, and x alone (folded onto a line).
        let trajectory = lorenzTrajectory(steps: 2_000)
        let x = observe(trajectory, coordinate: 0)
        let embedding = try delayEmbed(x, dimension: 3, delay: 10)
        let truth = trajectory.selectingRows(embedding.times)
        let delays = neighbourOverlap(truth: truth, representation: embedding.vectors, k: 10, theilerWindow: 5)
        let alone = neighbourOverlap(truth: truth, representation: Matrix(column: embedding.times.map { x[$0] }), k: 10, theilerWindow: 5)
        #expect(delays > 0.3)
        #expect(delays > alone + 0.15, "delays \(delays), x alone \(alone)")
    }

    @Test func noiseAmplificationIsScaleFreeAndPrefersAnUnfoldedEmbedding() throws {
        let trajectory = lorenzTrajectory(steps: 3_000)
        let x = observe(trajectory, coordinate: 0)
        let horizon = 10
        let embedding = try delayEmbed(x, dimension: 3, delay: 10)
        let rows = embedding.times.filter { $0 + horizon < x.count }
        let futures = Matrix(rows: rows.count, cols: horizon, data: rows.flatMap { t in (1...horizon).map { x[t + $0] } })
        let vectors = embedding.vectors.selectingRows(rows.indices)
        let base = noiseAmplification(vectors, futures: futures, theilerWindow: 5)
        let scaled = noiseAmplification(7 * vectors, futures: futures, theilerWindow: 5)
        #expect(abs(scaled.L - base.L) < 1e-9)
        #expect(abs(scaled.futureSpread - base.futureSpread) < 1e-12)
        #expect(abs(scaled.sigma2 * 49 - base.sigma2) < 1e-9 * base.sigma2)
        // x alone folds the attractor: points with equal x but different (y, z) have different futures.
        let alone = noiseAmplification(Matrix(column: rows.map { x[$0] }), futures: futures, theilerWindow: 5)
        let truth = noiseAmplification(trajectory.selectingRows(rows), futures: futures, theilerWindow: 5)
        #expect(base.futureSpread < alone.futureSpread / 3, "delays \(base.futureSpread), x alone \(alone.futureSpread)")
        #expect(truth.futureSpread < alone.futureSpread / 3)
    }
}
