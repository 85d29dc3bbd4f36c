import Foundation
import Learning
import LinearAlgebra
import SequenceModels

// Naive references for the attention tests, in Double, written as directly from the formulas as possible and
// sharing no code with the library: triple loops, no BLAS, no blocking, the causal mask as "j ≤ i".
// They read a model's weights through `namedParameters` (by name), so they also check that the names mean
// what they say.

/// A [rows × cols] weight stored [in, out] applied to row vectors: y = x·W + b, per row of x.
func naiveDense(_ x: [Double], rows: Int, _ w: [Double], _ b: [Double], inputs: Int, outputs: Int) -> [Double] {
    var y = [Double](repeating: 0, count: rows * outputs)
    for r in 0..<rows { for o in 0..<outputs {
        var s = b[o]
        for i in 0..<inputs { s += x[r * inputs + i] * w[i * outputs + o] }
        y[r * outputs + o] = s
    } }
    return y
}

func naiveLayerNorm(_ x: [Double], rows: Int, cols: Int, gain: [Double], bias: [Double]) -> [Double] {
    var y = x
    for r in 0..<rows {
        let row = Array(x[(r * cols)..<((r + 1) * cols)])
        let mean = row.reduce(0, +) / Double(cols)
        let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(cols)
        for c in 0..<cols { y[r * cols + c] = (row[c] - mean) / (variance + 1e-5).squareRoot() * gain[c] + bias[c] }
    }
    return y
}

func naiveGELU(_ x: Double) -> Double { 0.5 * x * (1 + Foundation.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))) }

/// The parameters of a model by name, as Double arrays.
func parameterDictionary<M: ParameterVisitable>(_ m: M) -> [String: [Double]] where M.Scalar == Double {
    Dictionary(uniqueKeysWithValues: m.namedParameters.map { ($0.name, $0.tensor.scalars) })
}

/// Naive causal multi-head attention for ONE query position i of sequence b:
/// y_i = W_O concat_h(Σ_{j≤i} softmax_j(q_i·k_j/√d_h) v_j) + b_O, with q, k, v projected from `h` (rows [T, d]).
/// `keyRows` (default `h`) supplies the rows used for positions j < i: pass frozen rows to hold the past constant.
/// Projections named prefix + "query.weight" etc.
func naiveAttentionRow(_ p: [String: [Double]], prefix: String = "", h: [Double], keyRows: [Double]? = nil,
                       i: Int, length t: Int, width d: Int, heads: Int, rotary: Bool) -> [Double] {
    let dh = d / heads
    func project(_ name: String, _ row: ArraySlice<Double>, position: Int) -> [Double] {
        var y = naiveDense(Array(row), rows: 1, p[prefix + name + ".weight"]!, p[prefix + name + ".bias"]!, inputs: d, outputs: d)
        if rotary && name != "value" {  // RoPE: rotate pairs (2m, 2m+1) of each head by position·10000^(−2m/d_h)
            for head in 0..<heads { for m in 0..<(dh / 2) {
                let angle = Double(position) * Foundation.pow(10_000, -Double(2 * m) / Double(dh))
                let a = head * dh + 2 * m, x0 = y[a], x1 = y[a + 1]
                y[a] = x0 * Foundation.cos(angle) - x1 * Foundation.sin(angle)
                y[a + 1] = x0 * Foundation.sin(angle) + x1 * Foundation.cos(angle)
            } }
        }
        return y
    }
    func row(_ j: Int) -> ArraySlice<Double> {
        let source = j < i ? (keyRows ?? h) : h
        return source[(j * d)..<((j + 1) * d)]
    }
    let q = project("query", row(i), position: i)
    let keys = (0...i).map { project("key", row($0), position: $0) }
    let values = (0...i).map { project("value", row($0), position: $0) }
    var o = [Double](repeating: 0, count: d)
    for head in 0..<heads {
        let c = (head * dh)..<((head + 1) * dh)
        let scores = keys.map { k in c.reduce(0) { $0 + q[$1] * k[$1] } / Double(dh).squareRoot() }
        let top = scores.max()!
        let e = scores.map { Foundation.exp($0 - top) }, total = e.reduce(0, +)
        for j in 0...i { for ch in c { o[ch] += e[j] / total * values[j][ch] } }
    }
    return naiveDense(o, rows: 1, p[prefix + "output.weight"]!, p[prefix + "output.bias"]!, inputs: d, outputs: d)
}

/// The whole sequence: [B, T, d] → [B, T, d], every position through `naiveAttentionRow`.
func naiveAttention(_ p: [String: [Double]], _ h: DT, heads: Int, rotary: Bool) -> [Double] {
    let (batch, t, d) = (h.shape[0], h.shape[1], h.shape[2])
    var y = [Double]()
    for b in 0..<batch {
        let rows = Array(h.scalars[(b * t * d)..<((b + 1) * t * d)])
        for i in 0..<t { y += naiveAttentionRow(p, h: rows, i: i, length: t, width: d, heads: heads, rotary: rotary) }
    }
    return y
}

/// Paper 000's transformer, naively: x [B, T, 1] → ŷ [B, T, 1].
///
/// With `frozenInput` (the attention inputs h0 [B·T·d] of some earlier evaluation), the output at position i uses
/// h0_j from `frozenInput` for every j < i and the live h0_i: each position's loss with its past held constant.
/// That is the definition of the myopic gradient (paper 002 §2.1), computed without the myopic layer.
func naiveTransformer(_ m: TransformerModel<Double>, _ x: DT, frozenInput: [Double]? = nil) -> [Double] {
    let p = parameterDictionary(m)
    let (batch, t, d, heads) = (x.shape[0], x.shape[1], m.attention.width, m.attention.heads)
    let h0 = naiveTransformerAttentionInput(m, x)
    var y = [Double]()
    for b in 0..<batch {
        let rows = Array(h0[(b * t * d)..<((b + 1) * t * d)])
        let frozen = frozenInput.map { Array($0[(b * t * d)..<((b + 1) * t * d)]) }
        for i in 0..<t {
            let a = naiveAttentionRow(p, prefix: "attention.", h: rows, keyRows: frozen, i: i, length: t, width: d,
                                      heads: heads, rotary: m.attention.rotary)
            let r = (0..<d).map { rows[i * d + $0] + a[$0] }
            let z = naiveLayerNorm(r, rows: 1, cols: d, gain: p["outputNorm.gain"]!, bias: p["outputNorm.bias"]!)
            let m1 = p["readout.layers.0.bias"]!.count
            let hidden = naiveDense(z, rows: 1, p["readout.layers.0.weight"]!, p["readout.layers.0.bias"]!,
                                    inputs: d, outputs: m1).map(naiveGELU)
            y += naiveDense(hidden, rows: 1, p["readout.layers.1.weight"]!, p["readout.layers.1.bias"]!, inputs: m1, outputs: 1)
        }
    }
    return y
}

/// h0 = LN₁(W_in x + b + p) for the naive transformer, [B·T·d].
func naiveTransformerAttentionInput(_ m: TransformerModel<Double>, _ x: DT) -> [Double] {
    let p = parameterDictionary(m)
    let (batch, t, d) = (x.shape[0], x.shape[1], m.attention.width)
    var e = naiveDense(x.scalars, rows: batch * t, p["encoder.weight"]!, p["encoder.bias"]!, inputs: 1, outputs: d)
    for b in 0..<batch { for s in 0..<t { for c in 0..<d {
        switch m.positions.encoding {
        case .learned: e[(b * t + s) * d + c] += p["positions.table"]![s * d + c]
        case .sinusoidal:
            let omega = Foundation.pow(10_000, -Double(c - c % 2) / Double(d))
            e[(b * t + s) * d + c] += c % 2 == 0 ? Foundation.sin(Double(s) * omega) : Foundation.cos(Double(s) * omega)
        case .none, .rotary: break
        }
    } } }
    return naiveLayerNorm(e, rows: batch * t, cols: d, gain: p["inputNorm.gain"]!, bias: p["inputNorm.bias"]!)
}
