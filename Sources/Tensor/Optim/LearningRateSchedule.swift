// Learning-rate schedules: linear warm-up, then constant or cosine decay.
#if canImport(Glibc)
import Glibc
#endif

/// A learning rate as a function of the step number (0-based).
public struct LearningRateSchedule: Sendable, Codable, Equatable {
    /// What happens after warm-up.
    public enum Decay: String, Sendable, Codable { case constant, cosine }

    /// Peak learning rate, reached at the end of warm-up.
    public var peak: Float
    /// Steps of linear warm-up from peak/warmupSteps to peak.
    public var warmupSteps: Int
    /// Constant, or cosine from peak down to `minimum` at `totalSteps`.
    public var decay: Decay
    /// Total steps (cosine only).
    public var totalSteps: Int
    /// Floor of the cosine decay.
    public var minimum: Float

    /// Warm-up for `warmupSteps`, then constant at `peak` (the FlowRL paper's schedule).
    public static func warmupConstant(peak: Float, warmupSteps: Int) -> LearningRateSchedule {
        LearningRateSchedule(peak: peak, warmupSteps: warmupSteps, decay: .constant, totalSteps: 0, minimum: peak)
    }

    /// Warm-up for `warmupSteps`, then cosine decay to `minimum` at `totalSteps` (and `minimum` after).
    public static func warmupCosine(peak: Float, warmupSteps: Int, totalSteps: Int, minimum: Float = 0) -> LearningRateSchedule {
        LearningRateSchedule(peak: peak, warmupSteps: warmupSteps, decay: .cosine, totalSteps: totalSteps, minimum: minimum)
    }

    /// The learning rate at `step` (0-based).
    public func rate(at step: Int) -> Float {
        if step < warmupSteps { return peak * Float(step + 1) / Float(warmupSteps) }
        switch decay {
        case .constant: return peak
        case .cosine:
            let span = max(totalSteps - warmupSteps, 1)
            let progress = min(Float(step - warmupSteps) / Float(span), 1)
            return minimum + 0.5 * (peak - minimum) * (1 + cosf(Float.pi * progress))
        }
    }
}
