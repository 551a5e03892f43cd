import FlowRLCore
import Foundation
import Reports
import Rewards
import Store
import Testing
import TestSupport

/// A store with two hand-counted runs (math and code), a linked training run and awkward names.
struct ReportFixture {
    let store: Store
    let dir: URL
    static let flow = "flow <&> \"run\""

    init() throws {
        dir = try makeTemporaryDirectory("flowrl-report")
        store = try Store(path: dir.appendingPathComponent("s.sqlite").path)
        _ = try store.writeProblems { batch in
            try batch.upsert(Problem(id: "math500/a", benchmark: "math500", kind: .math, prompt: "P", reference: "1",
                                     metadataJSON: #"{"subject":"algebra","level":2}"#))
            try batch.upsert(Problem(id: "math500/b", benchmark: "math500", kind: .math, prompt: "P", reference: "4",
                                     metadataJSON: #"{"subject":"Counting & Probability","level":5}"#))
            try batch.upsert(Problem(id: "lcb/x", benchmark: "livecodebench", kind: .code, prompt: "P", reference: nil,
                                     metadataJSON: #"{"difficulty":"easy","platform":"atcoder","contest_date":"2024-05-01"}"#))
        }
        let training = try store.openTrainingRun(name: "t1", task: "math", method: "flowrl", configJSON: #"{"beta":15}"#,
                                                 command: "flowrl train --steps 3")
        try store.recordTrainingSteps(training, (1...3).map { step in
            TrainingStep(step: step, metricsJSON: #"{"reward":\#(Double(step) / 10),"accuracy":0.5,"entropy":1.2,"log_z":2,"kl":0.01,"importance_weight":1.0}"#)
        })
        try write(run: RunSpec(name: Self.flow, model: "m", method: "flowrl", samplingJSON: #"{"n":4}"#,
                               command: "flowrl grade --run 'flow' < in.jsonl && echo <done>", trainingRun: "t1"),
                  math: ["math500/a": [(true, "1"), (true, "1"), (true, "1"), (false, "2")],
                         "math500/b": [(false, "5"), (false, "5"), (false, "6"), (nil, nil)]],
                  code: ["lcb/x": ["accepted", "accepted", "time_limit", "wrong_answer"]])
        try write(run: RunSpec(name: "grpo", method: "grpo"),
                  math: ["math500/a": [(true, "1"), (true, "1"), (true, "1"), (true, "1")],
                         "math500/b": [(true, "4"), (false, "3"), (false, "3"), (false, "2")]],
                  code: ["lcb/x": ["time_limit", "time_limit", "runtime_error", "wrong_answer"]])
    }

    func write(run spec: RunSpec, math: [String: [(Bool?, String?)]], code: [String: [String]]) throws {
        let run = try store.openRun(spec)
        var items: [(sample: SampleRecord, grade: GradeRecord?)] = []
        for (id, grades) in math {
            for (i, (correct, answer)) in grades.enumerated() {
                let details = answer.map { #"{"answer":"\#($0)"}"# } ?? #"{"undecided":true}"#
                items.append((SampleRecord(problemID: id, index: i, response: "We compute step \(i) so \\boxed{\(answer ?? "?")}"),
                              GradeRecord(grader: "math", graderVersion: "1", correct: correct, reward: correct == true ? 1 : 0,
                                          verdict: correct == nil ? "undecided" : (correct! ? "correct" : "wrong"),
                                          detailsJSON: details)))
            }
        }
        for (id, verdicts) in code {
            for (i, verdict) in verdicts.enumerated() {
                let ok = verdict == "accepted"
                items.append((SampleRecord(problemID: id, index: i, response: "def f():\n    return \(i)\u{1}"),
                              GradeRecord(grader: "code", graderVersion: "1", correct: ok, reward: ok ? 1 : 0, verdict: verdict,
                                          detailsJSON: #"{"tests_passed":\#(ok ? 3 : 1),"tests_total":3}"#)))
            }
        }
        try store.writeSamples(run: run, items)
    }

    func report(runs names: [String]? = nil, baseline: String? = nil) throws -> (html: String, root: XMLElement) {
        let runs = try (names ?? [Self.flow, "grpo"]).map { try RunLoader.load(store, run: $0) }
        let training = try runs.compactMap(\.description.trainingRun).compactMap { try RunLoader.training(store, name: $0) }
        let html = Report.html(ReportInput(runs: runs, analyses: Report.analyze(runs), baseline: baseline,
                                           training: training, generatedAt: "2026-01-01T00:00:00Z"))
        return (html, try XHTMLCheck.parse(html))
    }
}

@Suite struct ReportTests {
    func cell(_ root: XMLElement, run: String, benchmark: String, metric: String) -> XMLElement? {
        root.all { $0.name == "td" && $0.attributes["data-run"] == run && $0.attributes["data-benchmark"] == benchmark
            && $0.attributes["data-metric"] == metric }.first
    }

    @Test func theReportIsWellFormedAndHasEverySection() throws {
        let fixture = try ReportFixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let (html, root) = try fixture.report()
        #expect(root.name == "html")
        let ids = root.all("section").compactMap { $0.attributes["id"] }
        #expect(ids == ["summary", "slices", "pass-at-k", "rewards", "heatmap", "diversity", "training", "audit",
                        "provenance", "methods"])
        // Self-contained: no script, no external resource, every chart titled.
        #expect(root.all("script").isEmpty)
        #expect(root.all { $0.attributes["src"] != nil }.isEmpty)
        #expect(root.all("a").allSatisfy { $0.attributes["href"]?.hasPrefix("#") == true })
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1
                == html.components(separatedBy: "xmlns=\"http://").count - 1)
        let svgs = root.all("svg")
        #expect(svgs.count >= 8)
        #expect(svgs.allSatisfy { $0.children.first?.name == "title" && !$0.children[0].text.isEmpty })
        #expect(root.all("table").count >= 6)
    }

    @Test func summaryCellsEqualTheHandCountedStatistics() throws {
        let fixture = try ReportFixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let (_, root) = try fixture.report()
        let flow = ReportFixture.flow
        // math500, flow: a 3/4, b 0/4 → Avg 37.5%; pass@4 (1 + 0)/2; maj: a votes "1" (correct), b "5" (wrong).
        let avg = try #require(cell(root, run: flow, benchmark: "math500", metric: "avg"))
        #expect(Double(avg.attributes["data-value"] ?? "") == 0.375)
        #expect(avg.text.hasPrefix("37.5"))
        #expect(Double(cell(root, run: flow, benchmark: "math500", metric: "pass@4")?.attributes["data-value"] ?? "") == 0.5)
        #expect(Double(cell(root, run: flow, benchmark: "math500", metric: "maj")?.attributes["data-value"] ?? "") == 0.5)
        // grpo: a 4/4, b 1/4 → 62.5%, the best of the column; pass@4 = 1.
        let grpo = try #require(cell(root, run: "grpo", benchmark: "math500", metric: "avg"))
        #expect(grpo.text.hasPrefix("62.5") && grpo.attributes["class"] == "best")
        #expect(avg.attributes["class"] == nil)
        #expect(Double(cell(root, run: "grpo", benchmark: "math500", metric: "pass@4")?.attributes["data-value"] ?? "") == 1)
        // livecodebench: flow 2/4, grpo 0/4; no answers, so no maj@k.
        #expect(cell(root, run: flow, benchmark: "livecodebench", metric: "avg")?.text.hasPrefix("50.0") == true)
        #expect(cell(root, run: "grpo", benchmark: "livecodebench", metric: "maj") == nil)
        // The slice table: algebra = problem a alone.
        #expect(cell(root, run: flow, benchmark: "math500", metric: "avg:subject=algebra")?.attributes["data-value"] == "0.75")
        // A real MATH subject with an ampersand in its name is an escaped attribute value, read back intact.
        #expect(cell(root, run: flow, benchmark: "math500", metric: "avg:subject=Counting & Probability") != nil)
        #expect(cell(root, run: flow, benchmark: "livecodebench", metric: "avg:window=2024-Q2") != nil)
        // The audit counts the one undecided sample.
        #expect(cell(root, run: flow, benchmark: "math500", metric: "undecided")?.text == "1")
        #expect(cell(root, run: "grpo", benchmark: "math500", metric: "undecided")?.text == "0")
    }

    @Test func trainingCurvesProvenanceAndBaseline() throws {
        let fixture = try ReportFixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let (_, root) = try fixture.report(baseline: "grpo")
        let training = try #require(root.all { $0.attributes["id"] == "training" }.first)
        let titles = training.all("svg").map { $0.children[0].text }
        #expect(titles.contains("reward") && titles.contains("log Z (log_z)") && titles.contains("KL (kl)")
                && titles.contains("importance weight (importance_weight)") && titles.contains("entropy"))
        let provenance = try #require(root.all { $0.attributes["id"] == "provenance" }.first)
        #expect(provenance.all("pre").map(\.text).contains("flowrl grade --run 'flow' < in.jsonl && echo <done>"))
        #expect(provenance.all("pre").map(\.text).contains(#"{"beta":15}"#))
        // Against the baseline grpo, flow is 25 points worse on math500 over 2 paired problems.
        let math = try #require(root.all { $0.name == "table" && $0.attributes["class"] == "summary"
            && $0.attributes["data-benchmark"] == "math500" }.first)
        let delta = try #require(math.all { $0.name == "td" && $0.attributes["data-metric"] == "delta" }.first)
        #expect(Double(delta.attributes["data-value"] ?? "") == -0.25)
        #expect(delta.text.contains("2 paired"))
        // On livecodebench flow is 50 points better (2/4 against 0/4 on the one shared problem).
        let code = try #require(root.all { $0.name == "table" && $0.attributes["data-benchmark"] == "livecodebench" }.first)
        #expect(code.all { $0.attributes["data-metric"] == "delta" }.first?.attributes["data-value"] == "0.5")
    }

    @Test func oneSampleRunsAndEmptyReportsStillRender() throws {
        let fixture = try ReportFixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let single = try fixture.store.openRun(RunSpec(name: "greedy"))
        try fixture.store.writeSamples(run: single, [
            (SampleRecord(problemID: "math500/a", index: 0, response: "x"),
             GradeRecord(grader: "math", graderVersion: "1", correct: true, reward: 1, verdict: "correct")),
        ])
        let (_, root) = try fixture.report(runs: ["greedy"])
        let selfBLEU = root.all { $0.name == "td" && $0.attributes["data-metric"] == "self_bleu" }
        #expect(selfBLEU.count == 1 && selfBLEU[0].text == "–")
        let empty = Report.html(ReportInput(runs: [], analyses: []))
        #expect(try XHTMLCheck.parse(empty).all("section").count == 10)
    }

    @Test func theCheckerRejectsMalformedMarkup() {
        #expect(throws: ReportValidationError.self) { try XHTMLCheck.parse("<html><body><p><b>x</p></body></html>") }
        #expect(throws: ReportValidationError.self) { try XHTMLCheck.parse("<html><body>fish & chips</body></html>") }
        #expect(throws: ReportValidationError.self) { try XHTMLCheck.parse("<html><body>&nbsp;</body></html>") }
    }

    @Test func statisticsJSONHasTheDocumentedKeys() throws {
        let fixture = try ReportFixture()
        defer { try? FileManager.default.removeItem(at: fixture.dir) }
        let run = try RunLoader.load(fixture.store, run: "grpo")
        let analysis = Report.analyze([run])[0]
        let summary = try #require(analysis.summary(benchmark: "math500"))
        let text = StatisticsJSON.summary(summary, slices: analysis.slices).jsonText
        guard case .object(let o) = try JSONParser.parse(text) else { Issue.record("not an object"); return }
        for key in ["run", "benchmark", "problems", "samples_per_problem", "avg_at_k", "pass_at_k", "maj_at_k",
                    "rewards", "diversity", "audit", "slices"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        let pass4 = o["pass_at_k"]?.objectValue?["4"]?.objectValue
        #expect(pass4?["value"] == .number("1.0") && pass4?["ci_low"] != nil && pass4?["ci_high"] != nil)
        #expect(o["avg_at_k"]?.objectValue?["4"]?.objectValue?["value"] == .number("0.625"))
        #expect(o["samples_per_problem"] == .number("4"))
    }
}
