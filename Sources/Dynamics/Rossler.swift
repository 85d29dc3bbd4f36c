/// The Rössler system, a simpler chaotic flow with one "fold":
///
///     ẋ = −y − z,   ẏ = x + a y,   ż = b + z (x − c).
///
/// With a = b = 0.2, c = 5.7 the trajectory spirals out in the (x, y) plane and is occasionally lifted and
/// re-injected by a spike in z. Its x-series looks almost periodic (period ≈ 6 time units), a useful contrast
/// with Lorenz when choosing delays.
public struct Rossler: DynamicalSystem {
    public var a: Double
    public var b: Double
    public var c: Double

    public init(a: Double = 0.2, b: Double = 0.2, c: Double = 5.7) {
        self.a = a
        self.b = b
        self.c = c
    }

    public var dimension: Int { 3 }

    /// A point close to the attractor.
    public var defaultInitialCondition: [Double] { [1, 1, 0] }

    @inlinable
    public func derivative(_ s: [Double], into d: inout [Double]) {
        let x = s[0], y = s[1], z = s[2]
        d[0] = -y - z
        d[1] = x + a * y
        d[2] = b + z * (x - c)
    }
}
