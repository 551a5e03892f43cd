// One training run end to end, shared by `flowrl train`, `flowrl experiment` and the demo: build or resume the
// trainer, loop over steps recording rollouts and metrics in the store, checkpoint, evaluate, finish.
import FlowRL
import FlowRLCore
import Foundation
import Store
import Tensor

/// What a training run is asked to do.
struct TrainingJobSpec {
    var task: any TrainingTask
    var config: TrainerConfig
    var name: String
    var checkpointDirectory: String
    /// Checkpoint every this many steps (and at the end).
    var checkpointEvery: Int = 50
    var warmStartSteps: Int
    var warmStartBatch: Int
    var warmStartLearningRate: Float
    /// Start over even when a checkpoint exists.
    var fresh = false
    /// Train on this stored graded run instead of sampling.
    var offlineRun: String?
    /// Samples per evaluation prompt for the final metrics (text tasks).
    var evaluationSamples = 16
    var command: String?
    var quiet = false
}

/// Set by SIGINT: the loop finishes its step, checkpoints and stops.
nonisolated(unsafe) var trainingInterrupted = false

enum TrainingJob {
    /// Runs `spec` against `store`; returns the final JSON object (run, task, method, steps, the task's metrics).
    static func run(_ spec: TrainingJobSpec, store: Store) throws -> JSONObject {
        let task = spec.task
        let offline = try spec.offlineRun.map { try OfflineData(run: $0, store: store, task: task) }
        let trainer = try makeTrainer(spec)
        let config = trainer.config
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let configJSON = String(decoding: try encoder.encode(config), as: UTF8.self)
        let trainingRun = try store.openTrainingRun(name: spec.name, task: task.name, method: config.method.rawValue,
                                                    configJSON: configJSON, command: spec.command)
        let sampling = "{\"temperature\":\(config.temperature),\"n\":\(config.samplesPerPrompt),\"max_new_tokens\":\(config.maxNewTokens ?? task.maxNewTokens)}"
        let rolloutRun = try store.openRun(RunSpec(name: spec.name + "/rollouts", model: "flowrl-tiny-transformer",
                                                   method: config.method.rawValue, samplingJSON: sampling,
                                                   command: spec.command, trainingRun: spec.name))
        let recorder = TrainingRecorder(store: store, task: task)
        let progress = StepProgress(label: spec.name, total: config.steps, quiet: spec.quiet)
        trainingInterrupted = false
        signal(SIGINT) { _ in trainingInterrupted = true }
        defer { signal(SIGINT, SIG_DFL) }
        var last = StepMetrics(step: trainer.step)
        do {
            while trainer.step < config.steps && !trainingInterrupted {
                let step = trainer.step
                if let offline {
                    var metrics = StepMetrics(step: step)
                    trainer.update(on: offline.batch(step: step, prompts: config.promptsPerStep), metrics: &metrics)
                    last = metrics
                } else {
                    let (rollouts, metrics) = trainer.trainStep()
                    try recorder.record(rollouts, run: rolloutRun, firstIndex: step * rollouts.count)
                    last = metrics
                }
                try recorder.record(last, in: trainingRun)
                progress.update(step: trainer.step, metrics: last)
                if trainer.step % Swift.max(spec.checkpointEvery, 1) == 0 { try trainer.save(to: spec.checkpointDirectory) }
            }
            try trainer.save(to: spec.checkpointDirectory)
        } catch {
            try? store.finishTrainingRun(trainingRun, status: "failed")
            throw WorkFailure(message: "\(spec.name): training failed at step \(trainer.step): \(error)")
        }
        progress.finish()
        if trainingInterrupted {
            try store.finishTrainingRun(trainingRun, status: "interrupted")
            throw WorkFailure(message: "\(spec.name): interrupted at step \(trainer.step); checkpoint in "
                              + "\(spec.checkpointDirectory) (run the same command to resume)")
        }
        var result: JSONObject = ["run": .string(spec.name), "task": .string(task.name),
                                  "method": .string(config.method.rawValue), "steps": .number(String(trainer.step)),
                                  "seed": .number(String(config.seed)), "checkpoint": .string(spec.checkpointDirectory)]
        for (key, value) in try finalMetrics(trainer, spec: spec, store: store, recorder: recorder) { result.set(key, value) }
        for (key, value) in last.fields where key.hasPrefix("time_") { result.set("last_step_" + key, .finite(value)) }
        try store.finishTrainingRun(trainingRun)
        return result
    }

    /// A resumed trainer when a checkpoint exists (and `fresh` is off), else a warm-started new one.
    static func makeTrainer(_ spec: TrainingJobSpec) throws -> Trainer {
        TensorMemory.keepFreedBuffersForReuse()
        if !spec.fresh && Trainer.hasCheckpoint(at: spec.checkpointDirectory) {
            do {
                let trainer = try Trainer.resume(task: spec.task, from: spec.checkpointDirectory, steps: spec.config.steps)
                guard trainer.config.method == spec.config.method else {
                    throw WorkFailure(message: "\(spec.checkpointDirectory): a \(trainer.config.method.rawValue) checkpoint; "
                                      + "pass --fresh or another --name to train \(spec.config.method.rawValue)")
                }
                if !spec.quiet { Console.error("\(spec.name): resuming at step \(trainer.step) from \(spec.checkpointDirectory)") }
                return trainer
            } catch let failure as WorkFailure { throw failure } catch {
                throw WorkFailure(message: "\(error)")
            }
        }
        return Trainer(task: spec.task, config: spec.config, policy: try warmStartedPolicy(spec))
    }

    /// The warm-started policy for the spec's task and seed, cached beside the checkpoints so every method of one
    /// seed starts from (and is regularised towards) the same π_ref.
    static func warmStartedPolicy(_ spec: TrainingJobSpec) throws -> Transformer {
        let folder = URL(fileURLWithPath: spec.checkpointDirectory).deletingLastPathComponent().path
        let cache = folder + "/warmstart-\(spec.task.name)-s\(spec.config.seed)-\(spec.warmStartSteps)"
        if let cached = try? Checkpoint.load(from: cache).model, cached.config == spec.task.modelConfig {
            if !spec.quiet { Console.error("\(spec.name): warm-started policy from \(cache)") }
            return cached
        }
        let policy = Transformer(config: spec.task.modelConfig, seed: spec.config.seed)
        let loss = WarmStart.train(policy, task: spec.task, steps: spec.warmStartSteps, batchSize: spec.warmStartBatch,
                                   learningRate: spec.warmStartLearningRate, seed: spec.config.seed)
        if !spec.quiet { Console.error("\(spec.name): warm-start \(spec.warmStartSteps) steps, final loss \(loss)") }
        let staging = cache + ".partial"
        try? FileManager.default.removeItem(atPath: staging)
        try Checkpoint.save(policy, tokenizer: ByteTokenizer(), to: staging)
        try? FileManager.default.removeItem(atPath: cache)
        try FileManager.default.moveItem(atPath: staging, toPath: cache)
        return policy
    }

    /// `modes`: exact KL and coverage; text tasks: a graded evaluation run `<name>/eval` and its statistics.
    static func finalMetrics(_ trainer: Trainer, spec: TrainingJobSpec, store: Store,
                             recorder: TrainingRecorder) throws -> [(String, JSONValue)] {
        if let modes = spec.task as? ModesTask {
            let r = modes.report(policy: trainer.policy, reference: trainer.reference, beta: Double(trainer.config.beta))
            return [("kl_to_target", .finite(r.klToTarget)), ("modes_covered", .number(String(r.modesCovered))),
                    ("modes_total", .number(String(r.modesTotal))),
                    ("mode_mass", .array(r.policyMass.map { .finite($0) })),
                    ("target_mass", .array(r.targetMass.map { .finite($0) }))]
        }
        let evaluation = Evaluation.run(trainer.policy, task: spec.task, samples: spec.evaluationSamples,
                                        seed: trainer.config.seed &+ 0xE7A1)
        let run = try store.openRun(RunSpec(name: spec.name + "/eval", model: "flowrl-tiny-transformer",
                                            method: trainer.config.method.rawValue,
                                            samplingJSON: "{\"temperature\":1,\"n\":\(spec.evaluationSamples)}",
                                            command: spec.command, trainingRun: spec.name))
        try recorder.record(evaluation.rollouts, run: run, firstIndex: 0)
        return [("accuracy", .finite(evaluation.accuracy)), ("pass_at_k", .finite(evaluation.passAtK)),
                ("k", .number(String(spec.evaluationSamples))), ("distinct_correct", .finite(evaluation.distinctCorrect))]
    }
}
