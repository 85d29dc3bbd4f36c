import LinearAlgebra

/// A causal delay embedding of a scalar series s: the row for time t is
///
///     y(t) = (s(t), s(t − τ), s(t − 2τ), …, s(t − (d − 1)τ)),
///
/// defined for t ≥ (d − 1)τ.
///
/// Notation used throughout the module (it follows Takens 1981, Kennel et al. 1992 and Cao 1997):
/// - **τ (tau)**, the *delay*, in samples: how far apart the looked-back values are;
/// - **d** (some papers write m), the *embedding dimension*: how many values each vector holds;
/// - **w**, the *Theiler window*: when searching for a point's neighbours we ignore points within w samples
///   of it in time, because they are close only because the trajectory has not moved yet (Theiler 1986).
///
/// Takens' theorem says that for generic h and d > 2·(attractor dimension) the map x(t) ↦ y(t) is one-to-one
/// on the attractor, so the delay vectors are a faithful copy of the hidden state. We look *backwards* in
/// time (causal) because that is what a sequence model reading left to right can do: at time t it has seen
/// s(t), s(t − 1), … but not the future.
///
/// `times[r]` is the time index t of row r, so anything indexed by time (the unobserved y and z, a forecast
/// target s(t + h)) can be aligned with the embedding exactly: `trajectory.selectingRows(embedding.times)`.
public struct DelayEmbedding: Sendable {
    /// One delay vector per row: (rows = n − (d − 1)τ) × d.
    public let vectors: Matrix<Double>
    /// The time index t of each row.
    public let times: [Int]
    /// Embedding dimension d.
    public let dimension: Int
    /// Delay τ in samples.
    public let delay: Int

    /// The span (d − 1)τ that each vector looks back over.
    public var window: Int { (dimension - 1) * delay }
}

/// Builds the causal delay embedding of `series` with dimension d and delay τ (see `DelayEmbedding`).
/// Throws if τ < 1, d < 1, or the series is too short to give at least one vector (needs (d − 1)τ + 1 samples).
public func delayEmbed(_ series: [Double], dimension d: Int, delay tau: Int) throws -> DelayEmbedding {
    guard tau >= 1 else { throw DynamicsError.invalidDelay(tau) }
    guard d >= 1 else { throw DynamicsError.invalidDimension(d) }
    let first = (d - 1) * tau
    guard series.count > first else { throw DynamicsError.seriesTooShort(length: series.count, needed: first + 1) }
    let times = Array(first..<series.count)
    var vectors = Matrix<Double>(rows: times.count, cols: d)
    for (r, t) in times.enumerated() {
        for k in 0..<d { vectors.data[r * d + k] = series[t - k * tau] }
    }
    return DelayEmbedding(vectors: vectors, times: times, dimension: d, delay: tau)
}
