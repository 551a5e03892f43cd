// What the text tasks (countdown, arith) share: ByteTokenizer bytes (BOS before the prompt, EOS ends a response,
// PAD pads batches), the small policy size, and prompts drawn from a seeded generator — a fixed held-out set for
// evaluation, an endless stream for training that skips the held-out prompts, and warm-start sequences made of a
// prompt and one known solution.
import Tensor

/// A text task whose problems come from a generator with a known solution each.
public protocol GeneratedTextTask: TrainingTask {
    /// A random problem: its prompt and one correct response.
    func generate(using generator: inout SeededGenerator) -> (prompt: TaskPrompt, solution: String)
    /// How many held-out evaluation prompts, and the seed that draws them.
    var evaluationCount: Int { get }
    var evaluationSeed: UInt64 { get }
    /// Salts that keep the training and warm-start streams apart from each other and from evaluation.
    var trainingSalt: UInt64 { get }
    var warmStartSalt: UInt64 { get }
}

extension GeneratedTextTask {
    /// The byte tokenizer of the text tasks.
    public var tokenizer: ByteTokenizer { ByteTokenizer() }
    /// A 2-layer, width-64 decoder over the byte vocabulary (about 110k parameters), 32 positions.
    public var modelConfig: TransformerConfig {
        TransformerConfig(vocabularySize: tokenizer.vocabularySize, contextLength: 32, layers: 2, width: 64, heads: 4,
                          valueHead: true)
    }
    public var padToken: Int { tokenizer.pad }
    public var stopTokens: Set<Int> { [tokenizer.eos] }
    public var maxNewTokens: Int { 14 }

    /// BOS + the prompt's bytes.
    public func encodePrompt(_ text: String) -> [Int] { tokenizer.encode(text, addBOS: true, parseSpecials: false) }
    /// The response's bytes + EOS.
    public func encodeResponse(_ text: String) -> [Int] { tokenizer.encode(text, parseSpecials: false) + [tokenizer.eos] }
    /// The text of response tokens without specials.
    public func decode(_ tokens: [Int]) -> String { tokenizer.decode(tokens, skipSpecials: true) }

    public func evaluationPrompts() -> [TaskPrompt] {
        var generator = SeededGenerator(seed: evaluationSeed)
        var seen = Set<String>(), out: [TaskPrompt] = []
        while out.count < evaluationCount {
            let p = generate(using: &generator).prompt
            if seen.insert(p.id).inserted { out.append(p) }
        }
        return out
    }

    public func trainingPrompts(step: Int, count: Int, seed: UInt64) -> [TaskPrompt] {
        var generator = SeededGenerator(seed: seed ^ (UInt64(step) &* 0x9E37_79B9_7F4A_7C15) ^ trainingSalt)
        let held = Set(evaluationPrompts().map(\.id))
        var out: [TaskPrompt] = []
        while out.count < count {
            let p = generate(using: &generator).prompt
            if !held.contains(p.id) { out.append(p) }
        }
        return out
    }

    public func warmStartSequences(count: Int, seed: UInt64) -> [[Int]] {
        var generator = SeededGenerator(seed: seed ^ warmStartSalt)
        return (0..<count).map { _ in
            let (prompt, solution) = generate(using: &generator)
            return prompt.tokens + encodeResponse(solution)
        }
    }
}
