// SequenceModels: the sequence layers of the course, read in this order.
//
//   RecurrenceScalar.swift   the per-element loops of the scan, specialised for Float and Double
//   LRU.swift                the Linear Recurrent Unit: parameters, eigenvalues, ring initialisation
//   LRU+Scan.swift           the layer's forward pass and its hand-written backward pass (BPTT as an adjoint scan)
//   LRU+Convolution.swift    the same layer as a causal convolution with kernel C·diag(λᵏ)·B̃: impulse responses
//   S4DInit.swift            S4D-Lin / S4D-Inv eigenvalues and zero-order-hold discretisation as an initialiser
//   LRUModel.swift           paper 000's SSM: Dense → LayerNorm → LRU → LayerNorm → MLP readout
//
//   AttentionScalar.swift    the per-element loops of attention (causal softmax and its pullback, RoPE), specialised
//   CausalAttention.swift    the attention core: scores, causal mask, softmax, weighted sum, and its pullback, as one
//                            primitive; also its myopic form (paper 002)
//   PositionalEncoding.swift learned, sinusoidal and rotary positions
//   CausalSelfAttention.swift  the multi-head layer: projections around the core, and the myopic switch
//   TransformerModel.swift   paper 000's transformer: Dense → (+positions) → LayerNorm → h0 + Attention(h0) → LayerNorm → MLP
//   GPT.swift                a small pre-LN GPT over tokens (chapter 7), with per-layer myopic flags and self-only
//                            attention (the "transformer bigram" baseline)
//   GPTRegressor.swift       the same GPT for real-valued sequences (paper 002's synthetic task)
//   MyopicSwitch.swift       the models that have the myopic switch, for comparing their two gradients
//
// Notation (Orvieto et al. 2023, "Resurrecting recurrent neural networks for long sequences"), used throughout:
//   u_t ∈ ℝᴴ    the layer's input at time t (H channels)
//   s_t ∈ ℂᴺ    the complex hidden state (N states)
//   λ ∈ ℂᴺ      the diagonal of the state matrix: the eigenvalues, kept inside the unit disk
//   B ∈ ℂᴺˣᴴ    input matrix, γ ∈ ℝᴺ its per-state normaliser, C ∈ ℂᴴˣᴺ output matrix, D ∈ ℝᴴˣᴴ skip
//   s_t = diag(λ) s_{t−1} + (γ ⊙ B) u_t,    y_t = Re(C s_t) + D u_t
//
// Attention notation (Vaswani et al. 2017): d the model width, H heads of size d_h = d/H, q, k, v the queries,
// keys and values, A = softmax(q kᵀ/√d_h + causal mask) the attention weights; paper 002's k_p, v_p are the keys
// and values of past positions computed from a stop-gradient copy of the layer input.
