// The machine-readable form of the statistics (`flowrl stats --json`): one object per run and benchmark, and
// optionally one per run and problem.
import FlowRLCore
import Rewards

/// JSON objects for `flowrl stats --json`.
public enum StatisticsJSON {
    /// One run on one benchmark. Keys: `run`, `benchmark`, `problems`, `samples_per_problem`, `avg_at_k`,
    /// `pass_at_k`, `maj_at_k` (each keyed by k with `value`, `ci_low`, `ci_high`), `rewards`, `diversity`,
    /// `audit`, `slices` (the same metrics per facet value) and, when a baseline is given and is another run,
    /// `comparison` (`baseline`, `difference`, `ci_low`, `ci_high`, `p_value`, `problems`).
    public static func summary(_ s: GroupSummary, comparison: (baseline: String, result: PairedComparison)? = nil,
                               slices: [GroupSummary] = []) -> JSONValue {
        var object: JSONObject = [
            "run": .string(s.run), "benchmark": .string(s.benchmark), "problems": int(s.problems),
            "samples_per_problem": int(s.samplesPerProblem),
        ]
        object.set("avg_at_k", keyed(s.avgAtK))
        object.set("pass_at_k", keyed(s.passAtK))
        object.set("maj_at_k", keyed(s.majAtK))
        object.set("rewards", rewards(s.rewards))
        object.set("diversity", s.diversity.map(diversity) ?? .null)
        object.set("audit", audit(s.audit))
        if !slices.isEmpty {
            object.set("slices", .array(slices.map { slice in
                var o: JSONObject = ["facet": .string(slice.facet?.name ?? ""), "value": .string(slice.facet?.value ?? ""),
                                     "problems": int(slice.problems), "samples_per_problem": int(slice.samplesPerProblem)]
                o.set("avg_at_k", keyed(slice.avgAtK))
                o.set("pass_at_k", keyed(slice.passAtK))
                o.set("maj_at_k", keyed(slice.majAtK))
                return .object(o)
            }))
        }
        if let comparison {
            let c = comparison.result
            object.set("comparison", .object([
                "baseline": .string(comparison.baseline), "metric": .string("avg"),
                "difference": number(c.difference.value), "ci_low": number(c.difference.low),
                "ci_high": number(c.difference.high), "p_value": number(c.pValue), "problems": int(c.problems),
            ]))
        }
        return .object(object)
    }

    /// One run on one problem: counts, pass@k / maj@k, the reward group (histogram, moments, r̂, target weights,
    /// their entropy and ESS) and the diversity metrics.
    public static func problem(run: String, _ p: ProblemStatistics) -> JSONValue {
        var object: JSONObject = ["run": .string(run), "problem": .string(p.problemID), "benchmark": .string(p.benchmark),
                                  "n": int(p.n), "c": int(p.c), "accuracy": number(p.accuracy)]
        object.set("pass_at_k", .object(JSONObject(p.passAtK.sorted { $0.key < $1.key }.map { (String($0.key), number($0.value)) })))
        object.set("maj_at_k", .object(JSONObject(p.majAtK.sorted { $0.key < $1.key }.map { (String($0.key), number($0.value)) })))
        object.set("rewards", .object([
            "mean": number(p.rewards.mean), "variance": number(p.rewards.variance),
            "histogram": histogram(p.histogram),
            "normalized": .array(p.rewards.normalized.map(number)),
            "target_weights": .array(p.rewards.targetWeights.map(number)),
            "target_entropy": number(p.rewards.targetEntropy),
            "effective_sample_size": number(p.rewards.effectiveSampleSize),
            "all_correct": .bool(p.allCorrect), "all_wrong": .bool(p.allWrong),
        ]))
        if let d = p.diversity {
            var o = JSONObject()
            for (i, v) in d.distinct.enumerated() { o.set("distinct_\(i + 1)", number(v)) }
            o.set("self_bleu", d.selfBLEU.map(number) ?? .null)
            o.set("jaccard", d.jaccard.map(number) ?? .null)
            o.set("compression_similarity", d.compressionSimilarity.map(number) ?? .null)
            o.set("distinct_answers", int(d.answers.distinctAnswers))
            o.set("answer_entropy_bits", number(d.answers.entropyBits))
            o.set("correct_solutions", int(d.correctSolutions))
            o.set("clusters", int(d.clusters.count))
            o.set("strategy_score", d.strategyScore.map(int) ?? .null)
            object.set("diversity", .object(o))
        } else {
            object.set("diversity", .null)
        }
        return .object(object)
    }

    static func keyed(_ estimates: [Int: Estimate]) -> JSONValue {
        .object(JSONObject(estimates.sorted { $0.key < $1.key }.map { (String($0.key), estimate($0.value)) }))
    }

    static func estimate(_ e: Estimate) -> JSONValue {
        .object(["value": number(e.value), "ci_low": number(e.low), "ci_high": number(e.high)])
    }

    static func rewards(_ r: RewardSummary) -> JSONValue {
        .object([
            "mean": number(r.meanReward), "mean_variance": number(r.meanVariance),
            "all_correct_share": number(r.allCorrectShare), "all_wrong_share": number(r.allWrongShare),
            "target_entropy": number(r.meanTargetEntropy), "ess_share": number(r.meanNormalizedESS),
            "histogram": histogram(r.histogram),
        ])
    }

    static func histogram(_ h: Histogram) -> JSONValue {
        .object(["edges": .array(h.edges.map(number)), "counts": .array(h.counts.map(int))])
    }

    static func diversity(_ d: DiversitySummary) -> JSONValue {
        var o = JSONObject()
        for (i, v) in d.distinct.enumerated() { o.set("distinct_\(i + 1)", number(v)) }
        o.set("self_bleu", d.selfBLEU.map(number) ?? .null)
        o.set("jaccard", d.jaccard.map(number) ?? .null)
        o.set("compression_similarity", d.compressionSimilarity.map(number) ?? .null)
        o.set("distinct_answers", number(d.distinctAnswers))
        o.set("answer_entropy_bits", number(d.answerEntropyBits))
        o.set("correct_solutions", number(d.correctSolutions))
        o.set("strategy_score", d.strategyScore.map(number) ?? .null)
        return .object(o)
    }

    static func audit(_ a: GraderAudit) -> JSONValue {
        .object([
            "samples": int(a.samples), "ungraded": int(a.ungraded), "undecided": int(a.undecided),
            "verdicts": .object(JSONObject(a.verdicts.map { ($0.verdict, int($0.count)) })),
            "tests_passed": int(a.testsPassed), "tests_total": int(a.testsTotal),
        ])
    }

    static func int(_ v: Int) -> JSONValue { .number(String(v)) }
    static func number(_ v: Double) -> JSONValue { v.isFinite ? .number("\(v)") : .null }
}
