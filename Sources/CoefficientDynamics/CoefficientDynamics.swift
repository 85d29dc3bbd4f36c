// CoefficientDynamics: every sequence mixer written as y_i = Σ_{j≤i} α_ij v_j, with α_ij the output of a small
// linear system started by token j (paper 001, Sieber et al. 2025, as reconstructed in
// shared/research/paper001-coefficient-dynamics.md). Read in this order:
//
//   Evolution.swift              A_i: how the state of every past token's system moves one step (identity, scalar,
//                                diagonal, complex diagonal, Householder, dense, block-diagonal), its eigenvalues
//   Readout.swift                φ (linear, exp, ReLU, polynomial) and the normaliser η
//   CoefficientSystem.swift      the type: (A_i, b_j, φ, η) and the queries q_i, keys k_j; materialises α (L × L)
//   CoefficientSystem+Recurrent.swift  the two ways to run it token by token: a fixed-size state when φ is linear
//                                (principle 1), a cache of every past token's state when it is not
//   CoefficientSystem+Lift.swift a polynomial φ made linear on h ⊗ h ⊗ …: finite, but the state grows as n^p
//   SequenceMixer.swift          a mixer = its own implementation + one coefficient system per head or channel
//   Projections.swift            small helpers the mixers share (random projections, gates)
//   Mixers/*.swift               one mapping per file: softmax attention (ours, chapter 4), RoPE, ALiBi, linear
//                                attention, LRU (ours, chapter 3), Mamba-1/S6, Mamba-2/SSD, RetNet, GLA, DeltaNet
//                                and Gated DeltaNet, mLSTM, RG-LRU
//   Principles/*.swift           the six design principles as small measurements
//
// Notation (paper 001): for token j an autonomous linear system with state h_ij ∈ ℝⁿ, started by an impulse,
//
//     h_jj = b_j k_j,    h_ij = A_i h_{i−1,j}  (i > j)          so  h_ij = A_i A_{i−1} ⋯ A_{j+1} b_j k_j
//     α̃_ij = φ(q_iᵀ h_ij),    η_i = Σ_{j≤i} α̃_ij (or 1),    α_ij = α̃_ij / η_i,    y_i = Σ_{j≤i} α_ij v_j.
//
// Complex states (RoPE, RetNet, the LRU) are stored as real pairs (2m, 2m+1) = (Re, Im): the real dot product
// q·h of two such vectors is Re(conj(q) h), so everything stays real.

import LinearAlgebra
import Numerics

/// The scalars the coefficient view is computed in: Float and Double. BLAS for products, `Real` for exp/sqrt.
public typealias CoefficientScalar = BLASScalar & Real
