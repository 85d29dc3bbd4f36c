import LinearAlgebra

/// Cross mapping: reconstructing an unobserved coordinate from the delay embedding of an observed one
/// (Sugihara et al. 2012, "convergent cross mapping").
///
/// Takens' theorem says the delay vectors of x are a one-to-one image of the full state (x, y, z). Then z is a
/// *function* of the delay vector, z(t) = F(y_x(t)), even though we never wrote F down. Cross mapping
/// estimates F nonparametrically: for a held-out delay vector, find its d + 1 nearest delay vectors in a
/// library (where z was recorded) and average their z values with simplex weights. If the embedding is
/// faithful, the estimate is accurate; if it is folded, neighbours come from different parts of the
/// attractor and the estimate fails.
///
/// This is a *nonlinear* decoder, and for Lorenz it has to be: the system is symmetric under
/// (x, y, z) → (−x, −y, z), so z is an even function of the x-delays and any linear read-out of them predicts
/// z poorly (see `quadraticFeatures` for a linear alternative that works).
///
/// - Parameters:
///   - embedding: delay vectors of the observed series.
///   - targets: the unobserved quantities **indexed by time** (row t is the value at time t, e.g.
///     `trajectory.selectingColumns([1, 2])` for y and z); rows are aligned through `embedding.times`.
///   - trainFraction: the first part of the embedding rows is the library, the rest is reconstructed.
///   - k: neighbours averaged (default d + 1).
public func crossMap(_ embedding: DelayEmbedding, targets: Matrix<Double>, trainFraction: Double = 0.5,
                     k: Int? = nil) throws -> Reconstruction {
    guard let last = embedding.times.last, last < targets.rows else {
        throw DynamicsError.invalidArgument("crossMap: targets have \(targets.rows) rows but the embedding reaches time \(embedding.times.last ?? -1)")
    }
    return try crossMap(features: embedding.vectors, targets: targets.selectingRows(embedding.times),
                        trainFraction: trainFraction, k: k)
}

/// Cross mapping from any features, one row per time step, to targets aligned row by row: the same
/// nearest-neighbour decoder, applied to hidden states of a model instead of delay vectors. Later chapters
/// use it to ask whether a network's state is an embedding, not merely whether y and z are *linear* in it.
///
/// With many features (a model's hidden state) the default k = columns + 1 would average far too many
/// neighbours; pass k of about the attractor's embedding dimension + 1 (4 for Lorenz).
public func crossMap(features: Matrix<Double>, targets: Matrix<Double>, trainFraction: Double = 0.5,
                     k: Int? = nil) throws -> Reconstruction {
    guard features.rows == targets.rows else {
        throw DynamicsError.invalidArgument("crossMap: \(features.rows) feature rows but \(targets.rows) target rows")
    }
    let n = features.rows
    let nTrain = try trainCount(rows: n, trainFraction: trainFraction)
    let projector = SimplexProjector(library: features.selectingRows(0..<nTrain),
                                     targets: targets.selectingRows(0..<nTrain), k: k)
    let test = nTrain..<n
    return Reconstruction(testRows: test,
                          predicted: projector.predict(features.selectingRows(test)),
                          actual: targets.selectingRows(test))
}
