//: ## Exercise 2.1 · The mean absolute scaled error
//:
//: Section 4 of chapter 2 scores forecasts h steps ahead with the mean absolute scaled error (Hyndman & Koehler
//: 2006): the forecast's mean absolute error divided by the mean absolute error of the naive forecast
//: "x stays where it is", measured on the *training* series at the same horizon,
//:
//:     MASE = mean_i |actual_i − predicted_i|  /  ( (1/(n−h)) Σ_{t=0}^{n−h−1} |train_{t+h} − train_t| ).
//:
//: MASE < 1 beats persistence; MASE = 1 is persistence's own skill. Write it. Throw `ExerciseError.invalidInput`
//: when `actual` and `predicted` differ in length or are empty, when h < 1, when the training series has no pair h
//: steps apart, or when the naive error is zero (a constant training series: the scale is undefined).

extension Ch02 {
    /// The mean absolute scaled error of `predicted` against `actual`, scaled by the naive forecast's error at
    /// horizon h on `training`.
    public static func mase(actual: [Double], predicted: [Double], training: [Double], horizon h: Int) throws -> Double {
        // BEGIN SOLUTION
        guard !actual.isEmpty, actual.count == predicted.count else {
            throw ExerciseError.invalidInput("\(actual.count) actual values and \(predicted.count) predictions")
        }
        guard h >= 1, training.count > h else {
            throw ExerciseError.invalidInput("horizon \(h) needs h ≥ 1 and more than h training values (got \(training.count))")
        }
        var naive = 0.0
        for t in 0..<(training.count - h) { naive += abs(training[t + h] - training[t]) }
        naive /= Double(training.count - h)
        guard naive > 0 else { throw ExerciseError.invalidInput("the training series is constant: the naive error is 0") }
        let error = zip(actual, predicted).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(actual.count)
        return error / naive
        // END SOLUTION
    }
}
