import Rewards
import Testing

@Suite struct RunAnalysisTests {
    func samples(_ pattern: [Bool], answer: (Int) -> String? = { _ in nil }) -> [ScoredSample] {
        pattern.enumerated().map { i, ok in
            ScoredSample(correct: ok, reward: ok ? 1 : 0, answer: answer(i), verdict: ok ? "correct" : "wrong",
                         text: "sample \(i) text", grader: "math@1")
        }
    }

    @Test func benchmarkAndSliceSummariesFromHandCountedRuns() {
        let algebra = Facet(name: "subject", value: "algebra")
        let geometry = Facet(name: "subject", value: "geometry")
        let problems = [
            ProblemSamples(problemID: "p1", benchmark: "math500", facets: [algebra], samples: samples([true, true, true, false])),
            ProblemSamples(problemID: "p2", benchmark: "math500", facets: [geometry], samples: samples([false, false, false, false])),
            ProblemSamples(problemID: "p3", benchmark: "aime", samples: samples([true, false, false, false])),
        ]
        let analysis = RunAnalysis(run: "r", problems: problems, options: AnalysisOptions(ks: [1, 2, 4]))
        let math = analysis.summary(benchmark: "math500")!
        #expect(math.problems == 2 && math.samplesPerProblem == 4 && math.ks == [1, 2, 4])
        #expect(math.accuracy.value == 0.375)                       // (3/4 + 0) / 2
        #expect(math.passAtK[1]!.value == 0.375)
        #expect(abs(math.passAtK[2]!.value - (1 - 0.0 / 6 + 0) / 2) < 1e-12)  // p1: 1 − C(1,2)/C(4,2) = 1
        #expect(math.passAtK[4]!.value == 0.5)
        #expect(math.rewards.allCorrectShare == 0 && math.rewards.allWrongShare == 0.5)
        #expect(math.majority == nil)  // no extracted answers
        let slice = analysis.slices.first { $0.facet == algebra }!
        #expect(slice.problems == 1 && slice.accuracy.value == 0.75)
        #expect(analysis.summary(benchmark: "aime")!.passAtK[2]!.value == 0.5)  // 1 − C(3,2)/C(4,2)
        #expect(math.audit.samples == 8 && math.audit.verdicts.first?.verdict == "wrong")
    }

    @Test func kLargerThanTheSmallestGroupIsLeftOutAndTheComparisonPairsProblems() {
        let a = RunAnalysis(run: "a", problems: [
            ProblemSamples(problemID: "p1", benchmark: "b", samples: samples([true, true])),
            ProblemSamples(problemID: "p2", benchmark: "b", samples: samples([true])),
        ])
        #expect(a.summary(benchmark: "b")!.ks == [1])
        let b = RunAnalysis(run: "b", problems: [
            ProblemSamples(problemID: "p1", benchmark: "b", samples: samples([false, false])),
            ProblemSamples(problemID: "p9", benchmark: "b", samples: samples([false])),
        ])
        let comparison = a.compare(with: b, benchmark: "b")!
        #expect(comparison.problems == 1 && comparison.difference.value == 1)
        #expect(a.compare(with: b, benchmark: "other") == nil)
    }

    @Test func facetsFromStoredMetadata() {
        #expect(ProblemFacets.facets(metadataJSON: #"{"subject":"algebra","level":3}"#)
                == [Facet(name: "subject", value: "algebra"), Facet(name: "level", value: "Level 3")])
        #expect(ProblemFacets.facets(metadataJSON: #"{"difficulty":"Easy","platform":"atcoder","contest_date":"2024-08-21T00:00:00"}"#)
                == [Facet(name: "difficulty", value: "easy"), Facet(name: "platform", value: "atcoder"),
                    Facet(name: "window", value: "2024-Q3")])
        #expect(ProblemFacets.facets(metadataJSON: "not json").isEmpty)
    }
}
