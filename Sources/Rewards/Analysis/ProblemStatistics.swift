// Everything computed for one problem in one run.

/// The statistics of one problem's samples in one run.
public struct ProblemStatistics: Sendable, Equatable {
    public var problemID: String
    public var benchmark: String
    public var facets: [Facet]
    /// Samples and correct samples.
    public var n: Int
    public var c: Int
    /// c / n.
    public var accuracy: Double
    public var rewards: GroupRewards
    /// The rewards binned over the analysis' histogram range.
    public var histogram: Histogram
    /// pass@k for k = 1, 2, 4, …, n and any requested k ≤ n.
    public var passAtK: [Int: Double]
    /// maj@k for the same ks.
    public var majAtK: [Int: Double]
    /// Every sample correct / none correct (the groups with zero GRPO advantage).
    public var allCorrect: Bool
    public var allWrong: Bool
    public var diversity: ProblemDiversity?

    /// `known` is the problem's diversity when already computed (e.g. cached); it is computed otherwise.
    init(_ problem: ProblemSamples, options: AnalysisOptions, range: (low: Double, high: Double),
         known: ProblemDiversity?, scratch: inout NGramScratch) {
        problemID = problem.problemID
        benchmark = problem.benchmark
        facets = problem.facets
        n = problem.n
        c = problem.c
        accuracy = n > 0 ? Double(c) / Double(n) : 0
        let rewardValues = problem.samples.map(\.reward)
        rewards = GroupRewards(rewards: rewardValues.isEmpty ? [0] : rewardValues, beta: options.beta)
        histogram = Histogram(rewardValues, low: range.low, high: range.high, bins: options.histogramBins)
        var ks = Set(AnalysisOptions.curveKs(forSamples: n))
        ks.formUnion(options.ks(forSamples: n))
        var pass: [Int: Double] = [:]
        var maj: [Int: Double] = [:]
        for k in ks {
            pass[k] = Rewards.passAtK(n: n, c: c, k: k)
            maj[k] = majorityAtK(problem.samples, k: k)
        }
        passAtK = pass
        majAtK = maj
        allCorrect = n > 0 && c == n
        allWrong = c == 0
        diversity = options.diversity && n > 0
            ? known ?? ProblemDiversity(problem.samples, threshold: options.clusterThreshold, scratch: &scratch) : nil
    }
}
