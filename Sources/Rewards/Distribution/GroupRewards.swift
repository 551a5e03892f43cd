// The rewards of one problem's group of samples: moments, the group-normalised rewards GRPO and FlowRL train on,
// and the FlowRL target weights softmax(β·r̂) with their entropy and effective sample size.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reward statistics of one group (the n samples of one problem).
public struct GroupRewards: Sendable, Equatable {
    /// FlowRL's β (15 in the paper and its reference code).
    public static let defaultBeta = 15.0

    public var count: Int
    public var mean: Double
    /// Unbiased sample variance (divisor n − 1); 0 for a group of one.
    public var variance: Double
    /// Group z-scores r̂ᵢ = (Rᵢ − mean) / (std + 1e-6), std unbiased, as GRPO and FlowRL compute them
    /// (a group of one uses mean 0 and std 1; a constant group gives r̂ = 0).
    public var normalized: [Double]
    /// FlowRL target weights wᵢ = softmax(β·r̂)ᵢ, the normalised p*(y|x) ∝ exp(β·r̂) over the group.
    public var targetWeights: [Double]
    /// Shannon entropy of the target weights in nats (log n when uniform, 0 when one sample takes all).
    public var targetEntropy: Double
    /// Kish effective sample size of the target weights, 1 / Σ wᵢ² (n when uniform, 1 when one takes all).
    public var effectiveSampleSize: Double

    /// - Complexity: O(n).
    public init(rewards: [Double], beta: Double = GroupRewards.defaultBeta) {
        precondition(!rewards.isEmpty, "a reward group needs at least one sample")
        let n = rewards.count
        count = n
        mean = rewards.reduce(0, +) / Double(n)
        let m = mean
        variance = n > 1 ? rewards.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1) : 0
        let (center, spread) = n > 1 ? (m, variance.squareRoot()) : (0.0, 1.0)
        normalized = rewards.map { ($0 - center) / (spread + 1e-6) }
        let logits = normalized.map { beta * $0 }
        let top = logits.max() ?? 0
        let exps = logits.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        targetWeights = exps.map { $0 / total }
        targetEntropy = -targetWeights.reduce(0) { $1 > 0 ? $0 + $1 * log($1) : $0 }
        effectiveSampleSize = 1 / targetWeights.reduce(0) { $0 + $1 * $1 }
    }
}

/// Counts of values in equal-width bins over a fixed range.
public struct Histogram: Sendable, Equatable {
    /// The lower edge of the first bin and the upper edge of the last (values outside are clamped to the end bins).
    public var low: Double
    public var high: Double
    public var counts: [Int]

    /// - Parameters:
    ///   - bins: the number of equal-width bins over [low, high]; the last bin includes `high`.
    public init(_ values: some Sequence<Double>, low: Double, high: Double, bins: Int) {
        precondition(bins >= 1 && high > low, "a histogram needs bins ≥ 1 and high > low")
        self.low = low
        self.high = high
        var counts = [Int](repeating: 0, count: bins)
        let width = (high - low) / Double(bins)
        for value in values where value.isFinite {
            let bin = Int(((value - low) / width).rounded(.down))
            counts[min(max(bin, 0), bins - 1)] += 1
        }
        self.counts = counts
    }

    /// The bin edges, `counts.count + 1` of them.
    public var edges: [Double] {
        let width = (high - low) / Double(counts.count)
        return (0...counts.count).map { low + Double($0) * width }
    }

    /// A range covering `values` for a histogram: [min, max], widened to one unit when they are equal.
    public static func range(of values: some Sequence<Double>) -> (low: Double, high: Double) {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        if !lo.isFinite { return (0, 1) }
        if hi <= lo { return (lo - 0.5, lo + 0.5) }
        return (lo, hi)
    }
}
