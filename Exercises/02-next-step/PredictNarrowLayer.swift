//: ## Exercise 2.4 · Predict: a narrow hidden layer
//:
//: Section 5 found a surprise: the *untrained* MLP's last hidden layer (64 random GELU units reading the window
//: w(t)) already lets a linear probe recover z with R² ≈ 0.99. Predict what happens to that untrained probe score
//: if the hidden layers have 4 units instead of 64 (`make ch02 ARGS="--hidden 4"` shows it in the row "the
//: untrained hidden layer (step 0)"):
//:
//: Answer `.increases`, `.staysAboutTheSame` (within 0.05) or `.decreases`. The grading runs the experiment (a few
//: random networks, no training) and compares. Ask yourself what a linear probe needs from the features to
//: represent an *even* function of w.

extension Ch02 {
    /// Your prediction for the linear-probe R² of z from an untrained 4-unit hidden layer, compared with 64 units.
    public static func narrowLayerPrediction() throws -> Prediction {
        // BEGIN SOLUTION
        // Four random GELU features of an 8-number window are too few directions to span z, an even quadratic-like
        // function of w; sixty-four are plenty.
        return .decreases
        // END SOLUTION
    }
}
