// Batched autoregressive sampling with a KV cache: the common prompt prefix is prefilled in one forward, then one
// token per sequence per step. Per-token log-probabilities are those of the model's own distribution
// (log-softmax of the logits at temperature 1, before top-k/top-p), so they equal `tokenLogProbs` of the result.
#if canImport(Glibc)
import Glibc
#endif

/// How to sample.
public struct SamplingOptions: Sendable {
    /// Logits are divided by this; 0 means greedy.
    public var temperature: Float = 1
    /// Keep only the k most likely tokens (nil: all).
    public var topK: Int?
    /// Keep the smallest set of most likely tokens whose probability reaches p (nil or 1: all).
    public var topP: Float?
    /// Generation ends for a sequence after it emits one of these (the stop token is included in its output).
    public var stopTokens: Set<Int> = []
    /// At most this many new tokens per sequence (also limited by the context length).
    public var maxNewTokens: Int = 64
    /// Seed of the sampling stream.
    public var seed: UInt64 = 0
    /// Use the KV cache (true) or recompute the whole prefix each step (for comparison and benchmarks).
    public var useCache = true

    /// Options with the defaults above, overridden by the arguments given.
    public init(temperature: Float = 1, topK: Int? = nil, topP: Float? = nil, stopTokens: Set<Int> = [],
                maxNewTokens: Int = 64, seed: UInt64 = 0, useCache: Bool = true) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.stopTokens = stopTokens
        self.maxNewTokens = maxNewTokens
        self.seed = seed
        self.useCache = useCache
    }
}

/// One sampled continuation.
public struct Sample: Equatable, Sendable {
    /// Generated tokens (not including the prompt).
    public var tokens: [Int]
    /// log π(token | prefix) for each generated token.
    public var logProbs: [Float]
    /// True when a stop token ended it (false: length limit).
    public var stopped: Bool
}

extension Transformer {
    /// Samples a continuation for each prompt (prompts may differ in length; each must be non-empty).
    /// Reproducible for `options.seed`.
    /// - Complexity: with the cache, one (B, 1) forward per new token; without, a (B, t) forward per step.
    public func sample(prompts: [[Int]], options: SamplingOptions) -> [Sample] {
        precondition(!prompts.isEmpty && prompts.allSatisfy { !$0.isEmpty }, "sample: prompts must be non-empty")
        return Tensor.withoutGrad {
            let batch = prompts.count
            let longest = prompts.map(\.count).max() ?? 0
            let limit = min(config.contextLength, longest + options.maxNewTokens)
            precondition(longest < config.contextLength, "sample: a prompt of \(longest) tokens fills the context")
            var generator = SeededGenerator(seed: options.seed)
            var sequences = prompts
            var results = Array(repeating: Sample(tokens: [], logProbs: [], stopped: false), count: batch)
            var done = [Bool](repeating: false, count: batch)
            let cache = options.useCache ? makeCache(batch: batch, capacity: limit) : nil
            let v = config.vocabularySize
            // Every sequence has at least `shortest` known tokens: feed that prefix at once.
            var position = prompts.map(\.count).min() ?? 1
            var feed = (0..<batch).flatMap { sequences[$0][0..<position] }
            while position < limit && done.contains(false) {
                let logits: [Float]
                if let cache {
                    logits = forward(tokens: feed, batch: batch, cache: cache).logits?.data ?? []
                } else {
                    let prefix = (0..<batch).flatMap { sequences[$0][0..<position] }
                    logits = forward(tokens: prefix, batch: batch).logits?.data ?? []
                }
                let steps = logits.count / (batch * v)
                var next = [Int](repeating: 0, count: batch)
                for b in 0..<batch {
                    // The logits of the last fed position predict position `position`.
                    let row = Array(logits[((b * steps + steps - 1) * v)..<((b * steps + steps) * v)])
                    if position < prompts[b].count {
                        next[b] = prompts[b][position]  // still inside this sequence's prompt
                        continue
                    }
                    if done[b] {
                        // Finished: keep the batch aligned with a filler that is never reported.
                        next[b] = sequences[b].last ?? 0
                        sequences[b].append(next[b])
                        continue
                    }
                    let token = Transformer.choose(row, options: options, using: &generator)
                    let logProb = row.withUnsafeBufferPointer { token < v ? $0[token] - RowKernels.logSumExp($0.baseAddress.unsafelyUnwrapped, v) : 0 }
                    results[b].tokens.append(token)
                    results[b].logProbs.append(logProb)
                    sequences[b].append(token)
                    next[b] = token
                    if options.stopTokens.contains(token) { done[b] = true; results[b].stopped = true }
                    if results[b].tokens.count >= options.maxNewTokens { done[b] = true }
                }
                feed = next
                position += 1
            }
            return results
        }
    }

    /// Picks a token from one row of logits with temperature, top-k and top-p.
    static func choose(_ logits: [Float], options: SamplingOptions, using generator: inout SeededGenerator) -> Int {
        if options.temperature <= 0 {
            var best = 0
            for i in 1..<logits.count where logits[i] > logits[best] { best = i }
            return best
        }
        var order = Array(logits.indices)
        order.sort { logits[$0] != logits[$1] ? logits[$0] > logits[$1] : $0 < $1 }
        if let k = options.topK, k > 0, k < order.count { order.removeSubrange(k...) }
        let m = logits[order[0]]
        var weights = order.map { expf((logits[$0] - m) / options.temperature) }
        if let p = options.topP, p < 1 {
            let total = weights.reduce(0, +)
            var cumulative: Float = 0
            var keep = weights.count
            for (i, w) in weights.enumerated() {
                cumulative += w / total
                if cumulative >= p { keep = i + 1; break }
            }
            weights.removeSubrange(keep...)
            order.removeSubrange(keep...)
        }
        let total = weights.reduce(0, +)
        var u = generator.nextUniform() * total
        for (i, w) in weights.enumerated() {
            u -= w
            if u < 0 { return order[i] }
        }
        return order[weights.count - 1]
    }
}
