// Each task's default settings (the command line overrides any of them).

/// Default trainer and warm-start settings per task.
public struct TrainingDefaults: Sendable {
    public var config: TrainerConfig
    /// Supervised warm-start steps, batch and learning rate.
    public var warmStartSteps: Int
    public var warmStartBatch: Int
    public var warmStartLearningRate: Float

    /// The defaults of `task` for `method` and `seed`.
    public static func of(_ task: any TrainingTask, method: TrainingMethod, seed: UInt64) -> TrainingDefaults {
        if task is ModesTask {
            return TrainingDefaults(config: ModesTask.trainerConfig(method: method, seed: seed, steps: 300),
                                    warmStartSteps: 200, warmStartBatch: 64, warmStartLearningRate: 3e-3)
        }
        var config = TrainerConfig()
        config.method = method
        config.seed = seed
        config.steps = 100
        config.promptsPerStep = 8
        config.samplesPerPrompt = 8
        config.learningRate = 1e-3
        return TrainingDefaults(config: config, warmStartSteps: 600, warmStartBatch: 64, warmStartLearningRate: 3e-3)
    }
}
