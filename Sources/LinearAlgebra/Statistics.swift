/// Sample statistics of a series, used wherever a chapter reports or scales by a mean or a spread.

/// The arithmetic mean (NaN for an empty series).
public func mean<T: BinaryFloatingPoint>(_ xs: [T]) -> T {
    xs.isEmpty ? .nan : xs.reduce(0, +) / T(xs.count)
}

/// The sample variance with Bessel's correction (n − 1); NaN for fewer than two values.
public func variance<T: BinaryFloatingPoint>(_ xs: [T]) -> T {
    guard xs.count > 1 else { return .nan }
    let m = mean(xs)
    return xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / T(xs.count - 1)
}

/// The sample standard deviation.
public func standardDeviation<T: BinaryFloatingPoint>(_ xs: [T]) -> T { variance(xs).squareRoot() }
