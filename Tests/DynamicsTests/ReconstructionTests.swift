import Foundation
import Testing
import Dynamics
import LinearAlgebra

@Test("Cross mapping from x-delays reconstructs the unobserved y and z of Lorenz (R² ≥ 0.9)")
func crossMappingReconstructsYZ() throws {
    let trajectory = lorenzTrajectory(steps: 4000)
    let embedding = try delayEmbed(observe(trajectory), dimension: 3, delay: 10)
    let rec = try crossMap(embedding, targets: trajectory.selectingColumns([1, 2]), trainFraction: 0.7)
    #expect(rec.testRows.count == embedding.vectors.rows - Int(0.7 * Double(embedding.vectors.rows)))
    let r2 = rec.r2
    #expect(r2[0] >= 0.9, "R²(y) = \(r2[0])")
    #expect(r2[1] >= 0.9, "R²(z) = \(r2[1])")
}

@Test("A linear read-out of x-delays decodes y but not z (symmetry); quadratic features decode both")
func linearVersusQuadraticDecoding() throws {
    let trajectory = lorenzTrajectory(steps: 4000)
    let embedding = try delayEmbed(observe(trajectory), dimension: 7, delay: 5)
    let yz = trajectory.selectingColumns([1, 2]).selectingRows(embedding.times)
    let linear = try decodeR2(features: embedding.vectors, targets: yz)
    #expect(linear.perColumn[0] > 0.9, "linear R²(y) = \(linear.perColumn[0])")
    // z is even under (x, y) → (−x, −y); a linear function of the x-delays is odd, so it cannot follow z.
    #expect(linear.perColumn[1] < 0.2, "linear R²(z) = \(linear.perColumn[1])")
    let quadratic = try decodeR2(features: quadraticFeatures(embedding.vectors), targets: yz)
    #expect(quadratic.perColumn.allSatisfy { $0 > 0.9 }, "quadratic R² = \(quadratic.perColumn)")
    #expect(abs(quadratic.mean - (quadratic.perColumn[0] + quadratic.perColumn[1]) / 2) < 1e-15)
}

@Test("Simplex forecasts of Lorenz x are excellent at h = 1 and lose skill as the horizon grows")
func simplexSkillDecaysWithHorizon() throws {
    let x = observe(lorenzTrajectory(steps: 3000))
    let skill = try [1, 25, 100, 200].map { h in
        let f = try simplexForecast(x, dimension: 3, delay: 10, horizon: h, trainFraction: 0.7)
        return pearson(f.actual, f.predicted)
    }
    #expect(skill[0] > 0.95, "ρ(h = 1) = \(skill[0])")
    for (near, far) in zip(skill, skill.dropFirst()) { #expect(near > far, "skill by horizon \(skill)") }
}

@Test("Simplex weights: the nearest neighbour weighs 1, weights fall with distance, exact matches dominate")
func simplexWeightRule() {
    let w = simplexWeights([Neighbour(index: 0, distance: 2), Neighbour(index: 1, distance: 4)])
    #expect(abs(w[0] - exp(-1)) < 1e-15 && abs(w[1] - exp(-2)) < 1e-15)
    #expect(simplexWeights([Neighbour(index: 0, distance: 0), Neighbour(index: 1, distance: 1)]) == [1, 0])
    // A library that contains the query exactly returns that target.
    let library = Matrix<Double>(rowArrays: [[0, 0], [1, 0], [0, 1], [5, 5]])
    let projector = SimplexProjector(library: library, targets: Matrix(column: [10, 20, 30, 40]))
    #expect(projector.predict([1.0, 0.0]) == [20])
}

@Test("Reconstructions reject an empty train or test part")
func reconstructionErrors() {
    let f = Matrix<Double>(rows: 10, cols: 2, repeating: 1)
    #expect(throws: DynamicsError.self) { try decodeR2(features: f, targets: f, trainFraction: 1.0) }
    #expect(throws: DynamicsError.self) { try decodeR2(features: f, targets: f, trainFraction: 0.01) }
}

@Test("Cross mapping from a feature matrix equals cross mapping from the embedding it holds, and rejects misaligned rows")
func crossMappingFromFeatures() throws {
    let trajectory = lorenzTrajectory(steps: 2000)
    let embedding = try delayEmbed(observe(trajectory), dimension: 3, delay: 10)
    let yz = trajectory.selectingColumns([1, 2])
    let fromEmbedding = try crossMap(embedding, targets: yz, trainFraction: 0.6)
    let fromFeatures = try crossMap(features: embedding.vectors, targets: yz.selectingRows(embedding.times),
                                    trainFraction: 0.6)
    #expect(fromEmbedding.predicted == fromFeatures.predicted)
    #expect(throws: DynamicsError.self) {
        try crossMap(features: embedding.vectors, targets: yz, trainFraction: 0.6)
    }
}
