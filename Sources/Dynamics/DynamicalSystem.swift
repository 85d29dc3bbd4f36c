/// A continuous-time dynamical system ẋ = f(x): the hidden "world" that a time series is a shadow of.
///
/// Takens' theorem is about such systems: we only see one scalar function of the state, s(t) = h(x(t)),
/// yet delay vectors of s recover the attractor. Every system in this module is written as a vector field f
/// so that one integrator (`rk4Step`) serves them all.
///
/// `derivative(_:into:)` writes f(state) into a caller-owned buffer instead of returning a new array. An
/// integrator calls it four times per step for hundreds of thousands of steps, and returning arrays would
/// allocate on every call; writing into reused storage keeps the inner loop allocation-free.
public protocol DynamicalSystem: Sendable {
    /// Number of state variables (3 for Lorenz-63 and Rössler).
    var dimension: Int { get }
    /// A state on (or near) the attractor, so a short burn-in suffices.
    var defaultInitialCondition: [Double] { get }
    /// Writes ẋ = f(state) into `into` (which already has `dimension` elements).
    func derivative(_ state: [Double], into: inout [Double])
}
