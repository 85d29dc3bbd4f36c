import Learning
import LinearAlgebra
import Numerics
import SequenceModels

/// The LRU (chapter 3's `SequenceModels.LRU`, Orvieto et al. 2023) in coefficient form.
///
///     s_t = diag(λ) s_{t−1} + (γ ⊙ B) u_t,     y_t = Re(C s_t) + D u_t
///
/// The LRU mixes H channels into H channels with matrices, not one scalar α per token pair, so it splits into
/// H × H scalar systems, one per (output channel c, input channel c′), each reading the values u_j[c′]:
///
///     h_jj = [γ⊙B_{:,c′} (as Re/Im pairs); 1, 0],   A = diag(λ_1, …, λ_N, 0)  (complex diagonal on pairs)
///     q    = [Re C_{c,:}, −Im C_{c,:} (as pairs); D_{cc′}, 0],   b_j = 1,   φ = linear,   η = 1.
///
/// q·h = Re(C_c s) for the complex part. The skip D is a mode with eigenvalue 0: it is read at i = j and
/// forgotten at the next step. Nothing depends on the input (A, b, k, q are constant: the layer is linear and
/// time-invariant), so α_ij = K_{i−j}[c, c′] depends only on the lag: a Toeplitz matrix, the LRU's convolution
/// kernel (`LRU.kernel`), and |λ| < 1 makes it fade — a *filtered* delay embedding with fixed filters.
public struct LRUMixer<Scalar: RecurrenceScalar & Real>: SequenceMixer {
    public var lru: LRU<Scalar>

    public init(_ lru: LRU<Scalar>) { self.lru = lru }

    public init(width h: Int, stateSize n: Int, rMin: Double = 0.8, rMax: Double = 0.99, rng: inout SeededRNG) {
        lru = LRU(inputSize: h, stateSize: n, rMin: rMin, rMax: rMax, rng: &rng)
    }

    public var name: String { "LRU (S4D-like)" }
    public var form: MixerForm { MixerForm(evolution: "diag(λ), |λ| < 1 (fixed)", impulse: "γ = √(1−|λ|²)", readout: "linear", normaliser: "1") }
    public var inputWidth: Int { lru.inputSize }
    public var mixedWidth: Int { lru.inputSize }

    public func callAsFunction(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        sequenceMatrix(lru(sequenceTensor(x)))
    }

    /// The LRU's states [Re s_t, Im s_t] (L × 2N), as `LRU.states` computes them.
    public func states(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        sequenceMatrix(lru.states(sequenceTensor(x)))
    }

    /// A = diag(λ_1, …, λ_N, 0) on N + 1 pairs: the N modes and the skip.
    public var evolution: Evolution<Scalar> {
        let lambda = lru.eigenvalues
        return .complexDiagonal(re: lambda.map { Scalar($0.real) } + [0], im: lambda.map { Scalar($0.imaginary) } + [0])
    }

    /// The key γ⊙B_{:,c′} as Re/Im pairs, then the skip pair (1, 0).
    func key(input c: Int) -> [Scalar] {
        let n = lru.stateSize, h = lru.inputSize, gamma = lru.normaliser
        let bRe = lru.bRe.scalars, bIm = lru.bIm.scalars
        var k = [Scalar]()
        for m in 0..<n {
            let g = Scalar(gamma[m])
            k.append(g * bRe[m * h + c])
            k.append(g * bIm[m * h + c])
        }
        return k + [1, 0]
    }

    /// The system of (output channel c, input channel c′) for L tokens. With `stateQuery` the query reads one
    /// coordinate of the state instead (Re s_m or Im s_m, no skip), which gives `states`; `skip: false` leaves D
    /// out (the memory alone).
    public func system(output c: Int, input c2: Int, length: Int, stateQuery: Int? = nil,
                       skip: Bool = true) -> CoefficientSystem<Scalar> {
        let n = lru.stateSize
        var q: [Scalar]
        if let coordinate = stateQuery {
            q = Array(repeating: 0, count: 2 * n + 2)
            q[coordinate] = 1
        } else {
            let cRe = lru.cRe.scalars, cIm = lru.cIm.scalars
            q = []
            for m in 0..<n { q.append(cRe[c * n + m]); q.append(-cIm[c * n + m]) }
            q += [skip ? lru.d.scalars[c * lru.inputSize + c2] : 0, 0]
        }
        let k = key(input: c2)
        return CoefficientSystem(queries: Matrix(rowArrays: Array(repeating: q, count: length)),
                                 keys: Matrix(rowArrays: Array(repeating: k, count: length)),
                                 impulse: 1, evolution: evolution, readout: .linear, normalisation: .none)
    }

    public func coefficientHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let h = lru.inputSize
        return (0..<h).flatMap { c in (0..<h).map { c2 in
            CoefficientHead(system: system(output: c, input: c2, length: x.rows),
                            values: x.selectingColumns([c2]), outputColumns: [c])
        } }
    }

    /// The states in coefficient form: Re s_m and Im s_m (columns m and N + m) are sums over input channels c′.
    public func stateHeads(_ x: Matrix<Scalar>) -> [CoefficientHead<Scalar>] {
        let n = lru.stateSize, h = lru.inputSize
        return (0..<n).flatMap { m in [0, 1].flatMap { part in (0..<h).map { c2 in
            CoefficientHead(system: system(output: 0, input: c2, length: x.rows, stateQuery: 2 * m + part),
                            values: x.selectingColumns([c2]), outputColumns: [part * n + m])
        } } }
    }
}
