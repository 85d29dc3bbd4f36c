/// What can go wrong when embedding or analysing a time series, said in words a student can act on.
public enum DynamicsError: Error, CustomStringConvertible, Equatable {
    /// The delay τ must be at least one sample: τ = 0 would repeat the same value d times.
    case invalidDelay(Int)
    /// The embedding dimension d must be at least one coordinate.
    case invalidDimension(Int)
    /// The series has `length` samples but the request needs at least `needed`.
    case seriesTooShort(length: Int, needed: Int)
    /// Any other argument outside its meaningful range.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidDelay(let tau):
            return "delay τ = \(tau) is invalid: τ must be ≥ 1 sample"
        case .invalidDimension(let d):
            return "embedding dimension d = \(d) is invalid: d must be ≥ 1"
        case .seriesTooShort(let length, let needed):
            return "series too short: \(length) samples, need at least \(needed) (a longer series, or smaller d or τ)"
        case .invalidArgument(let what):
            return "invalid argument: \(what)"
        }
    }
}
