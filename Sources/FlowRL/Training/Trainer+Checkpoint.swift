// Saving and resuming a training run: the policy with its AdamW state (Tensor's checkpoint format), the frozen
// reference, the log Z head and the trainer's step and configuration. Written to a temporary directory and
// renamed into place, so a crash mid-save leaves the previous checkpoint intact.
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Tensor

/// The trainer's own state beside the model files.
struct TrainerState: Codable {
    var step: Int
    var task: String
    var config: TrainerConfig
}

extension Trainer {
    /// Writes the checkpoint into `directory` (replacing an earlier one).
    public func save(to directory: String) throws {
        let fm = FileManager.default
        let staging = directory + ".partial"
        try? fm.removeItem(atPath: staging)
        try Checkpoint.save(policy, tokenizer: ByteTokenizer(), optimizer: optimizer, to: staging)
        try Checkpoint.save(reference, tokenizer: ByteTokenizer(), to: staging + "/reference")
        var head: [String: NamedArray] = [:]
        for (name, t) in logZHead.namedParameters { head[name] = NamedArray(shape: t.shape, values: t.data) }
        try SafeTensors.write(head, to: staging + "/logz.safetensors")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(TrainerState(step: step, task: task.name, config: config))
            .write(to: URL(fileURLWithPath: staging + "/trainer.json"))
        let old = directory + ".old"
        try? fm.removeItem(atPath: old)
        if fm.fileExists(atPath: directory) { try fm.moveItem(atPath: directory, toPath: old) }
        try fm.moveItem(atPath: staging, toPath: directory)
        try? fm.removeItem(atPath: old)
    }

    /// Whether `directory` holds a trainer checkpoint.
    public static func hasCheckpoint(at directory: String) -> Bool {
        FileManager.default.fileExists(atPath: directory + "/trainer.json")
    }

    /// The configuration saved with the checkpoint in `directory`, or nil when it has none.
    public static func savedConfig(at directory: String) -> TrainerConfig? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: directory + "/trainer.json")) else { return nil }
        return try? JSONDecoder().decode(TrainerState.self, from: data).config
    }

    /// The trainer saved in `directory`, for `task`; its saved configuration is used, with `steps` replaced
    /// when given (to extend a finished run).
    public static func resume(task: any TrainingTask, from directory: String, steps: Int? = nil) throws -> Trainer {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: directory + "/trainer.json")) } catch {
            throw CheckpointError.malformed("\(directory)/trainer.json: cannot read (\(error))")
        }
        let state: TrainerState
        do { state = try JSONDecoder().decode(TrainerState.self, from: data) } catch {
            throw CheckpointError.malformed("\(directory)/trainer.json: not a trainer state (\(error))")
        }
        guard state.task == task.name else {
            throw CheckpointError.mismatch("\(directory): a checkpoint of task \(state.task), not \(task.name)")
        }
        var config = state.config
        if let steps { config.steps = steps }
        let (policy, _) = try Checkpoint.load(from: directory)
        let (reference, _) = try Checkpoint.load(from: directory + "/reference")
        for p in reference.parameters { p.requireGrad(false) }
        let head = LogZHead(width: policy.config.width, dropout: config.logZDropout,
                            detachesInput: config.detachLogZInput, seed: 0)
        let (arrays, _) = try SafeTensors.read(directory + "/logz.safetensors")
        for (name, t) in head.namedParameters {
            guard let array = arrays[name], array.shape == t.shape else {
                throw CheckpointError.mismatch("\(directory)/logz.safetensors: \(name) missing or of another shape")
            }
            t.data = array.values
        }
        let trainer = Trainer(task: task, config: config, policy: policy, reference: reference, logZHead: head)
        try Checkpoint.restore(trainer.optimizer, model: policy, from: directory)
        trainer.step = state.step
        return trainer
    }
}
