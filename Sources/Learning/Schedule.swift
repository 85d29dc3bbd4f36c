import Foundation

/// Learning rate: linear warm-up from ~0 to `peak`, then half a cosine down to `floor`.
///
/// Steps are counted from 1 (the first update is step 1), so that
///   lr(warmupSteps) == peak  exactly   (the end of warm-up)
///   lr(totalSteps)  == floor exactly   (the last step)
/// Warm-up keeps Adam's first, badly estimated steps small; the cosine lets the model settle at the end.
public struct WarmupCosineSchedule: Sendable {
    public var peak: Double
    public var floor: Double
    public var warmupSteps: Int
    public var totalSteps: Int

    public init(peak: Double, floor: Double = 0, warmupSteps: Int, totalSteps: Int) {
        precondition(warmupSteps >= 0 && totalSteps >= warmupSteps, "schedule: need 0 ≤ warmup ≤ total steps")
        self.peak = peak; self.floor = floor; self.warmupSteps = warmupSteps; self.totalSteps = totalSteps
    }

    public func callAsFunction(_ step: Int) -> Double {
        if step <= warmupSteps { return peak * Double(step) / Double(warmupSteps) }
        if step >= totalSteps { return floor }
        let progress = Double(step - warmupSteps) / Double(totalSteps - warmupSteps)  // in (0, 1)
        return floor + (peak - floor) * 0.5 * (1 + cos(Double.pi * progress))
    }
}
