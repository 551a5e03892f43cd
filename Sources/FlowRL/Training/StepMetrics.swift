// What one training step measured (recorded per step in the store; FLOWRL.md lists what the reference code logs).

/// Metrics of one rollout/update step.
public struct StepMetrics: Sendable, Codable, Equatable {
    public var step: Int
    public var rewardMean: Double = 0
    public var rewardStd: Double = 0
    public var accuracy: Double = 0
    /// Mean next-token entropy over response tokens under π_old.
    public var entropy: Double = 0
    public var responseLength: Double = 0
    /// Mean log Z_φ (FlowRL; watch for a collapse to 0).
    public var logZ: Double = 0
    /// Mean importance weight w (FlowRL).
    public var meanWeight: Double = 1
    /// mean(log π_old − log π_θ) and mean(log π_ref − log π_θ) over the last mini-batch's response tokens.
    public var ppoKL: Double = 0
    public var refKL: Double = 0
    public var loss: Double = 0
    public var gradientNorm: Double = 0
    /// Sampled response tokens per second of sampling.
    public var tokensPerSecond: Double = 0
    public var samplingSeconds: Double = 0
    public var gradingSeconds: Double = 0
    /// Forward/backward passes (including the π_old/π_ref evaluation).
    public var forwardBackwardSeconds: Double = 0
    public var optimizerSeconds: Double = 0
    public var learningRate: Double = 0
    public var skippedUpdates: Int = 0

    public init(step: Int) { self.step = step }

    /// The metrics as (key, value) pairs in a fixed order, keys in snake_case.
    public var fields: [(String, Double)] {
        [("reward_mean", rewardMean), ("reward_std", rewardStd), ("accuracy", accuracy), ("entropy", entropy),
         ("response_length", responseLength), ("log_z", logZ), ("mean_w", meanWeight), ("ppo_kl", ppoKL),
         ("ref_kl", refKL), ("loss", loss), ("grad_norm", gradientNorm), ("tokens_per_s", tokensPerSecond),
         ("time_sampling_s", samplingSeconds), ("time_grading_s", gradingSeconds),
         ("time_forward_backward_s", forwardBackwardSeconds), ("time_optimizer_s", optimizerSeconds),
         ("lr", learningRate), ("skipped_updates", Double(skippedUpdates))]
    }
}
