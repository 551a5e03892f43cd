// Writes a training run into the store as graded data: the task prompts as problems of benchmark `task/<name>`,
// each step's rollouts as samples with grades in the run `<name>/rollouts` (linked to the training run), and the
// per-step metrics. Sample indices are step·batch + i, so a resumed run that repeats a step replaces its rows.
import FlowRL
import FlowRLCore
import Store

final class TrainingRecorder {
    let store: Store
    let task: any TrainingTask
    private var knownProblems = Set<String>()

    init(store: Store, task: any TrainingTask) {
        self.store = store
        self.task = task
    }

    /// Upserts the prompts as math problems of `task/<name>` (once per id per process).
    func ensureProblems(_ prompts: [TaskPrompt]) throws {
        let fresh = prompts.filter { knownProblems.insert($0.id).inserted }
        guard !fresh.isEmpty else { return }
        var seen = Set<String>()
        _ = try store.writeProblems(source: "flowrl train") { batch in
            for p in fresh where seen.insert(p.id).inserted {
                _ = try batch.upsert(Problem(id: p.id, benchmark: "task/\(task.name)", kind: .math, prompt: p.text,
                                             reference: p.reference, metadataJSON: p.metadataJSON))
            }
        }
    }

    /// Writes graded rollouts into `run` with sample indices starting at `firstIndex`.
    func record(_ rollouts: [Rollout], run: RunInfo, firstIndex: Int) throws {
        try ensureProblems(rollouts.map(\.prompt))
        let items = rollouts.enumerated().map { i, r -> (sample: SampleRecord, grade: GradeRecord?) in
            let sum = r.samplingLogProbs.map { Double($0.reduce(0, +)) }
            var details = JSONObject()
            details.set("answer", r.grade.answer.map { .string($0) } ?? .null)
            details.set("undecided", .bool(r.grade.correct == nil))
            let grade = GradeRecord(grader: "task/\(task.name)", graderVersion: task.graderVersion,
                                    correct: r.grade.correct, reward: r.grade.reward, verdict: r.grade.verdict,
                                    detailsJSON: JSONValue.object(details).jsonText)
            return (SampleRecord(problemID: r.prompt.id, index: firstIndex + i, response: r.text,
                                 tokenCount: r.responseTokens.count, logprobSum: sum), grade)
        }
        try store.writeSamples(run: run, items)
    }

    /// Records one step's metrics.
    func record(_ metrics: StepMetrics, in run: TrainingRunInfo) throws {
        var object = JSONObject()
        for (key, value) in metrics.fields { object.set(key, .finite(value)) }
        try store.recordTrainingSteps(run, [TrainingStep(step: metrics.step, metricsJSON: JSONValue.object(object).jsonText)])
    }
}

extension JSONValue {
    /// A JSON number for a finite value, null otherwise.
    static func finite(_ value: Double) -> JSONValue { value.isFinite ? .number("\(value)") : .null }
}
