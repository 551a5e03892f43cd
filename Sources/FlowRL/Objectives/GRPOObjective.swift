// GRPO (FLOWRL.md, "Baselines"): the group z-score of the outcome reward broadcast to every response token, the
// dual-clipped surrogate aggregated as a token-mean over the mini-batch's valid tokens, plus a k3 KL term to the
// reference with coefficient 0.001.
import Tensor

/// The GRPO loss on one mini-batch.
public enum GRPOObjective {
    /// The loss and its parts.
    public struct Output {
        /// policy loss + klCoefficient · KL, shape [].
        public var loss: Tensor
        /// The token-mean surrogate, shape [].
        public var policyLoss: Tensor
        /// The token-mean KL estimate, shape [].
        public var kl: Tensor
    }

    /// Per-response advantages: the group z-score of the rewards (a constant group gives 0 everywhere).
    public static func advantages(rewards: [Double], groups: [Int]) -> [Float] {
        RewardNormalization.group.normalize(rewards, groups: groups).map(Float.init)
    }

    /// - Parameters:
    ///   - logProbs: log π_θ (B, T), differentiable; `oldLogProbs`, `refLogProbs` (B, T) carry no gradient.
    ///   - mask: 1 at valid response tokens (B, T).
    ///   - advantages: one advantage per response (B), broadcast over its tokens.
    public static func loss(logProbs: Tensor, oldLogProbs: Tensor, refLogProbs: Tensor, mask: Tensor,
                            advantages: [Float], clip: SurrogateClip = SurrogateClip(),
                            klCoefficient: Float = 0.001, kl estimator: KLEstimator = .k3) -> Output {
        let b = logProbs.shape[0], t = logProbs.shape[1]
        precondition(advantages.count == b, "GRPOObjective: \(advantages.count) advantages for B = \(b)")
        // (B) -> (B, T): every token of a response carries its response's advantage.
        let perToken = Tensor(advantages.flatMap { [Float](repeating: $0, count: t) }, shape: [b, t])
        return TokenPolicyLoss.combine(logProbs: logProbs, oldLogProbs: oldLogProbs, refLogProbs: refLogProbs,
                                       mask: mask, advantages: perToken, clip: clip, klCoefficient: klCoefficient,
                                       estimator: estimator)
    }
}

/// The surrogate-plus-KL combination the token-level methods share (GRPO, PPO's actor, REINFORCE++).
public enum TokenPolicyLoss {
    /// token-mean(surrogate) + klCoefficient · token-mean(KL); the KL term is skipped when the coefficient is 0.
    public static func combine(logProbs: Tensor, oldLogProbs: Tensor, refLogProbs: Tensor, mask: Tensor,
                               advantages: Tensor, clip: SurrogateClip, klCoefficient: Float,
                               estimator: KLEstimator) -> GRPOObjective.Output {
        let policy = ClippedSurrogate.perToken(logProbs: logProbs, oldLogProbs: oldLogProbs, advantages: advantages,
                                               clip: clip).maskedMean(mask)
        guard klCoefficient != 0 else {
            return GRPOObjective.Output(loss: policy, policyLoss: policy, kl: Tensor.scalar(0))
        }
        let kl = estimator.perToken(logProbs: logProbs, refLogProbs: refLogProbs).maskedMean(mask)
        return GRPOObjective.Output(loss: policy + kl.scaled(by: klCoefficient), policyLoss: policy, kl: kl)
    }
}
