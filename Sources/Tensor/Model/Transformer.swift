// A GPT-style decoder-only transformer (pre-norm blocks, GELU MLP, tied input/output embeddings), readable top to
// bottom like nanoGPT: embeddings → L × [x + attn(ln1(x)), x + mlp(ln2(x))] → ln_f → hidden → logits.
// It exposes the last-layer hidden states (FlowRL's log Z head pools them) and an optional scalar value head (PPO).

/// The hidden states and (optionally) logits of one forward pass.
public struct TransformerOutput {
    /// Last-layer hidden states after the final layer norm, (B, T, C).
    public let hidden: Tensor
    /// Next-token logits, (B, T, V); nil when not requested.
    public let logits: Tensor?
}

/// A decoder-only transformer with named parameters (GPT-2 style names, PyTorch (out, in) weight layout).
public final class Transformer {
    /// The hyper-parameters.
    public let config: TransformerConfig
    /// Every parameter with its name, in a fixed order (optimiser state and checkpoints use it).
    public let namedParameters: [(name: String, tensor: Tensor)]
    private let table: [String: Tensor]

    /// A freshly initialised model: normal(0, 0.02) weights, residual projections scaled by 1/√(2L), zero biases,
    /// unit norm scales; reproducible for `seed`.
    public init(config: TransformerConfig, seed: UInt64) {
        self.config = config
        var generator = SeededGenerator(seed: seed)
        let c = config.width
        let residualStd = 0.02 / Float(2 * config.layers).squareRoot()
        var list: [(String, Tensor)] = []
        func add(_ name: String, _ shape: [Int], std: Float? = nil, fill: Float = 0) {
            let t = std.map { Tensor.randn(shape, std: $0, using: &generator, requiresGrad: true) }
                ?? Tensor.full(shape, fill, requiresGrad: true)
            list.append((name, t))
        }
        add("wte.weight", [config.vocabularySize, c], std: 0.02)
        if config.positions == .learned { add("wpe.weight", [config.contextLength, c], std: 0.01) }
        for l in 0..<config.layers {
            let p = "h.\(l)."
            add(p + "ln_1.weight", [c], fill: 1); add(p + "ln_1.bias", [c])
            add(p + "attn.c_attn.weight", [3 * c, c], std: 0.02); add(p + "attn.c_attn.bias", [3 * c])
            add(p + "attn.c_proj.weight", [c, c], std: residualStd); add(p + "attn.c_proj.bias", [c])
            add(p + "ln_2.weight", [c], fill: 1); add(p + "ln_2.bias", [c])
            add(p + "mlp.c_fc.weight", [4 * c, c], std: 0.02); add(p + "mlp.c_fc.bias", [4 * c])
            add(p + "mlp.c_proj.weight", [c, 4 * c], std: residualStd); add(p + "mlp.c_proj.bias", [c])
        }
        add("ln_f.weight", [c], fill: 1); add("ln_f.bias", [c])
        if config.valueHead { add("value_head.weight", [1, c], std: 0.02); add("value_head.bias", [1]) }
        namedParameters = list.map { (name: $0.0, tensor: $0.1) }
        table = Dictionary(uniqueKeysWithValues: list)
    }

    /// All parameter tensors in order.
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }

    /// Two AdamW groups in the usual way: matrices decayed, vectors (norms, biases) not.
    public func parameterGroups(weightDecay: Float) -> [ParameterGroup] {
        [ParameterGroup(parameters.filter { $0.rank >= 2 }, weightDecay: weightDecay),
         ParameterGroup(parameters.filter { $0.rank < 2 }, weightDecay: 0)]
    }

    /// The parameter called `name` (e.g. "h.0.attn.c_attn.weight").
    public func parameter(_ name: String) -> Tensor? { table[name] }

    private func p(_ name: String) -> Tensor {
        guard let t = table[name] else { preconditionFailure("Transformer: no parameter \(name)") }
        return t
    }

    /// A KV cache sized for this model and `batch` sequences of up to `capacity` positions (≤ the context length).
    public func makeCache(batch: Int, capacity: Int? = nil) -> KVCache {
        KVCache(layers: config.layers, batch: batch, heads: config.heads, headDimension: config.width / config.heads,
                capacity: min(capacity ?? config.contextLength, config.contextLength))
    }

    /// The forward pass over `tokens`, row-major (B, T) with T = `tokens.count / batch`.
    ///
    /// - Parameters:
    ///   - cache: inference only: positions continue from `cache.length`, keys/values are appended, and the
    ///     cache is advanced by T.
    ///   - computeLogits: skip the (B, T, V) projection when only hidden states are needed.
    ///   - dropoutSeed: training with dropout: the seed of this pass's masks (nil means no dropout).
    public func forward(tokens: [Int], batch: Int, cache: KVCache? = nil, computeLogits: Bool = true,
                        dropoutSeed: UInt64? = nil) -> TransformerOutput {
        let t = tokens.count / max(batch, 1)
        precondition(t * batch == tokens.count && t > 0, "forward: \(tokens.count) tokens do not form \(batch) rows")
        let offset = cache?.length ?? 0
        precondition(offset + t <= config.contextLength, "forward: \(offset + t) positions exceed context \(config.contextLength)")
        let rotary = config.positions == .rotary
        var generator = SeededGenerator(seed: dropoutSeed ?? 0)
        let dropout = dropoutSeed == nil ? 0 : config.dropout

        // (B, T) -> (B, T, C): token embedding (+ learned position embedding)
        var x = p("wte.weight").embedding(tokens, shape: [batch, t])
        if !rotary {
            let positions = (0..<batch).flatMap { _ in (offset..<(offset + t)).map { $0 } }
            x = x + p("wpe.weight").embedding(positions, shape: [batch, t])
        }
        x = x.dropout(dropout, using: &generator)
        for l in 0..<config.layers {
            let n = "h.\(l)."
            // attention: (B, T, C) -> ln -> (B, T, 3C) -> attend -> (B, T, C) -> project -> residual
            let qkv = x.layerNorm(weight: p(n + "ln_1.weight"), bias: p(n + "ln_1.bias"))
                .linear(weight: p(n + "attn.c_attn.weight"), bias: p(n + "attn.c_attn.bias"))
            let attended = qkv.causalSelfAttention(heads: config.heads, rotary: rotary, cache: cache, layer: l)
            x = x + attended.linear(weight: p(n + "attn.c_proj.weight"), bias: p(n + "attn.c_proj.bias"))
                .dropout(dropout, using: &generator)
            // MLP: (B, T, C) -> ln -> (B, T, 4C) -> GELU -> (B, T, C) -> residual
            let hiddenMLP = x.layerNorm(weight: p(n + "ln_2.weight"), bias: p(n + "ln_2.bias"))
                .linear(weight: p(n + "mlp.c_fc.weight"), bias: p(n + "mlp.c_fc.bias")).gelu()
            x = x + hiddenMLP.linear(weight: p(n + "mlp.c_proj.weight"), bias: p(n + "mlp.c_proj.bias"))
                .dropout(dropout, using: &generator)
        }
        cache?.advance(by: t)
        // (B, T, C) -> final norm -> hidden; (B, T, C) x (V, C)ᵀ -> (B, T, V) logits (tied embedding)
        let hidden = x.layerNorm(weight: p("ln_f.weight"), bias: p("ln_f.bias"))
        let logits = computeLogits ? hidden.matmul(p("wte.weight"), transposingOther: true) : nil
        return TransformerOutput(hidden: hidden, logits: logits)
    }

    /// The value head on hidden states: (B, T, C) -> (B, T). Requires `config.valueHead`.
    public func values(_ hidden: Tensor) -> Tensor {
        precondition(config.valueHead, "values: the model was configured without a value head")
        return hidden.linear(weight: p("value_head.weight"), bias: p("value_head.bias"))
            .reshaped(Array(hidden.shape.dropLast()))
    }

    /// Mean next-token cross-entropy of (B, T) `tokens`: position t predicts token t+1; targets equal to
    /// `ignoreIndex` (e.g. padding) are skipped.
    public func languageModelLoss(tokens: [Int], batch: Int, ignoreIndex: Int = -1, dropoutSeed: UInt64? = nil) -> Tensor {
        let (inputs, targets) = Transformer.shifted(tokens, batch: batch)
        let targetsMasked = targets.map { $0 == ignoreIndex ? -1 : $0 }
        let out = forward(tokens: inputs, batch: batch, dropoutSeed: dropoutSeed)
        guard let logits = out.logits else { preconditionFailure("forward returned no logits") }
        return logits.crossEntropy(targetsMasked, ignoreIndex: -1)
    }

    /// Per-token log-probabilities of given (B, T) sequences in one batched forward: entry (b, t) is
    /// log π(tokens[b][t+1] | tokens[b][…t]); shape (B, T−1). Differentiable (π_θ) or, under
    /// `Tensor.withoutGrad`, plain values (π_old, π_ref). Mask padding and prompt positions in the loss.
    public func tokenLogProbs(tokens: [Int], batch: Int) -> (logProbs: Tensor, hidden: Tensor) {
        let (inputs, targets) = Transformer.shifted(tokens, batch: batch)
        let out = forward(tokens: inputs, batch: batch)
        guard let logits = out.logits else { preconditionFailure("forward returned no logits") }
        return (logits.selectedLogProbs(targets), out.hidden)
    }

    /// (B, T) → inputs (B, T−1) = tokens[:, :-1] and targets (B, T−1) = tokens[:, 1:].
    static func shifted(_ tokens: [Int], batch: Int) -> (inputs: [Int], targets: [Int]) {
        let t = tokens.count / max(batch, 1)
        precondition(t >= 2 && t * batch == tokens.count, "need (B, T ≥ 2) tokens, got \(tokens.count) for batch \(batch)")
        var inputs: [Int] = [], targets: [Int] = []
        inputs.reserveCapacity(batch * (t - 1)); targets.reserveCapacity(batch * (t - 1))
        for b in 0..<batch {
            inputs.append(contentsOf: tokens[(b * t)..<(b * t + t - 1)])
            targets.append(contentsOf: tokens[(b * t + 1)..<(b * t + t)])
        }
        return (inputs, targets)
    }
}
