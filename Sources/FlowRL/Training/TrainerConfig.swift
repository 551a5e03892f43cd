// Every setting of a training run: the method, the shared rollout/update loop and each method's options.

/// The training algorithm.
public enum TrainingMethod: String, Sendable, Codable, CaseIterable {
    case flowrl
    case grpo
    case ppo
    case reinforcePlusPlus = "reinforce++"
    /// REINFORCE++ with the group mean subtracted before whitening.
    case reinforcePlusPlusBaseline = "reinforce++-baseline"
}

/// The configuration of a training run (saved with checkpoints and in the store as JSON).
public struct TrainerConfig: Sendable, Codable, Equatable {
    public var method: TrainingMethod = .flowrl
    /// Rollout batches (optimiser updates happen per mini-batch inside each).
    public var steps: Int = 100
    public var seed: UInt64 = 0
    /// Distinct prompts per rollout batch.
    public var promptsPerStep: Int = 4
    /// Responses per prompt (the group size n).
    public var samplesPerPrompt: Int = 8
    /// Mini-batches per rollout batch (1: one on-policy update, so FlowRL's w ≡ 1).
    public var miniBatches: Int = 1
    /// Passes over each rollout batch.
    public var epochs: Int = 1
    /// Sampling temperature (1 keeps π_old equal to the sampling distribution).
    public var temperature: Float = 1
    /// Response length limit (nil: the task's).
    public var maxNewTokens: Int?
    /// AdamW peak learning rate, warm-up steps (in optimiser updates), weight decay, gradient-norm clip.
    public var learningRate: Float = 1e-3
    public var warmupSteps: Int = 10
    public var weightDecay: Float = 0.1
    public var maxGradientNorm: Float = 1
    /// Reward normalisation (FlowRL's r̂); the group-based baselines always use their own.
    public var rewardNormalization: RewardNormalization = .group
    // FlowRL
    public var beta: Float = 15
    public var importanceWeight: ImportanceWeightMode = .clip
    public var importanceEpsilon: Float = 0.2
    public var logZDropout: Float = 0.1
    public var detachLogZInput = false
    // GRPO / PPO / REINFORCE++
    public var clip = SurrogateClip()
    public var klCoefficient: Float = 0.001
    public var gamma: Float = 1
    public var lambda: Float = 1
    public var valueClip: Float = 0.5
    public var valueCoefficient: Float = 0.5
    /// The value head's learning-rate multiplier (the paper's critic learns 10× faster than the actor).
    public var criticLearningRateScale: Float = 10

    /// The defaults above.
    public init() {}
}
