// The transformer: gradients end to end, overfitting a tiny corpus deterministically, KV-cache sampling that
// matches a full forward, the value head and the tokenizer.
import Testing
import Tensor

func tinyConfig(_ positions: TransformerConfig.Positions, valueHead: Bool = false, vocabulary: Int = 259) -> TransformerConfig {
    TransformerConfig(vocabularySize: vocabulary, contextLength: 48, layers: 2, width: 32, heads: 4,
                      positions: positions, valueHead: valueHead)
}

@Suite struct TransformerTests {
    @Test(arguments: [TransformerConfig.Positions.learned, .rotary])
    func wholeModelGradientsMatchFiniteDifferences(positions: TransformerConfig.Positions) {
        let config = TransformerConfig(vocabularySize: 11, contextLength: 8, layers: 1, width: 8, heads: 2,
                                       positions: positions, valueHead: true)
        let model = Transformer(config: config, seed: 3)
        // Scale weights up so the check is not dominated by the 0.02 initialisation.
        for t in model.parameters where t.rank == 2 { t.data = t.data.map { $0 * 20 } }
        let tokens = [1, 4, 2, 9, 3, 3, 0, 7, 10, 5]
        for (name, t) in model.namedParameters where name.contains("c_attn.weight") || name.contains("wte") || name.contains("value_head") || name.contains("ln_f") {
            checkGradients([t], samples: 12) { _ in
                let out = model.forward(tokens: tokens, batch: 2)
                return (out.logits ?? out.hidden).logSoftmax().sum(axis: -1) + model.values(out.hidden).scaled(by: 3)
            }
            _ = name
        }
    }

    @Test func overfitsATinyCorpusDeterministically() {
        func train() -> [Float] {
            let tokenizer = ByteTokenizer()
            let model = Transformer(config: tinyConfig(.rotary), seed: 7)
            let text = "the cat sat on the mat. the dog sat on the log. "
            let ids = tokenizer.encode(text + text, addBOS: true)
            let rows = 4, length = 33
            let batch = (0..<rows).flatMap { r in ids[(r * 7)..<(r * 7 + length)] }
            let adam = AdamW(groups: model.parameterGroups(weightDecay: 0.01),
                             schedule: .warmupCosine(peak: 1e-2, warmupSteps: 10, totalSteps: 150, minimum: 1e-3))
            var losses: [Float] = []
            for _ in 0..<150 {
                let loss = model.languageModelLoss(tokens: Array(batch), batch: rows)
                losses.append(loss.item)
                loss.backward()
                adam.step()
            }
            return losses
        }
        let first = train()
        #expect(first[0] > 5)  // ≈ log(259) at initialisation
        #expect(first.last ?? 10 < 0.15, "final loss \(first.last ?? .nan)")
        #expect(train() == first, "same seed, same losses bit for bit")
    }

    @Test(arguments: [TransformerConfig.Positions.learned, .rotary])
    func cachedSamplingLogProbsEqualAFullForward(positions: TransformerConfig.Positions) {
        let model = Transformer(config: tinyConfig(positions), seed: 11)
        let prompts = [[256, 72, 105], [256, 79], [256, 65, 66, 67, 68]]
        let options = SamplingOptions(temperature: 1, maxNewTokens: 12, seed: 5)
        let samples = model.sample(prompts: prompts, options: options)
        for (prompt, sample) in zip(prompts, samples) {
            #expect(sample.tokens.count == 12 && sample.logProbs.count == 12)
            let full = prompt + sample.tokens
            let reference = Tensor.withoutGrad { model.tokenLogProbs(tokens: full, batch: 1).logProbs.data }
            let generated = Array(reference.suffix(sample.tokens.count))
            for (a, b) in zip(sample.logProbs, generated) { #expect(abs(a - b) < 1e-4, "cached \(a) vs full \(b)") }
        }
        // Recomputing the prefix each step (no cache) samples the same tokens.
        var uncached = options
        uncached.useCache = false
        #expect(model.sample(prompts: prompts, options: uncached).map(\.tokens) == samples.map(\.tokens))
    }

    @Test func seededSamplingIsReproducibleAndHonoursOptions() {
        let model = Transformer(config: tinyConfig(.learned), seed: 12)
        let prompts = Array(repeating: [256, 100], count: 4)
        let options = SamplingOptions(temperature: 0.8, topK: 20, topP: 0.9, stopTokens: [257], maxNewTokens: 20, seed: 9)
        let a = model.sample(prompts: prompts, options: options)
        #expect(a == model.sample(prompts: prompts, options: options))
        var other = options
        other.seed = 10
        #expect(a.map(\.tokens) != model.sample(prompts: prompts, options: other).map(\.tokens))
        for s in a {
            #expect(s.tokens.count <= 20)
            if s.stopped { #expect(s.tokens.last == 257) } else { #expect(s.tokens.count == 20) }
        }
        // Greedy: the chosen token is the arg-max, and top-k 1 equals greedy.
        let greedy = model.sample(prompts: [[256, 100]], options: SamplingOptions(temperature: 0, maxNewTokens: 8))
        let topOne = model.sample(prompts: [[256, 100]], options: SamplingOptions(temperature: 1, topK: 1, maxNewTokens: 8, seed: 3))
        #expect(greedy.map(\.tokens) == topOne.map(\.tokens))
        // Greedy decoding stops at once when its first token is a stop token.
        let stop = model.sample(prompts: [[256, 100]], options: SamplingOptions(temperature: 0, stopTokens: Set(greedy[0].tokens.prefix(1)), maxNewTokens: 8))
        #expect(stop[0].stopped && stop[0].tokens.count == 1)
    }

    @Test func hiddenStatesAndValueHead() {
        let model = Transformer(config: tinyConfig(.learned, valueHead: true), seed: 13)
        let out = model.forward(tokens: [1, 2, 3, 4, 5, 6], batch: 2)
        #expect(out.hidden.shape == [2, 3, 32] && out.logits?.shape == [2, 3, 259])
        let values = model.values(out.hidden)
        #expect(values.shape == [2, 3])
        values.sum().backward()
        #expect(model.parameter("value_head.weight")?.grad != nil && model.parameter("h.0.attn.c_attn.weight")?.grad != nil)
        #expect(model.config.parameterCount == model.parameters.reduce(0) { $0 + $1.count })
    }

    @Test func byteTokenizerRoundTripsWithSpecials() {
        let tokenizer = ByteTokenizer(extraSpecials: ["<|user|>"])
        let text = "<|user|>héllo ✓<|eos|>"
        let ids = tokenizer.encode(text, addBOS: true)
        #expect(ids.first == tokenizer.bos && ids[1] == 259 && ids.last == tokenizer.eos)
        #expect(tokenizer.decode(ids) == "<|bos|>" + text)
        #expect(tokenizer.decode(ids, skipSpecials: true) == "héllo ✓")
        #expect(tokenizer.vocabularySize == 260)
        #expect(tokenizer.encode("<|eos|>", parseSpecials: false).count == 7)
    }
}
