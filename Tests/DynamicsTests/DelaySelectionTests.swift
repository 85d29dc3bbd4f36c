import Foundation
import Testing
import Dynamics
import LinearAlgebra

@Test("The autocorrelation of a sine of period P first crosses zero near P/4")
func sineAutocorrelationCrossesAtQuarterPeriod() throws {
    for period in [20.0, 37.3, 64.0] {
        let s = (0..<5000).map { sin(2 * Double.pi * Double($0) / period) }
        let acf = autocorrelation(s, maxLag: 100)
        #expect(acf[0] == 1)
        let tau = try #require(firstZeroCrossing(acf))
        #expect(abs(Double(tau) - period / 4) <= 1, "P = \(period): zero crossing at \(tau)")
        // cos(2πk/P) drops below 1/e at k = P·acos(1/e)/(2π) ≈ 0.19 P.
        let e = try #require(firstDropBelow(acf))
        #expect(abs(Double(e) - period * acos(exp(-1)) / (2 * .pi)) <= 1)
    }
}

@Test("The AMI of Lorenz x (dt = 0.01) has its first minimum at 0.10–0.22 time units")
func lorenzMutualInformationMinimum() throws {
    // Fraser & Swinney's criterion; the literature puts Lorenz x at τ ≈ 0.15–0.2 time units.
    let x = observe(lorenzTrajectory(steps: 6000))
    for bins in [16, 32] {
        let ami = averageMutualInformation(x, maxLag: 40, bins: bins)
        #expect(ami[0] > ami[1], "I(0) is the entropy of the binned series, the maximum")
        let tau = try #require(firstLocalMinimum(ami))
        #expect((10...22).contains(tau), "\(bins) bins: first AMI minimum at τ = \(tau)")
    }
}

@Test("AMI is ≈ 0 for white noise at every lag ≥ 1, but large for a deterministic series")
func mutualInformationOfNoise() {
    var rng = SeededRNG(seed: 5)
    let noise = (0..<20_000).map { _ in rng.normal() }
    let ami = averageMutualInformation(noise, maxLag: 5, bins: 16)
    // The histogram estimator's bias is ≈ (bins − 1)² / (2n) nats.
    #expect(ami.dropFirst().allSatisfy { $0 < 0.02 })
    let x = observe(lorenzTrajectory(steps: 20_000))
    #expect(averageMutualInformation(x, maxLag: 5, bins: 16)[5] > 1)
}
