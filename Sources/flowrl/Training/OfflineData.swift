// `flowrl train --offline RUN`: groups of graded samples per prompt from a stored run, as rollouts. FlowRL's w comes
// from the stored log-probability sums when present (else the recomputed π_old, so w = 1 on the first update).
import FlowRL
import Store

struct OfflineData {
    private let groups: [[Rollout]]

    /// Loads the graded samples of `run`; every problem must fit the task's context.
    init(run: String, store: Store, task: any TrainingTask) throws {
        let samples: [GradedSample]
        do { samples = try store.gradedSamples(run: run) } catch { throw WorkFailure(message: "--offline \(run): \(error)") }
        var byProblem: [String: [GradedSample]] = [:]
        for s in samples where s.grade != nil { byProblem[s.sample.problemID, default: []].append(s) }
        guard !byProblem.isEmpty else { throw WorkFailure(message: "--offline \(run): the run has no graded samples") }
        let context = task.modelConfig.contextLength
        var groups: [[Rollout]] = []
        for id in byProblem.keys.sorted() {
            guard let problem = try store.problem(id: id) else { throw WorkFailure(message: "--offline \(run): problem \(id) is not in the store") }
            let tokens = task.encodePrompt(problem.prompt)
            guard tokens.count < context else {
                throw WorkFailure(message: "--offline \(run): problem \(id): a prompt of \(tokens.count) tokens does not fit the \(task.name) context of \(context)")
            }
            let prompt = TaskPrompt(id: id, text: problem.prompt, tokens: tokens, reference: problem.reference ?? "",
                                    metadataJSON: problem.metadataJSON)
            groups.append((byProblem[id] ?? []).compactMap { s in
                guard let g = s.grade else { return nil }
                let response = Array(task.encodeResponse(s.sample.response).prefix(context - tokens.count))
                guard !response.isEmpty else { return nil }
                return Rollout(prompt: prompt, group: 0, responseTokens: response, samplingLogProbs: nil,
                               behaviourLogProbSum: s.sample.logprobSum.map(Float.init), text: s.sample.response,
                               grade: TaskGrade(reward: g.reward, correct: g.correct, verdict: g.verdict))
            })
        }
        self.groups = groups.filter { !$0.isEmpty }
    }

    /// The `prompts` groups of step `step`, cycling through the stored groups.
    func batch(step: Int, prompts: Int) -> [Rollout] {
        (0..<Swift.min(prompts, groups.count)).flatMap { j in
            groups[(step * prompts + j) % groups.count].map { r in
                var copy = r
                copy.group = j
                return copy
            }
        }
    }
}
