// FlowRL's importance weight w = exp(Σ_t [log π_θ − log π_old]) over a response's tokens (a sum, not a mean),
// detached from the gradient, in the three versions that exist (FLOWRL.md, "Objective").
#if canImport(Glibc)
import Glibc
#endif

/// Which version of the importance weight to use.
public enum ImportanceWeightMode: String, Sendable, Codable, CaseIterable {
    /// The paper's text: clip(w, 1 − ε, 1 + ε) with ε = 0.2 (the default).
    case clip
    /// The merged recipe: min(w, 10).
    case cap
    /// The first released code: w unclipped.
    case none

    /// The weight of a response from its per-token log-ratio sum Σ_t (log π_θ − log π_old).
    ///
    /// - Parameter epsilon: the clip half-width (clip mode only).
    public func weight(logRatioSum: Float, epsilon: Float = 0.2) -> Float {
        let w = expf(logRatioSum)
        switch self {
        case .clip: return Swift.min(Swift.max(w, 1 - epsilon), 1 + epsilon)
        case .cap: return Swift.min(w, 10)
        case .none: return w
        }
    }
}
