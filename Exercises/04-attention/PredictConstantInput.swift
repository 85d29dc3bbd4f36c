//: ## Exercise 4.4 · Predict: attention without positions on a constant input
//:
//: Take paper 000's one-layer transformer *without* positional encodings (section 3), untrained, and feed it a
//: sequence in which every input is the same number. Predict its attention weights exactly: write A_ij as a formula
//: in the query position i and the key position j (0-based, j ≤ i; return 0 for j > i). The test builds the model
//: and compares your formula with every weight of every head.
//:
//: Then predict whether the weights stay the same when the model has *learned* positional encodings (random vectors
//: added to each position): return `true` if you expect your formula to hold for that model too.

extension Ch04 {
    /// Your formula for A_ij of the untrained model without positional encodings on a constant input.
    public static func constantInputWeight(query i: Int, key j: Int) throws -> Double {
        // BEGIN SOLUTION
        // Every position holds the same vector after the encoder and LayerNorm, so every query meets identical keys:
        // equal scores, and the softmax over the i + 1 visible positions is uniform.
        return j <= i ? 1 / Double(i + 1) : 0
        // END SOLUTION
    }

    /// Whether the formula also holds for the model with learned positional encodings.
    public static func formulaHoldsWithLearnedPositions() throws -> Bool {
        // BEGIN SOLUTION
        // No: the position vectors make the keys differ, so the scores, and the weights, differ.
        return false
        // END SOLUTION
    }
}
