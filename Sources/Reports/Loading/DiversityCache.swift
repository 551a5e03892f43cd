// Per-problem diversity kept in the store between commands, so `flowrl stats` then `flowrl report` (or a second
// `stats`) compute the costly text metrics once. An entry is reused only while the problem's samples are what it
// was computed from: each entry carries a fingerprint of the samples' texts, answers and correctness, so adding,
// replacing or regrading a sample invalidates exactly that problem's entry.
import FlowRLCore
import Rewards
import Store

/// The store's diversity cache as run analyses use it.
public enum DiversityCache {
    /// The cache version for `options`: the metric definitions and the clustering threshold they ran with.
    public static func version(_ options: AnalysisOptions) -> String {
        "\(ProblemDiversity.definitionVersion) cluster-threshold=\(options.clusterThreshold)"
    }

    /// A digest of everything one problem's diversity depends on: each sample's text, extracted answer and
    /// correctness, in sample order.
    /// - Complexity: O(total text), XXH64 speed.
    public static func fingerprint(_ problem: ProblemSamples) -> UInt64 {
        var hasher = ContentHasher(seed: 0xD1_7E25_17E5)
        for sample in problem.samples {
            hasher.update(sample.text)
            var flags: UInt8 = sample.isCorrect ? 1 : 0
            if let answer = sample.answer {
                flags |= 2
                hasher.update(answer)
            }
            withUnsafeBytes(of: &flags) { hasher.update($0) }
        }
        return hasher.finalize()
    }

    /// Analyses `run`, taking each problem's diversity from the cache when its fingerprint still matches and
    /// writing the cache back when anything was computed. The result equals `RunAnalysis(run:problems:options:)`.
    /// A store that cannot be read or written (e.g. a read-only file) only costs the reuse, never the analysis.
    public static func analyze(_ run: LoadedRun, options: AnalysisOptions, store: Store) -> RunAnalysis {
        let name = run.description.name
        guard options.diversity else { return RunAnalysis(run: name, problems: run.problems, options: options) }
        let version = version(options)
        let fingerprints = run.problems.map(fingerprint)
        let cached = (try? store.cachedDiversity(run: run.description, version: version)) ?? [:]
        let known: [ProblemDiversity?] = run.problems.indices.map { i in
            guard let entry = cached[run.problems[i].problemID], entry.fingerprint == fingerprints[i] else { return nil }
            return ProblemDiversity(encoded: entry.payload)
        }
        let analysis = RunAnalysis(run: name, problems: run.problems, options: options, knownDiversity: known)
        var entries: [String: CachedDiversity] = [:]
        for (i, problem) in analysis.problems.enumerated() {
            guard let diversity = problem.diversity else { continue }
            entries[problem.problemID] = CachedDiversity(fingerprint: fingerprints[i], payload: diversity.encoded)
        }
        let reusedAll = known.allSatisfy { $0 != nil } && entries.count == cached.count
        if !reusedAll { try? store.replaceCachedDiversity(run: run.description, version: version, entries: entries) }
        return analysis
    }
}
