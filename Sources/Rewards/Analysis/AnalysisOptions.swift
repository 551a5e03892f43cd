// What a run analysis computes and with which settings.

/// Settings of `RunAnalysis`.
public struct AnalysisOptions: Sendable {
    /// The k of pass@k, maj@k and Avg@k in tables; nil for `defaultKs` (1, 4, 16, and n when smaller than 16).
    public var ks: [Int]?
    /// FlowRL's β for the target weights.
    public var beta: Double
    public var bootstrap: Bootstrap
    /// Compute the diversity metrics (the costliest part; reads every response text).
    public var diversity: Bool
    /// Similarity threshold of the solution clusters.
    public var clusterThreshold: Double
    /// The reward histogram's range (nil: the run's own range) and bin count.
    public var rewardRange: (low: Double, high: Double)?
    public var histogramBins: Int

    public init(ks: [Int]? = nil, beta: Double = GroupRewards.defaultBeta, bootstrap: Bootstrap = Bootstrap(),
                diversity: Bool = true, clusterThreshold: Double = SolutionClusters.defaultThreshold,
                rewardRange: (low: Double, high: Double)? = nil, histogramBins: Int = 10) {
        self.ks = ks
        self.beta = beta
        self.bootstrap = bootstrap
        self.diversity = diversity
        self.clusterThreshold = clusterThreshold
        self.rewardRange = rewardRange
        self.histogramBins = histogramBins
    }

    /// The ks reported for groups with at least `n` samples per problem: the requested ones that are ≤ n, or
    /// 1, 4, 16 (those ≤ n) plus n itself when n < 16.
    public func ks(forSamples n: Int) -> [Int] {
        guard n >= 1 else { return [] }
        if let ks { return ks.filter { $0 >= 1 && $0 <= n } }
        var out = [1, 4, 16].filter { $0 <= n }
        if n < 16 && !out.contains(n) { out.append(n) }
        return out
    }

    /// The ks of a pass@k curve: powers of two up to n, and n.
    public static func curveKs(forSamples n: Int) -> [Int] {
        guard n >= 1 else { return [] }
        var out: [Int] = []
        var k = 1
        while k <= n {
            out.append(k)
            k *= 2
        }
        if out.last != n { out.append(n) }
        return out
    }
}
