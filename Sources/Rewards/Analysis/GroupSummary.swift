// The numbers reported for one run on one benchmark (or one slice of it: a MATH subject, a LiveCodeBench window).

/// Reward-distribution summary over a group of problems.
public struct RewardSummary: Sendable, Equatable {
    /// Mean reward over all samples.
    public var meanReward: Double
    /// Mean over problems of the within-problem reward variance.
    public var meanVariance: Double
    /// Share of problems whose samples are all correct / all not correct (zero GRPO advantage).
    public var allCorrectShare: Double
    public var allWrongShare: Double
    /// Means over problems of the FlowRL target weights' entropy (nats) and of ESS / n.
    public var meanTargetEntropy: Double
    public var meanNormalizedESS: Double
    /// Rewards of all samples, binned.
    public var histogram: Histogram
}

/// One run on one benchmark or slice.
public struct GroupSummary: Sendable, Equatable {
    public var run: String
    public var benchmark: String
    /// nil for the whole benchmark.
    public var facet: Facet?
    public var problems: Int
    /// The smallest number of samples of any problem in the group (every k reported is at most this).
    public var samplesPerProblem: Int
    public var ks: [Int]
    /// Avg@k, pass@k, maj@k for each k in `ks`, with bootstrap intervals over problems.
    public var avgAtK: [Int: Estimate]
    public var passAtK: [Int: Estimate]
    public var majAtK: [Int: Estimate]
    /// Avg@k with k = n (the mean accuracy; the same value as every `avgAtK` entry).
    public var accuracy: Estimate
    /// maj@k with k = each problem's n (the vote of all its samples); nil (and `majAtK` empty) when no sample of
    /// the group has an extracted answer (code).
    public var majority: Estimate?
    /// Point values of pass@k for k = 1, 2, 4, …, n (the pass@k curve).
    public var passCurve: [(k: Int, value: Double)]
    public var rewards: RewardSummary
    public var diversity: DiversitySummary?
    public var audit: GraderAudit

    public static func == (a: GroupSummary, b: GroupSummary) -> Bool {
        a.run == b.run && a.benchmark == b.benchmark && a.facet == b.facet && a.problems == b.problems
            && a.ks == b.ks && a.avgAtK == b.avgAtK && a.passAtK == b.passAtK && a.majAtK == b.majAtK
    }

    /// A label: the benchmark, with the slice when there is one ("math500 · subject=algebra").
    public var label: String {
        guard let facet else { return benchmark }
        return "\(benchmark) · \(facet.name)=\(facet.value)"
    }
}
