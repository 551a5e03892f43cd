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
        var current: String?
        // Identical details texts (the same extracted answer, say) are parsed once.
        var parsed: [String: GradeDetails] = [:]
        for graded in try store.gradedSamples(run: name) {
            let id = graded.sample.problemID
            if current != id {
                let facets = facetCache[id] ?? ProblemFacets.facets(metadataJSON: metadata[id] ?? "{}")
                facetCache[id] = facets
                problems.append(ProblemSamples(problemID: id, benchmark: graded.benchmark, facets: facets, samples: []))
                current = id
            }
            var details: GradeDetails?
            if let json = graded.grade?.detailsJSON {
                details = parsed[json] ?? GradeDetails(json)
                if parsed.count < 100_000 { parsed[json] = details }
            }
            problems[problems.count - 1].samples.append(scored(graded, details: details))
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

    /// A stored sample and grade as the statistics read them, `details` read from the grade's details JSON.
    static func scored(_ graded: GradedSample, details: GradeDetails?) -> ScoredSample {
        guard let grade = graded.grade else {
            return ScoredSample(correct: nil, reward: 0, verdict: "ungraded", text: graded.sample.response,
                                graded: false, undecided: false)
        }
        let details = details ?? GradeDetails()
        return ScoredSample(correct: grade.correct, reward: grade.reward, answer: details.answer,
                            verdict: grade.verdict, text: graded.sample.response, graded: true,
                            undecided: details.undecided || grade.correct == nil, testsPassed: details.testsPassed,
                            testsTotal: details.testsTotal, grader: grade.grader + "@" + grade.graderVersion)
    }
}

/// The keys of a grade's details JSON that the statistics read.
struct GradeDetails {
    var answer: String?
    var undecided = false
    var testsPassed: Int?
    var testsTotal: Int?

    init() {}

    /// Reads `json`; anything that is not an object with those keys leaves them unset.
    init(_ json: String) {
        guard json.utf8.count > 2, case .object(let details)? = try? JSONParser.parse(json) else { return }
        answer = details["answer"]?.stringValue
        if case .bool(let flag)? = details["undecided"] { undecided = flag }
        if case .number(let n)? = details["tests_passed"] { testsPassed = Int(n) }
        if case .number(let n)? = details["tests_total"] { testsTotal = Int(n) }
    }
}
