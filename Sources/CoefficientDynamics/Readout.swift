import Numerics

/// φ, the readout that turns the score q_iᵀ h_ij into the coefficient α̃_ij.
///
/// Its *zero set* {z : φ(z) = 0} is paper 001's second principle: a token j is ignored by query i exactly when
/// q_iᵀ h_ij lands in it. Whether φ is linear is the first: only a linear φ lets q_i move outside the sum over
/// j, which is what gives a fixed-size recurrent state.
public enum Readout: Sendable, Equatable, CustomStringConvertible {
    /// φ(z) = z. Zero set {0}: the keys a query ignores lie on a hyperplane. State-space models, linear attention.
    case linear
    /// φ(z) = exp z. No zeros at all; softmax attention (with η = Σ).
    case exponential
    /// φ(z) = max(z, 0). Zero set (−∞, 0]: a whole half-space of keys is ignored at once.
    case relu
    /// φ(z) = Σ_p c_p z^p, e.g. exp truncated at degree P (c_p = 1/p!). Finite, but not linear.
    case polynomial([Double])

    public var isLinear: Bool { self == .linear }

    public func callAsFunction<Scalar: CoefficientScalar>(_ z: Scalar) -> Scalar {
        switch self {
        case .linear: return z
        case .exponential: return Scalar.exp(z)
        case .relu: return max(z, 0)
        case .polynomial(let c):
            var sum: Scalar = 0
            for coefficient in c.reversed() { sum = sum * z + Scalar(coefficient) }   // Horner
            return sum
        }
    }

    /// exp truncated after z^degree/degree!.
    public static func taylorExp(degree: Int) -> Readout {
        var c = [Double](), factorial = 1.0
        for p in 0...degree { if p > 0 { factorial *= Double(p) }; c.append(1 / factorial) }
        return .polynomial(c)
    }

    public var description: String {
        switch self {
        case .linear: return "linear"
        case .exponential: return "exp"
        case .relu: return "ReLU"
        case .polynomial(let c): return "polynomial (degree \(c.count - 1))"
        }
    }
}

/// η_i, the normaliser of row i: paper 001's sixth principle.
public enum Normalisation: Sendable, Equatable, CustomStringConvertible {
    /// η_i = 1.
    case none
    /// η_i = Σ_{j≤i} α̃_ij. With φ ≥ 0 every row of α is a convex combination: ‖y_i‖ ≤ max_j ‖v_j‖.
    case sum
    /// η_i = max(|Σ_{j≤i} α̃_ij|, 1), mLSTM's guard against a sum near zero.
    case sumAtLeastOne

    public var description: String {
        switch self {
        case .none: return "1"
        case .sum: return "Σ_j α̃_ij"
        case .sumAtLeastOne: return "max(|Σ_j α̃_ij|, 1)"
        }
    }

    /// η from the row sum of α̃.
    public func callAsFunction<Scalar: CoefficientScalar>(rowSum s: Scalar) -> Scalar {
        switch self {
        case .none: return 1
        case .sum: return s
        case .sumAtLeastOne: return max(abs(s), 1)
        }
    }
}
