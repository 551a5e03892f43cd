// The short supervised warm-start that gives a from-scratch policy a sensible π_ref: next-token cross-entropy on
// the task's warm-start corpus with AdamW.
import Tensor

/// Supervised pre-training on a task's example sequences.
public enum WarmStart {
    /// Trains `model` for `steps` AdamW steps on batches of `batchSize` sequences from `task.warmStartSequences`;
    /// targets equal to the task's pad token (which its warm-start corpus never uses) are ignored. Returns the final batch loss.
    @discardableResult
    public static func train(_ model: Transformer, task: any TrainingTask, steps: Int, batchSize: Int = 32,
                             learningRate: Float = 3e-3, seed: UInt64) -> Float {
        let optimizer = AdamW(groups: model.parameterGroups(weightDecay: 0.01),
                              schedule: .warmupConstant(peak: learningRate, warmupSteps: Swift.min(10, steps)))
        var last: Float = .nan
        for s in 0..<steps {
            let sequences = task.warmStartSequences(count: batchSize, seed: seed &+ UInt64(s) &* 0x9E37_79B9)
            let t = Swift.min(Swift.max(sequences.map(\.count).max() ?? 2, 2), model.config.contextLength)
            let pad = task.padToken
            let tokens = sequences.flatMap { s in Array(s.prefix(t)) + [Int](repeating: pad, count: t - Swift.min(s.count, t)) }
            let loss = model.languageModelLoss(tokens: tokens, batch: sequences.count, ignoreIndex: pad)
            loss.backward()
            optimizer.step()
            last = loss.item
        }
        return last
    }
}
