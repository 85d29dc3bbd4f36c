import Foundation
import Testing
import Dynamics
import LinearAlgebra

@Test("False nearest neighbours vanish at d = 2 for a sine and for the Hénon map")
func fnnTwoDimensional() throws {
    // A sine is a circle in the delay plane; period 37.3 samples is incommensurate with the sampling.
    let sine = (0..<2000).map { sin(2 * Double.pi * Double($0) / 37.3) }
    let sineFNN = try falseNearestNeighbours(sine, maxDimension: 4, delay: 9)
    #expect(fnnDimension(sineFNN) == 2, "sine FNN fractions \(sineFNN)")
    // Hénon: (x_n, x_{n−1}) determines the state exactly.
    let henon = iterate(HenonMap(), steps: 2000, burnIn: 100).column(0)
    let henonFNN = try falseNearestNeighbours(henon, maxDimension: 4, delay: 1)
    #expect(fnnDimension(henonFNN) == 2, "Hénon FNN fractions \(henonFNN)")
    #expect(henonFNN[0] > 0.3)
}

@Test("False nearest neighbours choose d = 3 (±1) for Lorenz x")
func fnnLorenz() throws {
    let x = Array(observe(lorenzTrajectory(steps: 3000)))
    let fnn = try falseNearestNeighbours(x, maxDimension: 6, delay: 10, theilerWindow: 10)
    let d = try #require(fnnDimension(fnn))
    #expect((2...4).contains(d), "FNN fractions \(fnn)")
    #expect(fnn[0] > 0.5, "a 1-D projection of the butterfly is full of false neighbours")
}

@Test("Cao's E1 for Lorenz x saturates by d = 3…5, while E2 departs from 1 (determinism)")
func caoLorenz() throws {
    let x = observe(lorenzTrajectory(steps: 3000))
    let cao = try caoDimensionCurves(x, maxDimension: 6, delay: 10, theilerWindow: 10)
    let d = try #require(caoDimension(cao))
    #expect((3...5).contains(d), "E1 = \(cao.e1)")
    #expect(cao.e1.last! > 0.9 && cao.e1.last! < 1.1)
    #expect(cao.e2.contains { abs($0 - 1) > 0.3 }, "E2 = \(cao.e2)")
}

@Test("Cao's E2 stays within 0.15 of 1 for white noise, for all d = 1…6")
func caoNoise() throws {
    var rng = SeededRNG(seed: 21)
    let noise = (0..<2000).map { _ in rng.normal() }
    let cao = try caoDimensionCurves(noise, maxDimension: 6, delay: 1)
    #expect(cao.e2.allSatisfy { abs($0 - 1) < 0.15 }, "E2 = \(cao.e2)")
}

@Test("Analytic check: for a uniformly moving line, E(d) = E1(d) = E2(d) = 1 under the max-norm")
func caoLine() throws {
    // s_t = 3 + 0.5 t: every coordinate of y_i − y_n equals the same step, so adding one changes nothing.
    let line = (0..<300).map { 3 + 0.5 * Double($0) }
    for w in [0, 4] {
        let cao = try caoDimensionCurves(line, maxDimension: 5, delay: 3, theilerWindow: w)
        for v in cao.e + cao.e1 + cao.e2 { #expect(abs(v - 1) < 1e-12) }
    }
}

@Test("Dimension estimators reject bad arguments")
func dimensionErrors() {
    #expect(throws: DynamicsError.invalidDimension(0)) { try falseNearestNeighbours([1, 2, 3], maxDimension: 0, delay: 1) }
    #expect(throws: DynamicsError.self) { try caoDimensionCurves([1, 2, 3], maxDimension: 3, delay: 1) }
}
