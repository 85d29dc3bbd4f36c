//: ## Exercise 2.3 · A linear autoregressive model by least squares
//:
//: Section 2's baseline predicts the next value linearly from the last p values,
//:
//:     x̂(t+1) = a_0 x(t) + a_1 x(t−1) + … + a_{p−1} x(t−p+1) + b,
//:
//: with the coefficients a and the intercept b that minimise the squared error over every t of the series where the
//: window and the target exist. Fit it: set up the least-squares problem (one row per t: the p past values and a 1
//: for the intercept; the target x(t+1)) and solve it. You may use `leastSquares(_:_:)` from `LinearAlgebra`, or
//: the normal equations with `Matrix`; the library's `ridge` is off limits, as it would do the exercise for you.
//:
//: Throw `ExerciseError.invalidInput` when p < 1 or when there are fewer equations than unknowns (p + 1).

import LinearAlgebra

extension Ch02 {
    /// The least-squares AR(p) model of `series`: coefficients a_0…a_{p−1} (on x(t), x(t−1), …) and the intercept b.
    public static func fitAR(_ series: [Double], order p: Int) throws -> (coefficients: [Double], intercept: Double) {
        // BEGIN SOLUTION
        guard p >= 1 else { throw ExerciseError.invalidInput("the order must be at least 1 (got \(p))") }
        let times = Array((p - 1)..<(series.count - 1))
        guard times.count >= p + 1 else {
            throw ExerciseError.invalidInput("\(series.count) values give \(times.count) equations for \(p + 1) unknowns")
        }
        let a = Matrix<Double>(rowArrays: times.map { t in (0..<p).map { series[t - $0] } + [1] })
        let b = Matrix<Double>(column: times.map { series[$0 + 1] })
        let solution = try leastSquares(a, b)
        return (Array(solution.data[0..<p]), solution.data[p])
        // END SOLUTION
    }
}
