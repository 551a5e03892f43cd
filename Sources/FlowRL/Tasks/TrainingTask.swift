// What a training task provides: prompts, a tokenisation, a reward from the project's graders, a warm-start corpus
// and the model size it trains at. The trainer is generic over it.
import Tensor

/// One prompt of a task, with what its grader needs.
public struct TaskPrompt: Sendable, Equatable {
    /// Stable id, `task/<name>/<n>` (the store problem id).
    public var id: String
    /// The prompt text as stored and shown.
    public var text: String
    /// The prompt's tokens (non-empty).
    public var tokens: [Int]
    /// What the grader compares against (a target number, an answer, …).
    public var reference: String
    /// Task-specific data (e.g. countdown's numbers), as a JSON object text.
    public var metadataJSON: String

    public init(id: String, text: String, tokens: [Int], reference: String, metadataJSON: String = "{}") {
        self.id = id
        self.text = text
        self.tokens = tokens
        self.reference = reference
        self.metadataJSON = metadataJSON
    }
}

/// The grade of one response.
public struct TaskGrade: Sendable, Equatable {
    /// The scalar reward the trainer uses.
    public var reward: Double
    /// Whether the response is correct (nil when the grader could not decide).
    public var correct: Bool?
    /// A short verdict word (`correct`, `wrong`, `no_answer`, `mode`, …).
    public var verdict: String
    /// The normalised answer (for distinct-solution counts and maj@k), when there is one.
    public var answer: String?

    public init(reward: Double, correct: Bool?, verdict: String, answer: String? = nil) {
        self.reward = reward
        self.correct = correct
        self.verdict = verdict
        self.answer = answer
    }
}

/// A task the trainer can learn.
public protocol TrainingTask: Sendable {
    /// Short name (`modes`, `countdown`, `arith`).
    var name: String { get }
    /// The grader name and version recorded with every grade.
    var graderVersion: String { get }
    /// The policy's shape for this task.
    var modelConfig: TransformerConfig { get }
    /// A token that pads packed batches (masked out of every loss).
    var padToken: Int { get }
    /// Tokens that end a response.
    var stopTokens: Set<Int> { get }
    /// The response length limit.
    var maxNewTokens: Int { get }
    /// `count` training prompts for step `step` (reproducible for `seed`).
    func trainingPrompts(step: Int, count: Int, seed: UInt64) -> [TaskPrompt]
    /// The fixed held-out prompts evaluation reports on.
    func evaluationPrompts() -> [TaskPrompt]
    /// The text of response tokens (stop tokens dropped).
    func decode(_ tokens: [Int]) -> String
    /// Tokens of a response text (for training on stored responses).
    func encodeResponse(_ text: String) -> [Int]
    /// Tokens of a prompt text (for training on stored responses).
    func encodePrompt(_ text: String) -> [Int]
    /// The grade of a response to `prompt`.
    func grade(response: String, prompt: TaskPrompt) -> TaskGrade
    /// Full sequences (prompt + response tokens) for the supervised warm-start that gives π_ref sensible behaviour.
    func warmStartSequences(count: Int, seed: UInt64) -> [[Int]]
}
