import Testing
import Dynamics
import LinearAlgebra

@Test("MASE is 0 for a perfect forecast and exactly 1 for the naive forecast on the scaling series")
func maseReferencePoints() {
    let s = observe(lorenzTrajectory(steps: 500))
    for h in [1, 5] {
        let actual = Array(s[h...])
        let naive = Array(s[..<(s.count - h)])
        #expect(mase(actual: actual, predicted: actual, scaleSeries: s, horizon: h) == 0)
        #expect(abs(mase(actual: actual, predicted: naive, scaleSeries: s, horizon: h) - 1) < 1e-12)
    }
    // Half the naive error everywhere gives MASE 1/2.
    let actual = Array(s.dropFirst()), naive = Array(s.dropLast())
    let halfway = zip(actual, naive).map { ($0 + $1) / 2 }
    #expect(abs(mase(actual: actual, predicted: halfway, scaleSeries: s) - 0.5) < 1e-12)
}

@Test("R² is 0 for the mean predictor, 1 for a perfect one, negative for a worse-than-mean one")
func r2ReferencePoints() {
    let a: [Double] = [1, 4, 2, 8, 5, 7]
    let m = mean(a)
    #expect(abs(r2(actual: a, predicted: a.map { _ in m })) < 1e-15)
    #expect(r2(actual: a, predicted: a) == 1)
    #expect(r2(actual: a, predicted: a.map { -$0 }) < 0)
    let A = Matrix<Double>(rowArrays: a.map { [$0, 2 * $0] })
    let P = Matrix<Double>(rowArrays: a.map { [$0, 2 * m] })
    #expect(r2PerColumn(actual: A, predicted: P).map { ($0 * 1e12).rounded() / 1e12 } == [1, 0])
    #expect(abs(meanR2(actual: A, predicted: P) - 0.5) < 1e-12)
}

@Test("Pearson correlation ignores offset and scale; MSE and MAE of simple cases")
func correlationAndErrors() {
    let a: [Double] = [1, 4, 2, 8, 5, 7]
    #expect(abs(pearson(a, a.map { 3 * $0 - 2 }) - 1) < 1e-12)
    #expect(abs(pearson(a, a.map { -0.5 * $0 }) + 1) < 1e-12)
    #expect(mse(actual: [0, 0], predicted: [1, 3]) == 5)
    #expect(meanAbsoluteError(actual: [0, 0], predicted: [1, -3]) == 2)
    #expect(naiveForecastMAE([0, 1, 3, 6], horizon: 1) == 2)
    #expect(naiveForecastMAE([0, 1, 3, 6], horizon: 2) == 4)
}
