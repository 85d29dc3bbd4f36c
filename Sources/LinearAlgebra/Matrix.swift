/// A dense, row-major matrix: the one container every numerical layer of the workspace shares.
///
/// Row-major because delay vectors, hidden states and samples are rows: `m[i, j]` is feature j of sample i,
/// and a whole sample is a contiguous slice, which is what BLAS wants for a batch.
public struct Matrix<Scalar: BLASScalar>: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    public var data: [Scalar]

    public init(rows: Int, cols: Int, data: [Scalar]) {
        precondition(rows >= 0 && cols >= 0, "Matrix: negative shape \(rows)×\(cols)")
        precondition(data.count == rows * cols, "Matrix: \(data.count) values for a \(rows)×\(cols) matrix")
        self.rows = rows
        self.cols = cols
        self.data = data
    }

    public init(rows: Int, cols: Int, repeating value: Scalar = 0) {
        self.init(rows: rows, cols: cols, data: [Scalar](repeating: value, count: rows * cols))
    }

    /// Builds a matrix from a list of equally long rows.
    public init(rowArrays: [[Scalar]]) {
        let cols = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == cols }, "Matrix: rows of unequal length")
        self.init(rows: rowArrays.count, cols: cols, data: rowArrays.flatMap { $0 })
    }

    /// A column vector (n×1).
    public init(column: [Scalar]) {
        self.init(rows: column.count, cols: 1, data: column)
    }

    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    @inlinable public subscript(i: Int, j: Int) -> Scalar {
        get { data[i * cols + j] }
        set { data[i * cols + j] = newValue }
    }

    public var shape: (rows: Int, cols: Int) { (rows, cols) }

    public func row(_ i: Int) -> ArraySlice<Scalar> { data[(i * cols)..<((i + 1) * cols)] }

    public func column(_ j: Int) -> [Scalar] { (0..<rows).map { self[$0, j] } }

    public var transposed: Matrix {
        var t = Matrix(rows: cols, cols: rows)
        for i in 0..<rows { for j in 0..<cols { t.data[j * rows + i] = data[i * cols + j] } }
        return t
    }

    /// The rows whose indices are given, in that order (train/test splits, subsampling).
    public func selectingRows<C: Collection>(_ indices: C) -> Matrix where C.Element == Int {
        var out = [Scalar]()
        out.reserveCapacity(indices.count * cols)
        for i in indices { out.append(contentsOf: row(i)) }
        return Matrix(rows: indices.count, cols: cols, data: out)
    }

    /// The columns whose indices are given, in that order.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: rows, cols: indices.count)
        for i in 0..<rows { for (k, j) in indices.enumerated() { out[i, k] = self[i, j] } }
        return out
    }

    /// Columns of `self` followed by the columns of `other` (same number of rows).
    public func appendingColumns(_ other: Matrix) -> Matrix {
        precondition(rows == other.rows, "appendingColumns: \(rows) vs \(other.rows) rows")
        var out = Matrix(rows: rows, cols: cols + other.cols)
        for i in 0..<rows {
            for j in 0..<cols { out[i, j] = self[i, j] }
            for j in 0..<other.cols { out[i, cols + j] = other[i, j] }
        }
        return out
    }

    /// Rows of `self` followed by the rows of `other` (same number of columns).
    public func appendingRows(_ other: Matrix) -> Matrix {
        precondition(cols == other.cols, "appendingRows: \(cols) vs \(other.cols) columns")
        return Matrix(rows: rows + other.rows, cols: cols, data: data + other.data)
    }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        (0..<rows).map { i in row(i).map { "\($0)" }.joined(separator: "\t") }.joined(separator: "\n")
    }
}
