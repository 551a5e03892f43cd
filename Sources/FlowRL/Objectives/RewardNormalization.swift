// Reward normalisation within the n responses of one prompt (FLOWRL.md, "Objective").

/// How scalar rewards become the r̂ that FlowRL's residual and the group advantages use.
public enum RewardNormalization: String, Sendable, Codable, CaseIterable {
    /// The GRPO group z-score: r̂ = (R − mean_g) / (std_g + 1e-6), std unbiased (N − 1); a group of one has
    /// mean 0 and std 1 (so r̂ = R); a constant group gives r̂ = 0. The paper's default.
    case group
    /// The raw reward: the target p* ∝ π_ref·exp(L·β·r) stays fixed (the `modes` task uses it).
    case none

    /// r̂ for `rewards`, where `groups[i]` names the prompt of response i (responses of a group need not be adjacent).
    public func normalize(_ rewards: [Double], groups: [Int]) -> [Double] {
        precondition(rewards.count == groups.count, "normalize: \(rewards.count) rewards for \(groups.count) group ids")
        switch self {
        case .none: return rewards
        case .group:
            let stats = GroupStatistics(rewards, groups: groups)
            return rewards.indices.map { i in
                let (mean, std) = stats.meanAndStd(of: groups[i])
                return (rewards[i] - mean) / (std + 1e-6)
            }
        }
    }
}

/// Per-group mean and unbiased standard deviation, with verl's convention for a group of one (mean 0, std 1).
public struct GroupStatistics: Sendable {
    private var members: [Int: [Double]] = [:]

    /// Statistics of `values` grouped by `groups`.
    public init(_ values: [Double], groups: [Int]) {
        for (v, g) in zip(values, groups) { members[g, default: []].append(v) }
    }

    /// (mean, std) of group `g`; (0, 1) for a group of one.
    public func meanAndStd(of g: Int) -> (mean: Double, std: Double) {
        guard let values = members[g], values.count > 1 else { return (0, 1) }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }

    /// The mean of group `g` (0 for a group of one, as above).
    public func mean(of g: Int) -> Double { meanAndStd(of: g).mean }
}
