// PPO (FLOWRL.md, "Baselines"): a critic (here a value head on the policy's backbone), GAE with γ = λ = 1 by
// default, advantages whitened over the batch's valid tokens, the dual-clipped surrogate for the actor and the
// clipped value loss ½·token-mean(max((V − R)², (V_clip − R)²)) with V_clip = V_old + clamp(V − V_old, ±0.5).
// Assumptions (logged): the outcome reward sits on the last response token; no KL penalty in the reward and no KL
// loss (verl's PPO defaults); the critic shares the backbone and its head learns 10× faster (the paper's critic lr
// is 10× the actor's), the value loss entering the total loss with a coefficient (default 0.5).
import Tensor

/// GAE and the PPO losses.
public enum PPOObjective {
    /// Advantages and returns per token (B·T, row-major; 0 outside the mask).
    public struct Estimates {
        /// Whitened GAE advantages.
        public var advantages: [Float]
        /// Unwhitened advantages + old values: the value targets R.
        public var returns: [Float]
    }

    /// GAE over each response's valid tokens with the outcome reward on its last valid token.
    ///
    /// δ_t = r_t + γ·V_{t+1} − V_t (V after the last token is 0); A_t = δ_t + γλ·A_{t+1}; R_t = A_t + V_t.
    public static func gae(rewards: [Double], values: [Float], mask: [Float], gamma: Float = 1, lambda: Float = 1) -> Estimates {
        let b = rewards.count, t = mask.count / Swift.max(b, 1)
        var advantages = [Float](repeating: 0, count: mask.count)
        var returns = advantages
        for row in 0..<b {
            let positions = ((row * t)..<(row * t + t)).filter { mask[$0] != 0 }
            var nextValue: Float = 0, running: Float = 0
            for (k, j) in positions.enumerated().reversed() {
                let reward: Float = k == positions.count - 1 ? Float(rewards[row]) : 0
                let delta = reward + gamma * nextValue - values[j]
                running = delta + gamma * lambda * running
                advantages[j] = running
                returns[j] = running + values[j]
                nextValue = values[j]
            }
        }
        return Estimates(advantages: Whitening.whiten(advantages, mask: mask), returns: returns)
    }

    /// ½ · token-mean of max((V − R)², (V_clip − R)²), differentiable in `values` (B, T).
    public static func valueLoss(values: Tensor, oldValues: Tensor, returns: Tensor, mask: Tensor,
                                 clip: Float = 0.5) -> Tensor {
        let old = oldValues.detached(), target = returns.detached()
        let clippedValues = (values - old).clamped(min: -clip, max: clip) + old
        let unclippedLoss = (values - target).squared()
        let clippedLoss = (clippedValues - target).squared()
        return unclippedLoss.maximum(clippedLoss).maskedMean(mask).scaled(by: 0.5)
    }
}
