// REINFORCE++ advantages (FLOWRL.md, "Baselines"): the discounted return per token (γ = 1, the outcome reward on
// the last token, so every token's return is R), whitened over the whole batch's valid tokens — no critic, no group.
// The baseline variant subtracts the group mean first, then whitens over the batch.
// Assumption (logged): the KL to the reference enters as a k3 loss term (coefficient 0.001), as for GRPO, not as
// a per-token reward penalty; the policy loss is the same dual-clipped surrogate.

/// Token-level REINFORCE++ advantages.
public enum ReinforcePlusPlus {
    /// Advantages (B·T, row-major) for responses with outcome rewards `rewards` (B) and response `mask` (B, T).
    ///
    /// - Parameter groupBaseline: subtract each group's mean reward (the "baseline" variant); `groups[i]` names the
    ///   prompt of response i.
    public static func advantages(rewards: [Double], groups: [Int], mask: [Float], groupBaseline: Bool) -> [Float] {
        let b = rewards.count, t = mask.count / Swift.max(b, 1)
        let stats = GroupStatistics(rewards, groups: groups)
        var returns = [Float](repeating: 0, count: mask.count)
        for row in 0..<b {
            let score = groupBaseline ? rewards[row] - stats.mean(of: groups[row]) : rewards[row]
            // γ = 1 and a single terminal reward: the return-to-go is the same at every response token.
            for j in (row * t)..<(row * t + t) where mask[j] != 0 { returns[j] = Float(score) }
        }
        return Whitening.whiten(returns, mask: mask)
    }
}
