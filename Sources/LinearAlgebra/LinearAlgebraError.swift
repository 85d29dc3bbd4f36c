/// What can go wrong inside LAPACK, said in words a student can act on.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable {
    case shapeMismatch(String)
    case notPositiveDefinite(routine: String)
    case didNotConverge(routine: String, info: Int32)
    case invalidArgument(routine: String, info: Int32)

    public var description: String {
        switch self {
        case .shapeMismatch(let what): return "shape mismatch: \(what)"
        case .notPositiveDefinite(let r):
            return "\(r): matrix is not positive definite (try a larger ridge penalty λ)"
        case .didNotConverge(let r, let info): return "\(r) did not converge (info = \(info))"
        case .invalidArgument(let r, let info): return "\(r): argument \(-info) is invalid"
        }
    }

    static func check(_ info: Int32, _ routine: String) throws {
        if info < 0 { throw LinearAlgebraError.invalidArgument(routine: routine, info: info) }
        if info > 0 { throw LinearAlgebraError.didNotConverge(routine: routine, info: info) }
    }
}
