// Store → plain values: a run's graded samples as `ProblemSamples`, its provenance, and the curves of the
// training run it came from. The only file of the module that reads the store.
import FlowRLCore
import Rewards
import Store

/// A run's description with its samples grouped by problem.
public struct LoadedRun: Sendable {
    /// Who produced the run and how (model, method, sampling, command, linked training run).
    public var description: RunInfo
    public var problems: [ProblemSamples]
    public init(description: RunInfo, problems: [ProblemSamples]) {
        self.description = description
        self.problems = problems
    }
}

/// A training run's recorded metrics, one series per numeric metric key.
public struct TrainingCurves: Sendable {
    public var name: String
    public var task: String
    public var method: String
    public var status: String
    public var configJSON: String
    public var command: String?
    /// Metric name → (step, value) in step order; only keys whose values are numbers.
    public var series: [(metric: String, points: [(step: Int, value: Double)])]

    public init(name: String, task: String, method: String, status: String, configJSON: String, command: String?,
                series: [(metric: String, points: [(step: Int, value: Double)])]) {
        self.name = name
        self.task = task
        self.method = method
        self.status = status
        self.configJSON = configJSON
        self.command = command
        self.series = series
    }
}

/// Loads runs and training runs from the store.
public enum RunLoader {
    /// The run named `name`: its samples grouped by problem (problem-id order, sample-index order within),
    /// each with its latest grade and the problem's facets.
    /// - Throws: `StoreError` when there is no such run.
    public static func load(_ store: Store, run name: String) throws -> LoadedRun {
        guard let info = try store.run(named: name) else { throw StoreError("no run named \(name)") }
        let metadata = try store.problemMetadata(run: name)
        var facetCache: [String: [Facet]] = [:]
        var problems: [ProblemSamples] = []
        for graded in try store.gradedSamples(run: name) {
            let id = graded.sample.problemID
            if problems.last?.problemID != id {
                let facets = facetCache[id] ?? ProblemFacets.facets(metadataJSON: metadata[id] ?? "{}")
                facetCache[id] = facets
                problems.append(ProblemSamples(problemID: id, benchmark: graded.benchmark, facets: facets, samples: []))
            }
            problems[problems.count - 1].samples.append(scored(graded))
        }
        return LoadedRun(description: info, problems: problems)
    }

    /// The training run named `name` with its metric series, or nil when there is none.
    public static func training(_ store: Store, name: String) throws -> TrainingCurves? {
        guard let info = try store.trainingRun(named: name) else { return nil }
        var order: [String] = []
        var series: [String: [(step: Int, value: Double)]] = [:]
        for step in try store.trainingSteps(run: name) {
            guard case .object(let metrics)? = try? JSONParser.parse(step.metricsJSON) else { continue }
            for (key, value) in metrics.members {
                guard case .number(let text) = value, let number = Double(text), number.isFinite else { continue }
                if series[key] == nil { order.append(key) }
                series[key, default: []].append((step.step, number))
            }
        }
        return TrainingCurves(name: info.name, task: info.task, method: info.method, status: info.status,
                              configJSON: info.configJSON, command: info.command,
                              series: order.map { ($0, series[$0] ?? []) })
    }

    /// A stored sample and grade as the statistics read them (details keys: `answer`, `undecided`,
    /// `tests_passed`, `tests_total`).
    static func scored(_ graded: GradedSample) -> ScoredSample {
        guard let grade = graded.grade else {
            return ScoredSample(correct: nil, reward: 0, verdict: "ungraded", text: graded.sample.response,
                                graded: false, undecided: false)
        }
        var answer: String?
        var undecided = grade.correct == nil
        var passed: Int?, total: Int?
        if grade.detailsJSON.count > 2, case .object(let details)? = try? JSONParser.parse(grade.detailsJSON) {
            answer = details["answer"]?.stringValue
            if case .bool(let flag)? = details["undecided"] { undecided = flag || grade.correct == nil }
            if case .number(let n)? = details["tests_passed"] { passed = Int(n) }
            if case .number(let n)? = details["tests_total"] { total = Int(n) }
        }
        return ScoredSample(correct: grade.correct, reward: grade.reward, answer: answer, verdict: grade.verdict,
                            text: graded.sample.response, graded: true, undecided: undecided, testsPassed: passed,
                            testsTotal: total, grader: grade.grader + "@" + grade.graderVersion)
    }
}
