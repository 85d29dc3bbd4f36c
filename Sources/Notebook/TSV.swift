import Foundation

/// Tab-separated data files: the contract between a chapter (which measures) and its gnuplot scripts
/// (which only draw). Every number a figure shows is in a TSV, so tests check data, not pixels.
///
/// Layout: one `#` provenance line, then a header row of column names, then rows. Blocks separated by two
/// blank lines are gnuplot "indices" (`plot ... index 2`), used for one curve per noise level or dimension;
/// each block starts with the header again.
public struct TSVFile: Sendable {
    public let url: URL
    /// The first line of every file this workspace writes. A file without it was written by someone else,
    /// and we refuse to overwrite it.
    public static let marker = "# t2t"

    public let header: [String]
    private var lines: [String] = []

    public init(url: URL, header: [String], provenance: String) {
        self.url = url
        self.header = header
        lines = ["\(TSVFile.marker) \(provenance)", header.joined(separator: "\t")]
    }

    /// Appends one row of numbers.
    public mutating func row(_ values: [Double]) {
        precondition(values.count == header.count, "TSV \(url.lastPathComponent): \(values.count) values for \(header.count) columns")
        lines.append(values.map(Format.data).joined(separator: "\t"))
    }

    /// Appends one row of mixed cells (labels and numbers).
    public mutating func row(cells: [TSVCell]) {
        precondition(cells.count == header.count, "TSV \(url.lastPathComponent): \(cells.count) cells for \(header.count) columns")
        lines.append(cells.map(\.text).joined(separator: "\t"))
    }

    /// Starts a new gnuplot block: two blank lines make `index` count blocks, and the header is repeated
    /// because gnuplot reads named columns (`using "d":"r2"`) from the first line of each block.
    public mutating func newBlock() { lines += ["", "", header.joined(separator: "\t")] }

    /// Writes the file, refusing to replace a file this workspace did not write.
    public func write() throws {
        try TSVFile.checkOverwritable(url)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// A file is ours when its first line is the marker, a space and a provenance (`# t2t ch05 … seed=1 …`, or a
    /// saved run's recipe): the marker alone would also claim a reader's `# t2tX notes`.
    static func checkOverwritable(_ url: URL) throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let head = try handle.read(upToCount: 4096) ?? Data()
        let firstLine = String(decoding: head.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        if !firstLine.hasPrefix(TSVFile.marker + " ") || firstLine.count <= TSVFile.marker.count + 1 {
            throw NotebookError("refusing to overwrite \(url.path): it was not written by this workspace (choose another --out)")
        }
    }
}

/// One cell of a TSV row: a number or a label.
public enum TSVCell: Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    case number(Double)
    case label(String)

    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .label(value) }

    var text: String {
        switch self {
        case .number(let x): return Format.data(x)
        case .label(let s): return s.replacingOccurrences(of: "\t", with: " ")
        }
    }
}

/// Reads a TSV written by `TSVFile` (used by tests and by chapters that reuse an earlier chapter's data).
public struct TSVTable: Sendable {
    public let header: [String]
    /// Rows of the first block, or of all blocks concatenated when `blocks` is used.
    public let blocks: [[[String]]]

    public init(contentsOf url: URL) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw NotebookError("cannot read \(url.path): run the chapter that writes it first")
        }
        var header: [String]?
        var blocks: [[[String]]] = [[]]
        var blank = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") { continue }
            if line.isEmpty { blank += 1; continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if header == nil { header = cells; continue }
            if cells == header { continue }   // repeated at the top of every block
            if blank >= 2 && !(blocks.last?.isEmpty ?? true) { blocks.append([]) }
            blank = 0
            blocks[blocks.count - 1].append(cells)
        }
        guard let h = header else { throw NotebookError("\(url.path) has no header row") }
        self.header = h
        self.blocks = blocks
    }

    public var rows: [[String]] { blocks.flatMap { $0 } }

    /// A numeric column by name, over all blocks (or one block).
    public func column(_ name: String, block: Int? = nil) throws -> [Double] {
        guard let j = header.firstIndex(of: name) else {
            throw NotebookError("no column '\(name)' (columns: \(header.joined(separator: ", ")))")
        }
        let source = block.map { blocks[$0] } ?? rows
        return source.map { Double($0[j]) ?? .nan }
    }
}
