import Foundation

// Splitting the scans over cores. Sequences in a batch are independent, so each core can scan a contiguous
// block of them. `body(offset, count)` gets the scalar offset of its first sequence's first row and how many
// sequences it owns.

/// Runs the forward scan over blocks of sequences (serially for now; see `scanThreads`).
func parallelScan(sequences: Int, length: Int, width: Int, _ body: (Int, Int) -> Void) {
    body(0, sequences)
}

/// Runs the adjoint scan over blocks of sequences; each block accumulates dλ into its own buffer.
func parallelAdjointScan<S: RecurrenceScalar>(
    sequences: Int, length: Int, width: Int, states: Int,
    dLambdaRe: UnsafeMutablePointer<S>, dLambdaIm: UnsafeMutablePointer<S>,
    _ body: (Int, Int, UnsafeMutablePointer<S>, UnsafeMutablePointer<S>) -> Void
) {
    body(0, sequences, dLambdaRe, dLambdaIm)
}
