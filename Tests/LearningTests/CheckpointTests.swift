import Foundation
import Learning
import LinearAlgebra
import Testing

@Suite struct CheckpointTests {
    func model(seed: UInt64, sizes: [Int] = [3, 5, 2]) -> MLP<Float> {
        var rng = SeededRNG(seed: seed)
        return MLP<Float>(sizes: sizes, rng: &rng)
    }

    @Test func roundTripThroughAFile() throws {
        let saved = model(seed: 1)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("t2t-\(UUID().uuidString).params")
        defer { try? FileManager.default.removeItem(at: url) }
        try saveParameters(saved, to: url)
        var loaded = model(seed: 2)
        #expect(loaded.parameterTensors != saved.parameterTensors)
        try loadParameters(into: &loaded, from: url)
        #expect(loaded.parameterTensors == saved.parameterTensors)
        #expect(saved.namedParameters.map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
    }

    @Test func everyTruncationThrows() {
        let bytes = encodeParameters(model(seed: 1))
        var target = model(seed: 2)
        for length in 0..<bytes.count {
            #expect(throws: CheckpointError.self) { try decodeParameters(Array(bytes[..<length]), into: &target) }
        }
    }

    @Test func flippedBytesThrow() {
        let bytes = encodeParameters(model(seed: 1))
        var target = model(seed: 2)
        // Every position: magic, header, scalars and checksum.
        for i in stride(from: 0, to: bytes.count, by: 3) {
            var corrupt = bytes
            corrupt[i] ^= 0x40
            #expect(throws: CheckpointError.self) { try decodeParameters(corrupt, into: &target) }
        }
        #expect(throws: CheckpointError.notACheckpoint) { try decodeParameters(Array("hello world, not parameters".utf8), into: &target) }
        var future = bytes
        future[8] = 2
        #expect(throws: CheckpointError.unsupportedVersion(2)) { try decodeParameters(future, into: &target) }
        #expect(throws: CheckpointError.self) { try decodeParameters(bytes + [0], into: &target) }
    }

    @Test func mismatchedModelsThrowWithAReason() {
        let bytes = encodeParameters(model(seed: 1, sizes: [3, 5, 2]))
        var wider = model(seed: 2, sizes: [3, 6, 2])
        do {
            try decodeParameters(bytes, into: &wider)
            Issue.record("loading into a wider model succeeded")
        } catch let error as CheckpointError {
            #expect(error == .modelMismatch("layers.0.weight is [3, 6] in the model, [3, 5] in the file"))
        } catch { Issue.record("unexpected error \(error)") }
        var deeper = model(seed: 2, sizes: [3, 5, 5, 2])
        #expect(throws: CheckpointError.modelMismatch("file has 4 tensors, model has 6")) { try decodeParameters(bytes, into: &deeper) }
        var rng = SeededRNG(seed: 3)
        var double = MLP<Double>(sizes: [3, 5, 2], rng: &rng)
        #expect(throws: CheckpointError.scalarSizeMismatch(file: 4, model: 8)) { try decodeParameters(bytes, into: &double) }
        // The target is untouched after a failed load.
        #expect(wider.parameterTensors == model(seed: 2, sizes: [3, 6, 2]).parameterTensors)
    }

    @Test func missingFileThrows() {
        var target = model(seed: 2)
        #expect(throws: (any Error).self) {
            try loadParameters(into: &target, from: URL(fileURLWithPath: "/nonexistent/dir/x.params"))
        }
    }
}
