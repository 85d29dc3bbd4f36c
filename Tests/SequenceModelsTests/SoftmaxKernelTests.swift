import Learning
import LinearAlgebra
import SequenceModels
import Testing

// Float's causal softmax kernels run in C at 16 lanes (Sources/CKernels/softmax_body.h). They must compute bit for
// bit what the Swift SIMD8 kernels they replaced compute, in every compiled copy (SSE2, AVX2, AVX-512), so that
// no number a chapter prints depends on the CPU or moved when they came in.

@Suite(.serialized) struct CausalSoftmaxKernels {
    /// Blocks of (first row, rows, columns): row lengths n = first + r + 1 below, at and across multiples of 8
    /// and 16, and a block whose columns run past its last row (the zeroed part).
    static let blocks = [(0, 1, 1), (0, 32, 32), (5, 3, 8), (7, 9, 20), (14, 5, 19), (31, 2, 40), (480, 20, 500)]

    static func randomBlock(rows: Int, columns: Int, seed: UInt64, spread: Double) -> [Float] {
        var rng = SeededRNG(seed: seed)
        return (0..<(rows * columns)).map { _ in Float(Double.random(in: -spread...spread, using: &rng)) }
    }

    @Test(arguments: blocks)
    func forwardMatchesTheSwiftKernelBitForBit(block: (Int, Int, Int)) {
        let (first, rows, columns) = block
        for spread in [0.5, 8, 60] {
            let scores = Self.randomBlock(rows: rows, columns: columns, seed: UInt64(first * 100 + rows), spread: spread)
            var reference = scores
            reference.withUnsafeMutableBufferPointer {
                Float.referenceCausalSoftmaxRows($0.baseAddress!, ld: columns, firstRow: first, rows: rows,
                                                 columns: columns, scale: 0.3162)
            }
            VectorExtension.forEachAvailable { level in
                var fast = scores
                fast.withUnsafeMutableBufferPointer {
                    Float.causalSoftmaxRows($0.baseAddress!, ld: columns, firstRow: first, rows: rows, columns: columns,
                                            scale: 0.3162)
                }
                #expect(fast == reference, "level \(level), block \(block), spread \(spread)")
            }
        }
    }

    @Test(arguments: blocks)
    func backwardMatchesTheSwiftKernelBitForBit(block: (Int, Int, Int)) {
        let (first, rows, columns) = block
        var weights = Self.randomBlock(rows: rows, columns: columns, seed: 7, spread: 4)
        weights.withUnsafeMutableBufferPointer {
            Float.referenceCausalSoftmaxRows($0.baseAddress!, ld: columns, firstRow: first, rows: rows, columns: columns,
                                             scale: 1)
        }
        let gradient = Self.randomBlock(rows: rows, columns: columns, seed: 8, spread: 1)
        var reference = gradient
        reference.withUnsafeMutableBufferPointer {
            Float.referenceCausalSoftmaxBackwardRows(weights, $0.baseAddress!, ld: columns, firstRow: first, rows: rows,
                                                     columns: columns, scale: 0.25)
        }
        VectorExtension.forEachAvailable { level in
            var fast = gradient
            fast.withUnsafeMutableBufferPointer {
                Float.causalSoftmaxBackwardRows(weights, $0.baseAddress!, ld: columns, firstRow: first, rows: rows,
                                                columns: columns, scale: 0.25)
            }
            #expect(fast == reference, "level \(level), block \(block)")
        }
    }

    @Test func theMachineRunsAVectorExtension() {
        // Not a requirement for correctness (every level gives the same numbers), but the speed claims of the
        // README assume it; print it so a slow run can be explained.
        print("C kernels on this machine: \(VectorExtension.name); levels usable: \(VectorExtension.available)")
        #expect([1, 3, 4].contains(VectorExtension.level))
    }
}
