// `arith`: short number problems with a numeric answer. Prompt "12+7*3=" (two or three numbers 0–20, + − ×, usual
// precedence); the response is "\boxed{33}", graded by MathGrader in reward mode (only the final box counts).
// Reward 1 when correct, else 0.
import MathGrader
import Tensor

/// Mental-arithmetic problems graded by MathGrader.
public struct ArithTask: TrainingTask {
    public let name = "arith"
    public var graderVersion: String { MathGrader.version + " (reward mode)" }
    public let evaluationCount = 32
    private let text = ByteTaskText()
    private let grader = MathGrader(mode: .reward)

    public init() {}

    public var modelConfig: TransformerConfig { text.modelConfig(context: 32) }
    public var padToken: Int { text.tokenizer.pad }
    public var stopTokens: Set<Int> { [text.tokenizer.eos] }
    public var maxNewTokens: Int { 14 }

    /// A random problem and its value.
    func problem(using generator: inout SeededGenerator) -> (statement: String, answer: Int) {
        let terms = 2 + Int(generator.next() % 2)
        let numbers = (0..<terms).map { _ in Int(generator.next() % 21) }
        let ops = (0..<(terms - 1)).map { _ in ["+", "-", "*"][Int(generator.next() % 3)] }
        // Precedence: fold products first, then sums left to right.
        var values = [numbers[0]], signs: [String] = []
        for (op, n) in zip(ops, numbers.dropFirst()) {
            if op == "*" { values[values.count - 1] *= n } else { values.append(n); signs.append(op) }
        }
        var answer = values[0]
        for (op, v) in zip(signs, values.dropFirst()) { answer = op == "+" ? answer + v : answer - v }
        var statement = String(numbers[0])
        for (op, n) in zip(ops, numbers.dropFirst()) { statement += op + String(n) }
        return (statement + "=", answer)
    }

    private func taskPrompt(_ statement: String, _ answer: Int) -> TaskPrompt {
        TaskPrompt(id: "task/arith/" + String(statement.dropLast()), text: statement, tokens: text.prompt(statement),
                   reference: String(answer))
    }

    public func evaluationPrompts() -> [TaskPrompt] {
        var generator = SeededGenerator(seed: 0xA417)
        var seen = Set<String>(), out: [TaskPrompt] = []
        while out.count < evaluationCount {
            let p = problem(using: &generator)
            if seen.insert(p.statement).inserted { out.append(taskPrompt(p.statement, p.answer)) }
        }
        return out
    }

    public func trainingPrompts(step: Int, count: Int, seed: UInt64) -> [TaskPrompt] {
        var generator = SeededGenerator(seed: seed ^ (UInt64(step) &* 0x9E37_79B9_7F4A_7C15) ^ 0xA1)
        let held = Set(evaluationPrompts().map(\.id))
        var out: [TaskPrompt] = []
        while out.count < count {
            let p = problem(using: &generator)
            let prompt = taskPrompt(p.statement, p.answer)
            if !held.contains(prompt.id) { out.append(prompt) }
        }
        return out
    }

    public func warmStartSequences(count: Int, seed: UInt64) -> [[Int]] {
        var generator = SeededGenerator(seed: seed ^ 0xD00D)
        return (0..<count).map { _ in
            let p = problem(using: &generator)
            return text.prompt(p.statement) + text.response("\\boxed{\(p.answer)}")
        }
    }

    public func decode(_ tokens: [Int]) -> String { text.decode(tokens) }
    public func encodeResponse(_ response: String) -> [Int] { text.response(response) }
    public func encodePrompt(_ statement: String) -> [Int] { text.prompt(statement) }

    public func grade(response: String, prompt: TaskPrompt) -> TaskGrade {
        let g = grader.grade(response: response, reference: prompt.reference)
        return TaskGrade(reward: g.isCorrect ? 1 : 0, correct: g.verdict == .undecided ? nil : g.isCorrect,
                         verdict: g.verdict.rawValue, answer: g.normalizedAnswer)
    }
}
