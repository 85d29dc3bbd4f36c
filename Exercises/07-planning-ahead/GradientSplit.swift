//: ## Exercise 7.4 · The two parts of the gradient (1 point)
//:
//: Section 6 splits the vanilla gradient g of a model into the myopic gradient g_m (each loss through its own
//: position only) and the future gradient
//:
//:     g_f = g − g_m          (later losses through earlier positions),
//:
//: and reports ‖g‖, ‖g_m‖, ‖g_f‖ and cos(g_m, g_f) = g_m·g_f / (‖g_m‖ ‖g_f‖). Given g and g_m as flat lists (every
//: parameter of the model, in the same order), compute the four numbers. The cosine is undefined when g_m or g_f
//: is zero: return `.nan` for it then. Throw `ExerciseError.invalidInput` when the lists are empty or differ in
//: length. (`GradientDecomposition` in `Sources/Experiments` is the library's version, which matches tensors by
//: name; write your own.)
//:
//: Then convince yourself of ‖g‖² = ‖g_m‖² + ‖g_f‖² + 2 cos(g_m, g_f) ‖g_m‖ ‖g_f‖. On D_p, `gradients.png`
//: shows a negative cosine: what does that say about ‖g‖ compared with the two parts?

extension Ch07 {
    /// ‖g‖, ‖g_m‖, ‖g_f‖ and cos(g_m, g_f) with g_f = g − g_m.
    public static func gradientSplit(full g: [Double], myopic gm: [Double]) throws
        -> (full: Double, myopic: Double, future: Double, cosine: Double) {
        // BEGIN SOLUTION
        guard !g.isEmpty, g.count == gm.count else {
            throw ExerciseError.invalidInput("g and g_m must be equally long and not empty (\(g.count) and \(gm.count))")
        }
        var gg = 0.0, mm = 0.0, ff = 0.0, mf = 0.0
        for (a, m) in zip(g, gm) {
            let f = a - m
            gg += a * a; mm += m * m; ff += f * f; mf += m * f
        }
        let cosine = mm > 0 && ff > 0 ? mf / (mm * ff).squareRoot() : .nan
        return (gg.squareRoot(), mm.squareRoot(), ff.squareRoot(), cosine)
        // END SOLUTION
    }
}
