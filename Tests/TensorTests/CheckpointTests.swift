// safetensors layout against hand-written bytes, and checkpoint round trips including optimiser resume.
import Foundation
import Testing
import Tensor

@Suite struct CheckpointTests {
    @Test func safetensorsLayoutMatchesTheFormat() throws {
        let bytes = SafeTensors.encode(["b": NamedArray(shape: [2], values: [1, -2]), "a": NamedArray(shape: [1, 1], values: [0.5])])
        let header = #"{"a":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        var padded = Array(header.utf8)
        while padded.count % 8 != 0 { padded.append(0x20) }
        var expected: [UInt8] = []
        var length = UInt64(padded.count)
        for _ in 0..<8 { expected.append(UInt8(length & 0xff)); length >>= 8 }
        expected += padded
        for v: Float in [0.5, 1, -2] { expected += withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init) }
        #expect(bytes == expected)
        #expect(bytes.count % 4 == 0 && (bytes.count - 12) % 8 == 0)  // data starts 8-byte aligned
        let decoded = try SafeTensors.decode(bytes)
        #expect(decoded.arrays["b"] == NamedArray(shape: [2], values: [1, -2]))
    }

    @Test func malformedFilesAreRejectedWithContext() {
        #expect(throws: CheckpointError.self) { try SafeTensors.decode([1, 2, 3], source: "x.safetensors") }
        var bytes = SafeTensors.encode(["a": NamedArray(shape: [4], values: [1, 2, 3, 4])])
        bytes.removeLast(4)
        #expect(throws: CheckpointError.self) { try SafeTensors.decode(bytes) }
    }

    @Test func modelAndOptimizerRoundTripAndResumeExactly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tensor-ckpt-\(UInt64.random(in: 0...UInt64.max))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tokenizer = ByteTokenizer(extraSpecials: ["<|x|>"])
        let config = TransformerConfig(vocabularySize: tokenizer.vocabularySize, contextLength: 16, layers: 1, width: 16, heads: 2,
                                       positions: .rotary, valueHead: true)
        let tokens = tokenizer.encode("abcabcabcabcabca")
        func makeOptimizer(_ model: Transformer) -> AdamW {
            AdamW(groups: model.parameterGroups(weightDecay: 0.1), schedule: .warmupConstant(peak: 1e-2, warmupSteps: 3))
        }
        func trainStep(_ model: Transformer, _ adam: AdamW) {
            model.languageModelLoss(tokens: tokens, batch: 1).backward()
            adam.step()
        }
        let model = Transformer(config: config, seed: 1)
        let adam = makeOptimizer(model)
        for _ in 0..<3 { trainStep(model, adam) }
        try Checkpoint.save(model, tokenizer: tokenizer, optimizer: adam, to: directory)

        let (loaded, loadedTokenizer) = try Checkpoint.load(from: directory)
        #expect(loadedTokenizer == tokenizer && loaded.config == config)
        for (a, b) in zip(model.namedParameters, loaded.namedParameters) {
            #expect(a.name == b.name && a.tensor.data.map(\.bitPattern) == b.tensor.data.map(\.bitPattern))
        }
        let resumed = makeOptimizer(loaded)
        try Checkpoint.restore(resumed, model: loaded, from: directory)
        #expect(resumed.stepCount == 3)
        for _ in 0..<2 { trainStep(model, adam); trainStep(loaded, resumed) }
        for (a, b) in zip(model.parameters, loaded.parameters) { #expect(a.data == b.data) }
    }
}
