// `flowrl train`: trains a small policy on a bundled task with FlowRL or a baseline, recording rollouts (runs,
// samples, grades) and per-step metrics in the store; checkpoints and resumes; `--json` prints one final object.
import ArgumentParser
import FlowRL
import FlowRLCore
import Foundation
import Store

extension TrainingMethod: ExpressibleByArgument {}
extension ImportanceWeightMode: ExpressibleByArgument {}
extension RewardNormalization: ExpressibleByArgument {}

/// The trainer settings shared by `train` and `experiment`; unset options keep the task's defaults.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Task: \(TrainingTasks.names.joined(separator: ", ")).")
    var task: String

    @Option(help: "Rollout/update steps (default: the task's).")
    var steps: Int?

    @Option(help: "Responses per prompt, the group size (default: the task's; modes 32, text tasks 8).")
    var n: Int?

    @Option(help: "Prompts per rollout batch.")
    var prompts: Int?

    @Option(help: "Mini-batches per rollout batch (more than 1 makes updates off-policy: FlowRL's w ≠ 1).")
    var miniBatches: Int?

    @Option(help: "Epochs over each rollout batch.")
    var epochs: Int?

    @Option(help: "Sampling temperature.")
    var temperature: Float?

    @Option(help: "Response length limit in tokens (default: the task's).")
    var maxNewTokens: Int?

    @Option(help: "AdamW learning rate.")
    var lr: Float?

    @Option(help: "Learning-rate warm-up, in optimiser updates.")
    var warmup: Int?

    @Option(help: "Surrogate clip ε below 1 (GRPO, PPO, REINFORCE++; default 0.2).")
    var clipLow: Float?

    @Option(help: "Surrogate clip ε above 1 (default 0.2).")
    var clipHigh: Float?

    @Option(help: "PPO's GAE discount γ (default 1).")
    var gamma: Float?

    @Option(help: "PPO's GAE λ (default 1).")
    var lambda: Float?

    @Option(help: "FlowRL's reward scale β.")
    var beta: Float?

    @Option(help: "FlowRL's importance weight: clip (1±ε, the paper), cap (min(w, 10)), none.")
    var isWeight: ImportanceWeightMode?

    @Option(help: "Reward normalisation for FlowRL: group (z-score) or none (raw reward).")
    var rewardNorm: RewardNormalization?

    @Option(help: "KL coefficient of GRPO / REINFORCE++.")
    var klCoef: Float?

    @Flag(help: "Detach the log Z head's input from the backbone.")
    var detachLogZ = false

    @Option(help: "Supervised warm-start steps for a new policy.")
    var warmStartSteps: Int?

    @Option(help: "Samples per evaluation prompt for the final metrics (text tasks).")
    var evalSamples = 16

    @Option(help: "Checkpoint every this many steps.")
    var checkpointEvery = 50

    @Flag(help: "Start over even if a checkpoint exists (otherwise a run resumes).")
    var fresh = false

    func resolvedTask() throws -> any TrainingTask {
        guard let t = TrainingTasks.named(task) else {
            throw ValidationError("--task \(task): unknown task (choose \(TrainingTasks.names.joined(separator: ", ")))")
        }
        // The code task grades in the sandbox: a machine that cannot sandbox is a setup error, not zero rewards.
        if let code = t as? CodeTask {
            do { try code.checkSandbox() } catch { throw WorkFailure(message: "--task code: \(error)") }
        }
        return t
    }

    func validate() throws {
        _ = try resolvedTask()
        for (name, value) in [("--steps", steps), ("--n", n), ("--prompts", prompts), ("--mini-batches", miniBatches),
                              ("--epochs", epochs), ("--max-new-tokens", maxNewTokens)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
        }
        if evalSamples < 1 { throw ValidationError("--eval-samples must be at least 1") }
    }

    /// The job for `method` and `seed` named `name`, checkpointing beside the store.
    func spec(method: TrainingMethod, seed: UInt64, name: String, store: String, offline: String?,
              quiet: Bool) throws -> TrainingJobSpec {
        let task = try resolvedTask()
        let defaults = TrainingDefaults.of(task, method: method, seed: seed)
        var config = defaults.config
        if let steps { config.steps = steps }
        if let n { config.samplesPerPrompt = n }
        if let prompts { config.promptsPerStep = prompts }
        if let miniBatches { config.miniBatches = miniBatches }
        if let epochs { config.epochs = epochs }
        if let temperature { config.temperature = temperature }
        if let lr { config.learningRate = lr }
        if let maxNewTokens { config.maxNewTokens = maxNewTokens }
        if let warmup { config.warmupSteps = warmup }
        if let clipLow { config.clip.low = clipLow }
        if let clipHigh { config.clip.high = clipHigh }
        if let gamma { config.gamma = gamma }
        if let lambda { config.lambda = lambda }
        if let beta { config.beta = beta }
        if let isWeight { config.importanceWeight = isWeight }
        if let rewardNorm { config.rewardNormalization = rewardNorm }
        if let klCoef { config.klCoefficient = klCoef }
        config.detachLogZInput = detachLogZ
        let folder = URL(fileURLWithPath: store).deletingLastPathComponent().path
        let safeName = name.map { $0 == "/" ? "_" : $0 }
        return TrainingJobSpec(task: task, config: config, name: name,
                               checkpointDirectory: folder + "/checkpoints/" + String(safeName),
                               checkpointEvery: checkpointEvery, warmStartSteps: warmStartSteps ?? defaults.warmStartSteps,
                               warmStartBatch: defaults.warmStartBatch,
                               warmStartLearningRate: defaults.warmStartLearningRate, fresh: fresh, offlineRun: offline,
                               evaluationSamples: evalSamples, command: CommandLine.arguments.joined(separator: " "),
                               quiet: quiet)
    }
}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a small policy on a bundled task with FlowRL, GRPO, PPO or REINFORCE++.",
        discussion: """
            Rollouts are stored as the run <name>/rollouts (samples with grades), per-step metrics under the training \
            run <name>, checkpoints in checkpoints/<name> beside the store; running the same command again resumes.
            """)

    @OptionGroup var training: TrainingOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "flowrl, grpo, ppo, reinforce++ or reinforce++-baseline.")
    var method: TrainingMethod = .flowrl

    @Option(help: "Seed of initialisation, sampling and shuffling.")
    var seed: UInt64 = 0

    @Option(help: "Training run name (default: <task>-<method>-s<seed>).")
    var name: String?

    @Option(help: "Train on the graded samples of this stored run instead of sampling.")
    var offline: String?

    @Flag(help: "Print one JSON object with the final metrics on stdout.")
    var json = false

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        let store = try storeOptions.open()
        let runName = name ?? "\(training.task)-\(method.rawValue)-s\(seed)"
        let spec = try training.spec(method: method, seed: seed, name: runName, store: storeOptions.path,
                                     offline: offline, quiet: quiet)
        let result = try TrainingJob.run(spec, store: store)
        if json {
            Console.out(JSONValue.object(result).jsonText)
        } else {
            for (key, value) in result.members { Console.out("\(key): \(value.jsonText)") }
        }
    }
}
