import Testing
import LinearAlgebra

@Suite struct RandomTests {
    @Test func sameSeedSameNumbers() {
        var a = SeededRNG(seed: 42), b = SeededRNG(seed: 42), c = SeededRNG(seed: 42, stream: 1)
        let xa = (0..<5).map { _ in a.next() }, xb = (0..<5).map { _ in b.next() }, xc = (0..<5).map { _ in c.next() }
        #expect(xa == xb)
        #expect(xa != xc)
    }

    /// Sample moments of 100 000 normal draws: mean within 5 standard errors of 0, variance near 1.
    @Test func normalDrawsHaveUnitVariance() {
        var rng = SeededRNG(seed: 9)
        let n = 100_000
        let xs = (0..<n).map { _ in rng.normal() }
        let mean = xs.reduce(0, +) / Double(n)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        #expect(abs(mean) < 5 / Double(n).squareRoot())
        #expect(abs(variance - 1) < 0.03)
    }

    @Test func uniformStaysInRange() {
        var rng = SeededRNG(seed: 10)
        for _ in 0..<10_000 {
            let u = rng.uniform(-2, 3)
            #expect(u >= -2 && u < 3)
        }
    }
}

@Suite struct StatisticsTests {
    @Test func meanAndSpreadOfASmallSample() {
        #expect(mean([1.0, 2, 3, 4]) == 2.5)
        #expect(abs(variance([1.0, 2, 3, 4]) - 5.0 / 3.0) < 1e-15)
        #expect(standardDeviation([2.0, 2, 2]) == 0)
        #expect(mean([Double]()).isNaN)
        #expect(variance([1.0]).isNaN)
    }
}
