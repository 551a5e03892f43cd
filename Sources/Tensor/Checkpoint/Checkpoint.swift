// A checkpoint directory: model.safetensors (weights, loadable by PyTorch's safetensors), config.json,
// tokenizer.json, and for resuming optimizer.safetensors (AdamW moments as "<param>.exp_avg" / ".exp_avg_sq",
// the step count in its metadata).
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Saving and loading models, tokenizers and optimiser state.
public enum Checkpoint {
    /// Writes the model (and tokenizer, and AdamW state if given) into `directory`, creating it.
    public static func save(_ model: Transformer, tokenizer: ByteTokenizer, optimizer: AdamW? = nil, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let config = try encoder.encode(model.config)
        var arrays: [String: NamedArray] = [:]
        for (name, t) in model.namedParameters { arrays[name] = NamedArray(shape: t.shape, values: t.data) }
        try SafeTensors.write(arrays, metadata: ["format": "pt", "flowrl_config": String(decoding: config, as: UTF8.self)],
                              to: directory + "/model.safetensors")
        try config.write(to: URL(fileURLWithPath: directory + "/config.json"))
        try encoder.encode(tokenizer).write(to: URL(fileURLWithPath: directory + "/tokenizer.json"))
        if let optimizer {
            var state: [String: NamedArray] = [:]
            let names = optimizerParameterNames(model: model, optimizer: optimizer)
            for (i, name) in names.enumerated() where !optimizer.firstMoments[i].isEmpty {
                let shape = optimizer.parameters[i].shape
                state[name + ".exp_avg"] = NamedArray(shape: shape, values: optimizer.firstMoments[i])
                state[name + ".exp_avg_sq"] = NamedArray(shape: shape, values: optimizer.secondMoments[i])
            }
            try SafeTensors.write(state, metadata: ["step": String(optimizer.stepCount)], to: directory + "/optimizer.safetensors")
        }
    }

    /// Loads the model and tokenizer saved in `directory`.
    public static func load(from directory: String) throws -> (model: Transformer, tokenizer: ByteTokenizer) {
        let decoder = JSONDecoder()
        let config: TransformerConfig
        let tokenizer: ByteTokenizer
        do {
            config = try decoder.decode(TransformerConfig.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/config.json")))
            tokenizer = try decoder.decode(ByteTokenizer.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/tokenizer.json")))
        } catch {
            throw CheckpointError.malformed("\(directory): config.json or tokenizer.json missing or invalid (\(error))")
        }
        let model = Transformer(config: config, seed: 0)
        let (arrays, _) = try SafeTensors.read(directory + "/model.safetensors")
        for (name, t) in model.namedParameters {
            guard let array = arrays[name] else { throw CheckpointError.mismatch("\(directory)/model.safetensors lacks \(name)") }
            guard array.shape == t.shape else {
                throw CheckpointError.mismatch("\(directory)/model.safetensors: \(name) has shape \(array.shape), the config needs \(t.shape)")
            }
            t.data = array.values
        }
        return (model, tokenizer)
    }

    /// Restores AdamW moments and step count saved beside `model` in `directory` (for resuming training).
    public static func restore(_ optimizer: AdamW, model: Transformer, from directory: String) throws {
        let (arrays, metadata) = try SafeTensors.read(directory + "/optimizer.safetensors")
        guard let step = metadata["step"].flatMap({ Int($0) }) else {
            throw CheckpointError.malformed("\(directory)/optimizer.safetensors: metadata has no integer \"step\"")
        }
        let names = optimizerParameterNames(model: model, optimizer: optimizer)
        let first = names.map { arrays[$0 + ".exp_avg"]?.values ?? [] }
        let second = names.map { arrays[$0 + ".exp_avg_sq"]?.values ?? [] }
        try optimizer.restore(stepCount: step, firstMoments: first, secondMoments: second)
    }

    /// The model name of each optimised parameter, in optimiser order ("extra.<i>" for tensors outside the model,
    /// such as a log Z head).
    static func optimizerParameterNames(model: Transformer, optimizer: AdamW) -> [String] {
        let byIdentity = Dictionary(uniqueKeysWithValues: model.namedParameters.map { (ObjectIdentifier($0.tensor), $0.name) })
        return optimizer.parameters.enumerated().map { byIdentity[ObjectIdentifier($0.element)] ?? "extra.\($0.offset)" }
    }
}
