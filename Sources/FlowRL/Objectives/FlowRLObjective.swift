// The FlowRL objective (FLOWRL.md, "Objective"): a trajectory-balance squared residual per response,
//
//     δ = log Z_φ(x) + mean_t log π_θ(y_t | x, y_<t) − β·r̂(x, y) − mean_t log π_ref(y_t | x, y_<t)
//     L = mean over responses of w·δ²
//
// Signs: δ > 0 means the policy (times Z) puts more mass on y than the target exp(β·r̂)·π_ref does, so the
// gradient lowers log π_θ(y) and log Z. Detach points: π_ref and w carry no gradient; log π_θ and log Z do
// (log Z through the head and, unless the head detaches its input, the backbone).
import Tensor

/// The FlowRL loss on one mini-batch.
public enum FlowRLObjective {
    /// The per-response residuals and the loss.
    public struct Output {
        /// δ per response, (B).
        public var residuals: Tensor
        /// mean(w·δ²), shape [].
        public var loss: Tensor
    }

    /// - Parameters:
    ///   - logProbs: log π_θ of every (B, T) position, differentiable.
    ///   - refLogProbs: log π_ref at the same positions (no gradient).
    ///   - mask: 1 at response tokens, 0 at prompt and padding positions, (B, T).
    ///   - logZ: log Z_φ(x) per response, (B), differentiable.
    ///   - normalizedRewards: r̂ per response (see `RewardNormalization`).
    ///   - weights: w per response, already detached and clipped (see `ImportanceWeightMode`).
    ///   - beta: the reward scale β (15 in the paper).
    public static func loss(logProbs: Tensor, refLogProbs: Tensor, mask: Tensor, logZ: Tensor,
                            normalizedRewards: [Float], weights: [Float], beta: Float) -> Output {
        let b = logProbs.shape[0]
        precondition(logZ.shape == [b] && normalizedRewards.count == b && weights.count == b,
                     "FlowRLObjective: logZ \(logZ.shape), \(normalizedRewards.count) rewards, \(weights.count) weights for B = \(b)")
        // (B, T) -> (B): length-normalised log-probabilities over valid response tokens (denominator + 1e-8).
        let meanLogPolicy = logProbs.maskedMean(mask, axis: 1)
        let meanLogRef = Tensor.withoutGrad { refLogProbs.detached().maskedMean(mask, axis: 1) }
        let scaledReward = Tensor(normalizedRewards.map { beta * $0 }, shape: [b])
        let delta = logZ + meanLogPolicy - scaledReward - meanLogRef.detached()
        let loss = delta.squared().mul(Tensor(weights, shape: [b])).mean()
        return Output(residuals: delta, loss: loss)
    }

    /// w per response from per-token log-probabilities: exp(Σ_t mask·(log π_θ − log π_old)), then `mode`.
    /// Values only (the weight is detached by definition). Arrays are (B, T) row-major.
    public static func importanceWeights(logProbs: [Float], oldLogProbs: [Float], mask: [Float], batch: Int,
                                         mode: ImportanceWeightMode, epsilon: Float = 0.2) -> [Float] {
        let t = logProbs.count / Swift.max(batch, 1)
        return (0..<batch).map { row in
            var sum: Float = 0
            for j in (row * t)..<(row * t + t) where mask[j] != 0 { sum += logProbs[j] - oldLogProbs[j] }
            return mode.weight(logRatioSum: sum, epsilon: epsilon)
        }
    }
}
