// The hyper-parameters of the decoder-only transformer, saved as config.json beside a checkpoint.

/// Shape and options of a GPT-style decoder.
public struct TransformerConfig: Codable, Equatable, Sendable {
    /// How positions enter the model.
    public enum Positions: String, Codable, Sendable {
        /// A learned (context, width) table added to token embeddings (GPT-2).
        case learned
        /// Rotary embeddings applied to queries and keys in every layer (RoPE).
        case rotary
    }

    /// Token vocabulary size.
    public var vocabularySize: Int
    /// Maximum sequence length.
    public var contextLength: Int
    /// Transformer blocks.
    public var layers: Int
    /// Embedding width C.
    public var width: Int
    /// Attention heads (must divide width).
    public var heads: Int
    /// Learned or rotary positions.
    public var positions: Positions
    /// Dropout probability on attention/MLP outputs and embeddings during training.
    public var dropout: Float
    /// Whether the model carries a scalar value head on its last hidden states (for PPO).
    public var valueHead: Bool

    /// A configuration; `width` must be divisible by `heads` (and the head width even for rotary positions).
    public init(vocabularySize: Int, contextLength: Int, layers: Int, width: Int, heads: Int,
                positions: Positions = .learned, dropout: Float = 0, valueHead: Bool = false) {
        precondition(width % heads == 0, "TransformerConfig: width \(width) is not divisible by \(heads) heads")
        precondition(positions == .learned || (width / heads) % 2 == 0, "TransformerConfig: rotary positions need an even head width")
        self.vocabularySize = vocabularySize
        self.contextLength = contextLength
        self.layers = layers
        self.width = width
        self.heads = heads
        self.positions = positions
        self.dropout = dropout
        self.valueHead = valueHead
    }

    /// Trainable parameters (embedding tied with the output projection).
    public var parameterCount: Int {
        let c = width
        let block = 2 * c + (3 * c * c + 3 * c) + (c * c + c) + 2 * c + (4 * c * c + 4 * c) + (4 * c * c + c)
        return vocabularySize * c + (positions == .learned ? contextLength * c : 0) + layers * block + 2 * c
            + (valueHead ? c + 1 : 0)
    }

    /// Matrix-multiply flops of one forward pass over `tokens` tokens of sequences of length `length`
    /// (weights 2·N per token plus attention 4·T·C per token per layer); backward is twice this.
    public func forwardFlops(tokens: Int, length: Int) -> Double {
        let c = Double(width)
        let perToken = 2 * (12 * c * c * Double(layers) + Double(vocabularySize) * c) + 4 * Double(length) * c * Double(layers)
        return perToken * Double(tokens)
    }
}
