import Foundation

/// Mean and range over seeds: what a chapter reports for every number that training produced.
public struct Spread: Sendable {
    public let mean: Double, min: Double, max: Double
    /// How many finite values it summarises.
    public let count: Int

    public init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        count = finite.count
        mean = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        min = finite.min() ?? .nan
        max = finite.max() ?? .nan
    }

    /// "0.123 (0.110–0.131)": the mean and, over several seeds, the range; "—" for no values.
    public func text(digits: Int = 3) -> String {
        count == 0 ? "—" : min == max ? Format.number(mean, digits: digits)
            : "\(Format.number(mean, digits: digits)) (\(Format.number(min, digits: digits))–\(Format.number(max, digits: digits)))"
    }

    /// [mean, min, max], for a data file's three columns.
    public var columns: [Double] { [mean, min, max] }
}
