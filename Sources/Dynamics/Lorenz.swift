/// The Lorenz-63 system, the standard example of a chaotic attractor and the system of paper 000:
///
///     ẋ = σ (y − x),   ẏ = x (ρ − z) − y,   ż = x y − β z.
///
/// With σ = 10, ρ = 28, β = 8/3 trajectories settle on the two-lobed "butterfly". Only x is observed in the
/// chapters; y and z are the unobserved coordinates a good embedding must make recoverable. Note the symmetry
/// (x, y, z) → (−x, −y, z): z cannot be a linear function of x and its delays, which is why decoding z needs a
/// nonlinear read-out.
public struct Lorenz63: DynamicalSystem {
    public var sigma: Double
    public var rho: Double
    public var beta: Double

    public init(sigma: Double = 10, rho: Double = 28, beta: Double = 8.0 / 3.0) {
        self.sigma = sigma
        self.rho = rho
        self.beta = beta
    }

    public var dimension: Int { 3 }

    /// The initial condition stored in `dysts` (used by paper 000), which lies on the attractor.
    public var defaultInitialCondition: [Double] { [-9.7869288, -15.03852, 20.533978] }

    @inlinable
    public func derivative(_ s: [Double], into d: inout [Double]) {
        let x = s[0], y = s[1], z = s[2]
        d[0] = sigma * (y - x)
        d[1] = x * (rho - z) - y
        d[2] = x * y - beta * z
    }
}
