import Learning
import SequenceModels
import _Differentiation

/// Paper 002's split of the training gradient (its code's `grad_angle` analysis):
///
///     g    the full (vanilla) gradient          Σ_j Σ_{i ≥ j} ∂ℓ_i/∂θ_j
///     g_m  the myopic gradient                  Σ_i ∂ℓ_i/∂θ_i          (each loss through its own position)
///     g_f  the future gradient  g − g_m         Σ_j Σ_{i > j} ∂ℓ_i/∂θ_j  (later losses through earlier positions)
///
/// g_f is the pre-caching signal: what position j's computation is trained to do *for* later positions. The
/// norms say how strong each part is and the cosine between g_m and g_f whether they pull the same way (> 0),
/// are unrelated (≈ 0) or compete (< 0).
public struct GradientDecomposition: Sendable {
    /// ‖g‖, ‖g_m‖, ‖g_f‖.
    public let full: Double, myopic: Double, future: Double
    /// cos(g_m, g_f); NaN when either is zero.
    public let cosine: Double

    /// From the two gradients of one loss at one point, matched by parameter name; `include` picks a part of the
    /// model (e.g. the names under "blocks.0.mlp"). A parameter the loss did not reach counts as zero.
    public init<G: ParameterVisitable>(full g: G, myopic gm: G, include: (String) -> Bool = { _ in true }) {
        var myopicByName = [String: Tensor<G.Scalar>]()
        for (name, t) in gm.namedParameters where include(name) { myopicByName[name] = t }
        var gg = 0.0, mm = 0.0, ff = 0.0, mf = 0.0
        for (name, t) in g.namedParameters where include(name) {
            let m = myopicByName[name]
            for i in 0..<t.scalars.count {
                let a = Double(t.scalars[i])
                let b = (m?.scalars.isEmpty ?? true) ? 0 : Double(m!.scalars[i])
                gg += a * a; mm += b * b; ff += (a - b) * (a - b); mf += b * (a - b)
            }
            myopicByName[name] = nil
        }
        for (_, t) in myopicByName { for b in t.scalars { let b = Double(b); mm += b * b; ff += b * b; mf -= b * b } }
        full = gg.squareRoot(); myopic = mm.squareRoot(); future = ff.squareRoot()
        cosine = mm > 0 && ff > 0 ? mf / (mm * ff).squareRoot() : .nan
    }

    /// Computes g and g_m of `loss` at `model` (switching its myopic flag) and splits them; `parts` names groups
    /// of parameters (by name prefix) to split separately as well.
    public static func measure<M: Trainable & MyopicSwitch>(
        _ model: M, parts: [String] = [], loss: @differentiable(reverse) (M) -> Tensor<M.Scalar>
    ) -> (total: GradientDecomposition, parts: [GradientDecomposition]) {
        var vanilla = model, myopic = model
        vanilla.myopic = false
        myopic.myopic = true
        let g = gradient(at: vanilla, of: loss), gm = gradient(at: myopic, of: loss)
        return (GradientDecomposition(full: g, myopic: gm),
                parts.map { prefix in GradientDecomposition(full: g, myopic: gm) { $0.hasPrefix(prefix) } })
    }
}
