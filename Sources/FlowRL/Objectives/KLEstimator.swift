// Per-token KL estimators between the policy and the reference (FLOWRL.md, "Baselines").

import Tensor
/// Per-token estimators of KL(π_θ ‖ π_ref) from log-probabilities of the sampled token.
public enum KLEstimator: String, Sendable, Codable, CaseIterable {
    /// k1 = log π_θ − log π_ref.
    case k1
    /// k2 = ½ (log π_θ − log π_ref)².
    case k2
    /// k3 ("low_var_kl"): with k = log π_ref − log π_θ, exp(k) − k − 1, clamped to [−10, 10].
    case k3

    /// The estimate per token, differentiable in `logProbs` (π_θ); `refLogProbs` carries no gradient.
    public func perToken(logProbs: Tensor, refLogProbs: Tensor) -> Tensor {
        let ref = refLogProbs.detached()
        switch self {
        case .k1: return logProbs - ref
        case .k2: return (logProbs - ref).squared().scaled(by: 0.5)
        case .k3:
            let k = ref - logProbs
            return (k.exp() - k - 1).clamped(min: -10, max: 10)
        }
    }
}
