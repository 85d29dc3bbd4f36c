import Foundation

// The two measuring tools every benchmark here uses.

/// The middle value (the mean of the two middle values for an even count): robust to the occasional slow run
/// the operating system causes, which a mean is not.
func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : (s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2]))
}

/// Wall-clock seconds taken by `body`.
func elapsedSeconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}
