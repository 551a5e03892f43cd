// A sampled (or stored) response with its grade, and the padded (B, T) batch the losses read.

/// One response to one prompt.
public struct Rollout: Sendable {
    /// The prompt answered.
    public var prompt: TaskPrompt
    /// Which group (prompt occurrence) of the rollout batch it belongs to.
    public var group: Int
    /// The response tokens (including a stop token if one ended it).
    public var responseTokens: [Int]
    /// log π_sample per response token, when known.
    public var samplingLogProbs: [Float]?
    /// Σ log π of the policy that produced it, when stored (offline data); gives FlowRL's w.
    public var behaviourLogProbSum: Float?
    /// The response text.
    public var text: String
    /// The grader's verdict.
    public var grade: TaskGrade

    public init(prompt: TaskPrompt, group: Int, responseTokens: [Int], samplingLogProbs: [Float]?,
                behaviourLogProbSum: Float? = nil, text: String, grade: TaskGrade) {
        self.prompt = prompt
        self.group = group
        self.responseTokens = responseTokens
        self.samplingLogProbs = samplingLogProbs
        self.behaviourLogProbSum = behaviourLogProbSum
        self.text = text
        self.grade = grade
    }
}

/// Rollouts packed right-padded into (B, T) tokens, with the masks of the shifted (B, T − 1) positions:
/// position j predicts token j + 1.
public struct PackedBatch: Sendable {
    /// Rows.
    public let batch: Int
    /// Shifted length T − 1 (the length of every per-position array).
    public let length: Int
    /// Model inputs tokens[:, :-1], (B, T − 1) row-major.
    public let inputs: [Int]
    /// Targets tokens[:, 1:], (B, T − 1).
    public let targets: [Int]
    /// 1 where the target is a response token, (B, T − 1).
    public let responseMask: [Float]
    /// 1 where the input is a prompt token (log Z pooling), (B, T − 1).
    public let promptMask: [Float]

    /// Packs `rollouts` (each with a non-empty prompt and response), padding with `pad`.
    public init(_ rollouts: [Rollout], pad: Int) {
        let sequences = rollouts.map { $0.prompt.tokens + $0.responseTokens }
        let t = Swift.max(sequences.map(\.count).max() ?? 2, 2)
        batch = rollouts.count
        length = t - 1
        var inputs: [Int] = [], targets: [Int] = [], response: [Float] = [], prompt: [Float] = []
        for (r, sequence) in zip(rollouts, sequences) {
            precondition(!r.prompt.tokens.isEmpty && !r.responseTokens.isEmpty, "PackedBatch: empty prompt or response")
            let padded = sequence + [Int](repeating: pad, count: t - sequence.count)
            let promptLength = r.prompt.tokens.count
            for j in 0..<(t - 1) {
                inputs.append(padded[j])
                targets.append(padded[j + 1])
                response.append(j + 1 >= promptLength && j + 1 < sequence.count ? 1 : 0)
                prompt.append(j < promptLength ? 1 : 0)
            }
        }
        self.inputs = inputs
        self.targets = targets
        self.responseMask = response
        self.promptMask = prompt
    }

    private init(batch: Int, length: Int, inputs: [Int], targets: [Int], responseMask: [Float], promptMask: [Float]) {
        self.batch = batch
        self.length = length
        self.inputs = inputs
        self.targets = targets
        self.responseMask = responseMask
        self.promptMask = promptMask
    }

    /// The sub-batch of `rows` (in that order).
    public func rows(_ rows: [Int]) -> PackedBatch {
        func pick<T>(_ a: [T]) -> [T] { rows.flatMap { a[($0 * length)..<($0 * length + length)] } }
        return PackedBatch(batch: rows.count, length: length, inputs: pick(inputs), targets: pick(targets),
                           responseMask: pick(responseMask), promptMask: pick(promptMask))
    }
}

extension Array where Element == Float {
    /// The rows `rows` of a (B, length) row-major array.
    func rows(_ rows: [Int], length: Int) -> [Float] { rows.flatMap { self[($0 * length)..<($0 * length + length)] } }
}
