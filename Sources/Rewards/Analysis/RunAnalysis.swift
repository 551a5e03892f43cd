// A run's statistics: per problem, then per benchmark and per slice (MATH subject/level, LiveCodeBench
// difficulty/platform/window), each metric with a bootstrap interval over problems.

/// The analysis of one run.
public struct RunAnalysis: Sendable {
    public var run: String
    /// Per-problem statistics, in the order given.
    public var problems: [ProblemStatistics]
    /// One summary per benchmark, by benchmark name.
    public var benchmarks: [GroupSummary]
    /// One summary per benchmark and facet value, sorted by benchmark, facet name and value.
    public var slices: [GroupSummary]

    /// Analyses `problems` of the run named `run`.
    ///
    /// Problems are analysed in parallel; every interval uses `options.bootstrap` (fixed seed), so the result is
    /// deterministic.
    /// `knownDiversity`, when given, has one entry per problem: its diversity when already computed (e.g. read
    /// from a cache of an earlier analysis with the same `options.clusterThreshold`), nil to compute it.
    /// - Complexity: O(total text + problems × n² × MinHash bins + groups × resamples × problems).
    public init(run: String, problems input: [ProblemSamples], options: AnalysisOptions = AnalysisOptions(),
                knownDiversity: [ProblemDiversity?]? = nil) {
        precondition(knownDiversity == nil || knownDiversity?.count == input.count, "one known diversity per problem")
        self.run = run
        let range = options.rewardRange ?? Histogram.range(of: input.lazy.flatMap { $0.samples.map(\.reward) })
        let stats: [ProblemStatistics] = parallelMapChunks(input.count, minimumChunk: 4) { chunk in
            var scratch = NGramScratch()
            return chunk.map {
                ProblemStatistics(input[$0], options: options, range: range, known: knownDiversity?[$0],
                                  scratch: &scratch)
            }
        }
        problems = stats
        var groups: [(benchmark: String, facet: Facet?, members: [Int])] = []
        var byBenchmark: [String: [Int]] = [:]
        var byFacet: [String: [Facet: [Int]]] = [:]
        for (i, p) in stats.enumerated() {
            byBenchmark[p.benchmark, default: []].append(i)
            for facet in p.facets { byFacet[p.benchmark, default: [:]][facet, default: []].append(i) }
        }
        for benchmark in byBenchmark.keys.sorted() {
            groups.append((benchmark, nil, byBenchmark[benchmark] ?? []))
        }
        for benchmark in byFacet.keys.sorted() {
            for (facet, members) in (byFacet[benchmark] ?? [:]).sorted(by: { $0.key < $1.key }) {
                groups.append((benchmark, facet, members))
            }
        }
        let allGroups = groups
        let summaries: [GroupSummary] = parallelMap(allGroups.count, minimumChunk: 1) { g in
            Self.summarize(run: run, benchmark: allGroups[g].benchmark, facet: allGroups[g].facet,
                           problems: allGroups[g].members.map { stats[$0] },
                           samples: allGroups[g].members.map { input[$0] }, options: options, range: range)
        }
        benchmarks = summaries.filter { $0.facet == nil }
        slices = summaries.filter { $0.facet != nil }
    }

    /// The summary of `benchmark` (whole benchmark), or nil.
    public func summary(benchmark: String) -> GroupSummary? { benchmarks.first { $0.benchmark == benchmark } }

    static func summarize(run: String, benchmark: String, facet: Facet?, problems: [ProblemStatistics],
                          samples: [ProblemSamples], options: AnalysisOptions,
                          range: (low: Double, high: Double)) -> GroupSummary {
        let minN = problems.map(\.n).min() ?? 0
        let ks = options.ks(forSamples: minN)
        // One metric row per (kind, k), all bootstrapped on shared draws of problems.
        var rows: [[Double]] = [problems.map(\.accuracy), problems.map { $0.majAtK[$0.n] ?? 0 }]
        for k in ks {
            rows.append(problems.map { $0.passAtK[k] ?? 0 })
            rows.append(problems.map { $0.majAtK[k] ?? 0 })
        }
        let estimates = options.bootstrap.intervals(rows)
        var avg: [Int: Estimate] = [:], pass: [Int: Estimate] = [:], maj: [Int: Estimate] = [:]
        let voted = samples.contains { $0.samples.contains { $0.answer != nil } }
        for (j, k) in ks.enumerated() {
            avg[k] = estimates[0]
            pass[k] = estimates[2 + 2 * j]
            if voted { maj[k] = estimates[3 + 2 * j] }
        }
        let curve = AnalysisOptions.curveKs(forSamples: minN).map { k in
            (k: k, value: problems.reduce(0.0) { $0 + ($1.passAtK[k] ?? 0) } / Double(max(1, problems.count)))
        }
        var allRewards: [Double] = []
        for p in samples.indices { for s in samples[p].samples.indices { allRewards.append(samples[p].samples[s].reward) } }
        let count = Double(max(1, problems.count))
        let rewards = RewardSummary(
            meanReward: allRewards.isEmpty ? 0 : allRewards.reduce(0, +) / Double(allRewards.count),
            meanVariance: problems.reduce(0) { $0 + $1.rewards.variance } / count,
            allCorrectShare: Double(problems.filter(\.allCorrect).count) / count,
            allWrongShare: Double(problems.filter(\.allWrong).count) / count,
            meanTargetEntropy: problems.reduce(0) { $0 + $1.rewards.targetEntropy } / count,
            meanNormalizedESS: problems.reduce(0) { $0 + $1.rewards.effectiveSampleSize / Double(max(1, $1.n)) } / count,
            histogram: Histogram(allRewards, low: range.low, high: range.high, bins: options.histogramBins))
        let diversity = options.diversity ? DiversitySummary(problems.compactMap(\.diversity)) : nil
        return GroupSummary(run: run, benchmark: benchmark, facet: facet, problems: problems.count,
                            samplesPerProblem: minN, ks: ks, avgAtK: avg, passAtK: pass, majAtK: maj,
                            accuracy: estimates[0], majority: voted ? estimates[1] : nil,
                            passCurve: curve, rewards: rewards, diversity: diversity,
                            audit: GraderAudit(problems: samples))
    }
}

extension RunAnalysis {
    /// Compares this run with `baseline` on `benchmark`: the per-problem accuracy (Avg@k) on the problems both
    /// sampled, with `PairedTest`. nil when they share no problem of that benchmark.
    public func compare(with baseline: RunAnalysis, benchmark: String, test: PairedTest = PairedTest())
        -> PairedComparison? {
        var base: [String: Double] = [:]
        for p in baseline.problems where p.benchmark == benchmark { base[p.problemID] = p.accuracy }
        var a: [Double] = [], b: [Double] = []
        for p in problems where p.benchmark == benchmark {
            if let other = base[p.problemID] {
                a.append(p.accuracy)
                b.append(other)
            }
        }
        guard !a.isEmpty else { return nil }
        return test.compare(a, b)
    }
}
