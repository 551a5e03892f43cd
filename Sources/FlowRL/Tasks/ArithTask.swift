// `arith`: short number problems with a numeric answer. Prompt "12+7*3=" (two or three numbers 0–20, + − ×, usual
// precedence); the response is "\boxed{33}", graded by MathGrader in reward mode (only the final box counts).
// Reward 1 when correct, else 0.
import MathGrader
import Tensor

/// Mental-arithmetic problems graded by MathGrader.
public struct ArithTask: GeneratedTextTask {
    public let name = "arith"
    public var graderVersion: String { MathGrader.version + " (reward mode)" }
    public let evaluationCount = 32
    public let evaluationSeed: UInt64 = 0xA417
    public let trainingSalt: UInt64 = 0xA1
    public let warmStartSalt: UInt64 = 0xD00D
    private let grader = MathGrader(mode: .reward)

    public init() {}

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

    public func generate(using generator: inout SeededGenerator) -> (prompt: TaskPrompt, solution: String) {
        let p = problem(using: &generator)
        let prompt = TaskPrompt(id: "task/arith/" + String(p.statement.dropLast()), text: p.statement,
                                tokens: encodePrompt(p.statement), reference: String(p.answer))
        return (prompt, "\\boxed{\(p.answer)}")
    }

    public func grade(response: String, prompt: TaskPrompt) -> TaskGrade {
        let g = grader.grade(response: response, reference: prompt.reference)
        return TaskGrade(reward: g.isCorrect ? 1 : 0, correct: g.verdict == .undecided ? nil : g.isCorrect,
                         verdict: g.verdict.rawValue, answer: g.normalizedAnswer)
    }
}
