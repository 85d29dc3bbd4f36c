//: ## Exercise 3.4 · Predict: how long should the layer remember?
//:
//: Section 4 puts all N eigenvalues of an *untrained* LRU on one circle of radius r and asks how well its state
//: determines z (cross mapping). Before looking at `figures/03-ssm/radius.png`, predict which of three memories
//: decodes z best:
//:
//: * r = 0.5: each mode forgets within about 2 steps;
//: * r = 0.95: about 20 steps, roughly one of chapter 1's delays τ ≈ 17;
//: * r = 0.999: about 1000 steps, several turns around the attractor.
//:
//: Return the radius you expect to win (0.5, 0.95 or 0.999). The grading measures all three at a small scale, on
//: the clean x as section 4 does. Then look at the figure over the whole range of r, where the noisy observation
//: is drawn too: why does the shortest memory lose most to noise, and why does the longest one fail
//: altogether? (Section 4 names two reasons for the second; neither is "chaos has made the past noise".)

extension Ch03 {
    /// The radius (0.5, 0.95 or 0.999) whose untrained LRU state you expect to decode z best.
    public static func bestMemoryPrediction() throws -> Double {
        // BEGIN SOLUTION
        // About one delay τ of memory: enough past to unfold the attractor without leaning on differences of noisy
        // neighbouring values (short memories), and without slow modes that dominate the distances and have not
        // settled within the warm-up (long memories).
        return 0.95
        // END SOLUTION
    }
}
