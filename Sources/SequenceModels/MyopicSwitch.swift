/// A model with paper 002's myopic switch: the same forward pass either way, and with `myopic` on, gradients
/// that never reach a past position's computation (see `CausalSelfAttention`). Lets experiments compare the
/// vanilla and the myopic gradient of one model on one batch (`GradientDecomposition` in Experiments).
public protocol MyopicSwitch {
    var myopic: Bool { get set }
}

extension GPT: MyopicSwitch {}
extension GPTRegressor: MyopicSwitch {}
extension TransformerModel: MyopicSwitch {}
