// Held-out evaluation of a policy on a task: k samples per evaluation prompt, graded by the task's grader, with
// accuracy (mean over samples then prompts, Avg@k), pass@k (a prompt counts when any of its k samples is correct)
// and the number of distinct correct answers per prompt (the diversity the paper's claim is about).
import Tensor

/// What an evaluation measured, with the graded samples.
public struct EvaluationResult: Sendable {
    public var rollouts: [Rollout]
    public var samplesPerPrompt: Int
    /// Avg@k.
    public var accuracy: Double
    /// pass@k with k = samplesPerPrompt.
    public var passAtK: Double
    /// Mean over prompts of the number of distinct correct normalised answers.
    public var distinctCorrect: Double
}

public enum Evaluation {
    /// Samples `samples` responses per evaluation prompt of `task` (in batches of `batchSize` sequences).
    public static func run(_ policy: Transformer, task: any TrainingTask, samples: Int, temperature: Float = 1,
                           seed: UInt64, batchSize: Int = 256) -> EvaluationResult {
        let prompts = task.evaluationPrompts()
        var rollouts: [Rollout] = []
        let perBatch = Swift.max(1, batchSize / Swift.max(samples, 1))
        var start = 0
        while start < prompts.count {
            let chunk = Array(prompts[start..<Swift.min(start + perBatch, prompts.count)])
            let options = SamplingOptions(temperature: temperature, stopTokens: task.stopTokens,
                                          maxNewTokens: task.maxNewTokens, seed: seed &+ UInt64(start))
            let out = policy.sample(prompts: chunk.flatMap { Array(repeating: $0.tokens, count: samples) }, options: options)
            for (i, s) in out.enumerated() {
                let prompt = chunk[i / samples]
                let text = task.decode(s.tokens)
                rollouts.append(Rollout(prompt: prompt, group: start + i / samples, responseTokens: s.tokens,
                                        samplingLogProbs: s.logProbs, text: text, grade: task.grade(response: text, prompt: prompt)))
            }
            start += chunk.count
        }
        return summarize(rollouts, samplesPerPrompt: samples)
    }

    /// The statistics of graded rollouts grouped by `group`.
    public static func summarize(_ rollouts: [Rollout], samplesPerPrompt: Int) -> EvaluationResult {
        var byGroup: [Int: [Rollout]] = [:]
        for r in rollouts { byGroup[r.group, default: []].append(r) }
        let groups = byGroup.values
        let n = Double(Swift.max(groups.count, 1))
        let accuracy = groups.reduce(0.0) { total, g in
            total + Double(g.filter { $0.grade.correct == true }.count) / Double(g.count)
        } / n
        let pass = Double(groups.filter { $0.contains { $0.grade.correct == true } }.count) / n
        let distinct = groups.reduce(0.0) { total, g in
            total + Double(Set(g.filter { $0.grade.correct == true }.map { $0.grade.answer ?? $0.text }).count)
        } / n
        return EvaluationResult(rollouts: rollouts, samplesPerPrompt: samplesPerPrompt, accuracy: accuracy,
                                passAtK: pass, distinctCorrect: distinct)
    }
}
