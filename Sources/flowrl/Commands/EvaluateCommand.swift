// `flowrl evaluate`: samples a checkpoint's policy on a task's held-out prompts, grades the samples and writes
// them as a graded run; prints Avg@k, pass@k and distinct correct answers (and, for `modes`, the exact KL).
import ArgumentParser
import FlowRL
import FlowRLCore
import Foundation
import Store
import Tensor

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate", abstract: "Evaluate a training checkpoint on a task; writes a graded run.")

    @Option(help: "A checkpoint directory written by `flowrl train`.")
    var checkpoint: String

    @Option(help: "Task: \(TrainingTasks.names.joined(separator: ", ")).")
    var task: String

    @Option(help: "Samples per prompt (k).")
    var samples = 16

    @Option(help: "Sampling temperature.")
    var temperature: Float = 1

    @Option(help: "Sampling seed.")
    var seed: UInt64 = 0

    @Option(help: "Name of the graded run (default: eval-<checkpoint folder>-k<samples>).")
    var name: String?

    @OptionGroup var storeOptions: StoreOptions

    @Flag(help: "Print one JSON object on stdout.")
    var json = false

    func validate() throws {
        if TrainingTasks.named(task) == nil { throw ValidationError("--task \(task): unknown task") }
        if samples < 1 { throw ValidationError("--samples must be at least 1") }
    }

    func run() throws {
        guard let task = TrainingTasks.named(task) else { throw ValidationError("--task \(self.task): unknown task") }
        let policy: Transformer
        do { policy = try Checkpoint.load(from: checkpoint).model } catch {
            throw WorkFailure(message: "\(checkpoint): \(error)")
        }
        guard policy.config.vocabularySize == task.modelConfig.vocabularySize else {
            throw WorkFailure(message: "\(checkpoint): a model of vocabulary \(policy.config.vocabularySize), "
                              + "task \(task.name) needs \(task.modelConfig.vocabularySize)")
        }
        let store = try storeOptions.open()
        let folder = URL(fileURLWithPath: checkpoint).lastPathComponent
        let runName = name ?? "eval-\(folder)-k\(samples)"
        let result = Evaluation.run(policy, task: task, samples: samples, temperature: temperature, seed: seed)
        let run = try store.openRun(RunSpec(name: runName, model: checkpoint, method: "sample",
                                            samplingJSON: "{\"temperature\":\(temperature),\"n\":\(samples),\"seed\":\(seed)}",
                                            command: CommandLine.arguments.joined(separator: " ")))
        try TrainingRecorder(store: store, task: task).record(result.rollouts, run: run, firstIndex: 0)
        var out: JSONObject = ["run": .string(runName), "task": .string(task.name), "k": .number(String(samples)),
                               "accuracy": .finite(result.accuracy), "pass_at_k": .finite(result.passAtK),
                               "distinct_correct": .finite(result.distinctCorrect)]
        if let modes = task as? ModesTask, let reference = try? Checkpoint.load(from: checkpoint + "/reference").model {
            // β of the training run (the target p* depends on it), 15 when the checkpoint does not say.
            let beta = Double(Trainer.savedConfig(at: checkpoint)?.beta ?? 15)
            let r = modes.report(policy: policy, reference: reference, beta: beta)
            out.set("kl_to_target", .finite(r.klToTarget))
            out.set("modes_covered", .number(String(r.modesCovered)))
            out.set("modes_total", .number(String(r.modesTotal)))
        }
        if json {
            Console.out(JSONValue.object(out).jsonText)
        } else {
            for (key, value) in out.members { Console.out("\(key): \(value.jsonText)") }
        }
    }
}
