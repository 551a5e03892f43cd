import FlowRLCore
import Foundation
import Reports
import Rewards
import Store
import Testing
import TestSupport

@Suite struct DiversityCacheTests {
    func diversity(_ analysis: RunAnalysis, _ problem: String) -> ProblemDiversity? {
        analysis.problems.first { $0.problemID == problem }?.diversity
    }

    func sample(_ problem: String, _ index: Int, _ text: String) -> (sample: SampleRecord, grade: GradeRecord?) {
        (SampleRecord(problemID: problem, index: index, response: text),
         GradeRecord(grader: "math", graderVersion: "1", correct: true, reward: 1, verdict: "correct",
                     detailsJSON: #"{"answer":"1"}"#))
    }

    @Test func aWarmCacheIsReadInsteadOfRecomputed() throws {
        let fixture = try ReportFixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let run = try RunLoader.load(fixture.store, run: "grpo")
        let cold = Report.analyze([run], cache: fixture.store)[0]
        #expect(cold.problems.map(\.diversity) == Report.analyze([run])[0].problems.map(\.diversity))
        let version = DiversityCache.version(AnalysisOptions())
        var entries = try fixture.store.cachedDiversity(run: run.description, version: version)
        #expect(Set(entries.keys) == ["math500/a", "math500/b", "lcb/x"])
        // Plant a value no computation gives (99 distinct correct solutions of 4 samples) under the right
        // fingerprint: the next analysis must report it, so it read the cache.
        var planted = try #require(diversity(cold, "math500/a"))
        planted.correctSolutions = 99
        let entry = try #require(entries["math500/a"])
        entries["math500/a"] = CachedDiversity(fingerprint: entry.fingerprint, payload: planted.encoded)
        try fixture.store.replaceCachedDiversity(run: run.description, version: version, entries: entries)
        let warm = Report.analyze([run], cache: fixture.store)[0]
        #expect(diversity(warm, "math500/a")?.correctSolutions == 99)
        #expect(diversity(warm, "math500/b") == diversity(cold, "math500/b"))
        // The per-benchmark means are built from the cached per-problem values too.
        #expect(warm.summary(benchmark: "math500")?.diversity?.correctSolutions
                != cold.summary(benchmark: "math500")?.diversity?.correctSolutions)
    }

    @Test func addingOrReplacingSamplesInvalidatesThatProblemsEntry() throws {
        let fixture = try ReportFixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let store = fixture.store
        let info = try #require(try store.run(named: "grpo"))
        let version = DiversityCache.version(AnalysisOptions())
        let before = Report.analyze([try RunLoader.load(store, run: "grpo")], cache: store)[0]
        let cachedBefore = try store.cachedDiversity(run: info, version: version)
        #expect(diversity(before, "math500/a")?.clusters.sizes.reduce(0, +) == 4)

        // A fifth sample of math500/a: its entry is recomputed (5 samples now), the others are kept.
        try store.writeSamples(run: info, [sample("math500/a", 4, "an entirely different derivation of the result")])
        let added = try RunLoader.load(store, run: "grpo")
        let after = Report.analyze([added], cache: store)[0]
        #expect(diversity(after, "math500/a")?.clusters.sizes.reduce(0, +) == 5)
        #expect(after.problems.map(\.diversity) == Report.analyze([added])[0].problems.map(\.diversity))
        let cachedAfter = try store.cachedDiversity(run: info, version: version)
        #expect(cachedAfter["math500/a"]?.fingerprint != cachedBefore["math500/a"]?.fingerprint)
        #expect(cachedAfter["math500/b"] == cachedBefore["math500/b"])
        #expect(cachedAfter["lcb/x"] == cachedBefore["lcb/x"])

        // Replacing a stored response in place (same sample key, same count) invalidates the entry as well.
        try store.writeSamples(run: info, [sample("math500/a", 4, "We compute step 0 so \\boxed{1}")])
        let replaced = try RunLoader.load(store, run: "grpo")
        let again = Report.analyze([replaced], cache: store)[0]
        #expect(diversity(again, "math500/a") == Report.analyze([replaced])[0].problems
            .first { $0.problemID == "math500/a" }?.diversity)
        #expect(diversity(again, "math500/a") != diversity(after, "math500/a"))
        #expect(try store.cachedDiversity(run: info, version: version)["math500/a"]?.fingerprint
                != cachedAfter["math500/a"]?.fingerprint)
    }

    @Test func anotherClusterThresholdIsAnotherCacheVersion() {
        #expect(DiversityCache.version(AnalysisOptions(clusterThreshold: 0.4))
                != DiversityCache.version(AnalysisOptions(clusterThreshold: 0.5)))
    }
}
