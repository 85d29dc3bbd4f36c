import LinearAlgebra

/// `count` Floats uniform in [−1, 1], the operands of the matrix-product tests.
func randomFloats(_ count: Int, using rng: inout SeededRNG) -> [Float] {
    (0..<count).map { _ in Float(Double.random(in: -1...1, using: &rng)) }
}
