// Global-norm gradient clipping: if the whole gradient, seen as one long vector, is longer than `maxNorm`,
// shrink it (every tensor by the same factor) to length `maxNorm`. Its direction is kept; only the step size
// of a rare exploding step is limited.

extension ParameterVisitable {
    /// √(Σ over all tensors of Σ x²), accumulated in Double so a large model's sum does not lose digits.
    public var globalNorm: Double {
        var copy = self, total = 0.0
        copy.visitParameters { _, t in total += Double(t.sumOfSquares) }
        return total.squareRoot()
    }
}

/// Scales `gradient` down to global norm `maxNorm` if it is longer; returns the norm before clipping.
@discardableResult
public func clipByGlobalNorm<G: ParameterVisitable>(_ gradient: inout G, maxNorm: Double) -> Double {
    let norm = gradient.globalNorm
    if norm > maxNorm && norm.isFinite {
        let factor = G.Scalar(maxNorm / norm)
        gradient.visitParameters { _, t in t.scale(by: factor) }
    }
    return norm
}
