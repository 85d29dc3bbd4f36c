//: ## Exercise 1.4 · Predict: a delay of one step
//:
//: Chapter 1 chose τ at the first minimum of the mutual information (about 17 steps at dt = 0.01) and decoded z
//: from three delays by cross mapping with a held-out R² near 1. Before you run anything, predict what happens to
//: that R² (d = 3, 1% noise) if the delay is a single step instead:
//:
//:     make ch01 ARGS="--tau 1 --dimension 3"
//:
//: Answer with a `Prediction`: `.increases`, `.staysAboutTheSame` (within 0.02 of its value at τ ≈ 17) or
//: `.decreases`. The test runs the experiment at a small scale and checks your prediction against it. Then run the
//: chapter and look at `figures/01-takens/embedded.png`: can you say *why*, in terms of where the delay vectors lie?

extension Ch01 {
    /// Your prediction for the cross-mapped R² of z at d = 3 when τ = 1 instead of the mutual information's τ.
    public static func shortDelayPrediction() throws -> Prediction {
        // BEGIN SOLUTION
        // With τ = 1 the three coordinates are nearly equal: the vectors crowd along the diagonal, the 1% noise is
        // as large as their differences, and neighbours in delay space stop being neighbours on the attractor.
        return .decreases
        // END SOLUTION
    }
}
