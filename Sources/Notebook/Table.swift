/// A small aligned text table, for the numbers a chapter measured.
///
///     d   FNN %   E1
///     1   78.2    0.41
///     2   12.5    0.83
public struct Table: CustomStringConvertible, Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(_ header: [String], rows: [[String]] = []) {
        self.header = header
        self.rows = rows
    }

    /// Appends a row of cells: numbers are formatted with `Format.number`, anything else with its description.
    public mutating func add(_ cells: Any...) {
        rows.append(cells.map { cell in
            switch cell {
            case let x as Double: return Format.number(x)
            case let x as Float: return Format.number(Double(x))
            default: return "\(cell)"
            }
        })
    }

    public var description: String {
        let all = [header] + rows
        let widths = (0..<header.count).map { j in all.map { j < $0.count ? $0[j].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { j, c in
                j == cells.count - 1 ? c : c.padding(toLength: widths[j], withPad: " ", startingAt: 0)
            }.joined(separator: "   ")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "───")
        return ([line(header), rule] + rows.map(line)).map { "    " + $0 }.joined(separator: "\n")
    }
}
