import Foundation

// Saving and loading parameters. The format is deliberately simple so a student can read it with a hex dump
// (all integers little-endian):
//
//   "T2TPARAM"                       8 bytes, magic
//   version                          UInt32 (1)
//   scalar size                      UInt32 (4 = Float32, 8 = Float64)
//   tensor count                     UInt32
//   per tensor: name length UInt32, name UTF-8, rank UInt32, each axis UInt64
//   per tensor: its scalars, row-major
//   checksum                         UInt64, FNV-1a of every byte before it
//
// Loading checks everything it can (magic, version, sizes against the bytes left, checksum, then names and
// shapes against the model) and throws a `CheckpointError` that says what is wrong, instead of crashing or
// silently loading garbage into a model.

public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    case notACheckpoint
    case unsupportedVersion(UInt32)
    case truncated(needed: Int, available: Int)
    case corrupt(String)
    case scalarSizeMismatch(file: Int, model: Int)
    case modelMismatch(String)

    public var description: String {
        switch self {
        case .notACheckpoint: return "not a parameter file (the magic bytes \"T2TPARAM\" are missing)"
        case .unsupportedVersion(let v): return "parameter file version \(v) is not supported (expected 1)"
        case .truncated(let needed, let available):
            return "parameter file is truncated: needed \(needed) more bytes, only \(available) left"
        case .corrupt(let what): return "parameter file is corrupt: \(what)"
        case .scalarSizeMismatch(let file, let model):
            return "parameter file holds \(file)-byte scalars, the model uses \(model)-byte scalars"
        case .modelMismatch(let what): return "parameter file does not match the model: \(what)"
        }
    }
}

private let magic = Array("T2TPARAM".utf8)
private let version: UInt32 = 1

/// FNV-1a, 64 bit: a few lines, and any flipped byte changes it.
func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    return h
}

/// The bytes of a parameter file for `model`.
public func encodeParameters<M: ParameterVisitable>(_ model: M) -> [UInt8] {
    var out = magic
    func put<I: FixedWidthInteger>(_ x: I) { withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) } }
    let tensors = model.namedParameters
    put(version)
    put(UInt32(MemoryLayout<M.Scalar>.size))
    put(UInt32(tensors.count))
    for (name, t) in tensors {
        let utf8 = Array(name.utf8)
        put(UInt32(utf8.count)); out.append(contentsOf: utf8)
        put(UInt32(t.rank)); for n in t.shape { put(UInt64(n)) }
    }
    // Scalars are written in memory order; every platform Swift targets here is little-endian.
    for (_, t) in tensors { t.scalars.withUnsafeBytes { out.append(contentsOf: $0) } }
    put(fnv1a(out[...]))
    return out
}

/// Reads a file's bytes front to back, throwing instead of reading past the end.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - offset else { throw CheckpointError.truncated(needed: n, available: bytes.count - offset) }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }

    mutating func integer<I: FixedWidthInteger>(_: I.Type) throws -> I {
        let slice = try take(MemoryLayout<I>.size)
        var x: I = 0
        for (i, b) in slice.enumerated() { x |= I(truncatingIfNeeded: b) << (8 * i) }
        return x
    }
}

/// Replaces the parameters of `model` with those in `bytes`; names, order and shapes must match exactly.
public func decodeParameters<M: ParameterVisitable>(_ bytes: [UInt8], into model: inout M) throws {
    var r = ByteReader(bytes: bytes)
    guard bytes.count >= magic.count, Array(try r.take(magic.count)) == magic else { throw CheckpointError.notACheckpoint }
    let v = try r.integer(UInt32.self)
    guard v == version else { throw CheckpointError.unsupportedVersion(v) }
    // The checksum comes next, before any size is trusted: a flipped bit in a length field would otherwise be
    // reported as a confusing truncation.
    guard bytes.count >= r.offset + 8 else { throw CheckpointError.truncated(needed: 8, available: bytes.count - r.offset) }
    var tail = ByteReader(bytes: bytes, offset: bytes.count - 8)
    guard try tail.integer(UInt64.self) == fnv1a(bytes[..<(bytes.count - 8)]) else {
        throw CheckpointError.corrupt("checksum mismatch (the file was changed or cut short)")
    }
    let body = ByteReader(bytes: Array(bytes[..<(bytes.count - 8)]), offset: r.offset)
    r = body

    let scalarSize = Int(try r.integer(UInt32.self))
    guard scalarSize == MemoryLayout<M.Scalar>.size else {
        throw CheckpointError.scalarSizeMismatch(file: scalarSize, model: MemoryLayout<M.Scalar>.size)
    }
    let count = Int(try r.integer(UInt32.self))
    let expected = model.namedParameters
    guard count == expected.count else {
        throw CheckpointError.modelMismatch("file has \(count) tensors, model has \(expected.count)")
    }
    var headers = [(name: String, shape: [Int])]()
    for (name, t) in expected {
        let length = Int(try r.integer(UInt32.self))
        guard let fileName = String(bytes: try r.take(length), encoding: .utf8) else {
            throw CheckpointError.corrupt("tensor name is not UTF-8")
        }
        let rank = Int(try r.integer(UInt32.self))
        guard rank <= 16 else { throw CheckpointError.corrupt("tensor \(fileName) claims rank \(rank)") }
        var shape = [Int]()
        for _ in 0..<rank {
            let n = try r.integer(UInt64.self)
            guard n <= UInt64(bytes.count) else { throw CheckpointError.corrupt("tensor \(fileName) claims an axis of length \(n)") }
            shape.append(Int(n))
        }
        guard fileName == name else { throw CheckpointError.modelMismatch("expected tensor \(name), file has \(fileName)") }
        guard shape == t.shape else { throw CheckpointError.modelMismatch("\(name) is \(t.shape) in the model, \(shape) in the file") }
        headers.append((fileName, shape))
    }
    var loaded = [Tensor<M.Scalar>]()
    for (_, shape) in headers {
        let n = shape.reduce(1, *)
        let raw = try r.take(n * scalarSize)
        var values = [M.Scalar](repeating: 0, count: n)
        values.withUnsafeMutableBytes { dst in raw.withUnsafeBytes { dst.copyMemory(from: $0) } }
        loaded.append(Tensor(shape: shape, scalars: values))
    }
    guard r.offset == r.bytes.count else { throw CheckpointError.corrupt("\(r.bytes.count - r.offset) unexpected bytes after the last tensor") }
    var i = 0
    model.visitParameters { _, t in t = loaded[i]; i += 1 }
}

/// Writes the parameters of `model` to `url` (atomically: a crash never leaves half a file).
public func saveParameters<M: ParameterVisitable>(_ model: M, to url: URL) throws {
    try Data(encodeParameters(model)).write(to: url, options: .atomic)
}

/// Loads parameters saved by `saveParameters` into `model`, which must have the same architecture.
public func loadParameters<M: ParameterVisitable>(into model: inout M, from url: URL) throws {
    try decodeParameters([UInt8](try Data(contentsOf: url)), into: &model)
}
