// Shared tokenisation of the text tasks (countdown, arith): ByteTokenizer bytes, BOS before the prompt, EOS ends
// a response, PAD pads batches; and the small policy size they train at.
import Tensor

/// Byte-level prompt/response handling for text tasks.
public struct ByteTaskText: Sendable {
    public let tokenizer = ByteTokenizer()

    public init() {}

    /// BOS + the prompt's bytes.
    public func prompt(_ text: String) -> [Int] { tokenizer.encode(text, addBOS: true, parseSpecials: false) }

    /// The response's bytes + EOS (warm-start targets).
    public func response(_ text: String) -> [Int] { tokenizer.encode(text, parseSpecials: false) + [tokenizer.eos] }

    /// The text of response tokens without specials.
    public func decode(_ tokens: [Int]) -> String { tokenizer.decode(tokens, skipSpecials: true) }

    /// A 2-layer, width-64 decoder over the byte vocabulary (about 110k parameters).
    public func modelConfig(context: Int) -> TransformerConfig {
        TransformerConfig(vocabularySize: tokenizer.vocabularySize, contextLength: context, layers: 2, width: 64,
                          heads: 4, valueHead: true)
    }
}
