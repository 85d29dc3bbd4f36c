//: ## Exercise 5.3 · Predict: do learned positions help an untrained transformer? (2 points)
//:
//: Section 4 scores the three models before any training. The transformer with learned positions adds a row of
//: its position table, p_t, to the encoded input before attention; at initialisation those rows are random N(0, 1)
//: vectors, about as large as the encoded input itself. The transformer without positions is the same model without
//: p_t. Predict, for the untrained models (same width, same data), what adding the random position table does to
//: the residual stream r_t as an embedding of the Lorenz state:
//:
//: * to the **neighbour overlap** (exercise 5.1: the fraction of true neighbours kept; higher is better);
//: * to the **future spread** E² (exercise 5.2: how far the futures of neighbours drift apart; lower is better).
//:
//: Answer each with a `Prediction`, comparing "with learned positions" to "without": `.increases`, `.decreases`,
//: or `.staysAboutTheSame` (within 20%). The grading builds both untrained models at a small scale for two seeds
//: and measures. Then check the overlap column of the chapter's section 4 table, and say in one sentence
//: *which* points the position table makes neighbours of each other.

extension Ch05 {
    /// Your prediction for the untrained transformer's neighbour overlap, with learned positions compared with none.
    public static func learnedPositionsOverlapPrediction() throws -> Prediction {
        // BEGIN SOLUTION
        // The random table adds a large code for *where in the sequence* a step is, unrelated to the Lorenz state:
        // neighbours in r become steps at similar positions of different trajectories, so true neighbours are lost.
        return .decreases
        // END SOLUTION
    }

    /// Your prediction for the untrained transformer's future spread E², with learned positions compared with none.
    public static func learnedPositionsFutureSpreadPrediction() throws -> Prediction {
        // BEGIN SOLUTION
        // Those position-neighbours come from different places on the attractor, so their futures differ.
        return .increases
        // END SOLUTION
    }
}
