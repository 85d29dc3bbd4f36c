// SequenceModels: the sequence layers of the course, read in this order.
//
//   RecurrenceScalar.swift   the per-element loops of the scan, specialised for Float and Double
//   LRU.swift                the Linear Recurrent Unit: parameters, eigenvalues, ring initialisation
//   LRU+Scan.swift           the layer's forward pass and its hand-written backward pass (BPTT as an adjoint scan)
//   LRU+Convolution.swift    the same layer as a causal convolution with kernel C·diag(λᵏ)·B̃: impulse responses
//   S4DInit.swift            S4D-Lin / S4D-Inv eigenvalues and zero-order-hold discretisation as an initialiser
//   LRUModel.swift           paper 000's SSM: Dense → LayerNorm → LRU → LayerNorm → MLP readout
//
// Notation (Orvieto et al. 2023, "Resurrecting recurrent neural networks for long sequences"), used throughout:
//   u_t ∈ ℝᴴ    the layer's input at time t (H channels)
//   s_t ∈ ℂᴺ    the complex hidden state (N states)
//   λ ∈ ℂᴺ      the diagonal of the state matrix: the eigenvalues, kept inside the unit disk
//   B ∈ ℂᴺˣᴴ    input matrix, γ ∈ ℝᴺ its per-state normaliser, C ∈ ℂᴴˣᴺ output matrix, D ∈ ℝᴴˣᴴ skip
//   s_t = diag(λ) s_{t−1} + (γ ⊙ B) u_t,    y_t = Re(C s_t) + D u_t
