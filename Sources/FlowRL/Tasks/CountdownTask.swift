// `countdown`: reach a target number from given numbers with + − × ÷ and parentheses, each number used at most
// once. Prompt "3,5,7>15:" (the numbers, then the target); response an expression such as "7+3+5".
// Grading: the response may contain only digits, + - * / ( ) and spaces; the numbers it writes must be a
// sub-multiset of the given ones; then MathGrader's exact arithmetic (`gradeAnswer`, exact rationals, so 7/2 is
// not 3) compares its value with the target. Reward 1 when correct, else 0. Many answers are correct per prompt
// (reorderings and different operations): distinct correct solutions are counted by their spelling without spaces.
import MathGrader
import Tensor

/// The countdown arithmetic puzzle.
public struct CountdownTask: TrainingTask {
    public let name = "countdown"
    public var graderVersion: String { MathGrader.version + " + countdown-rules 1" }
    /// How many numbers a puzzle gives, and their range.
    public let numberCount = 3
    public let numberRange = 1...9
    /// Held-out puzzles (never used for training).
    public let evaluationCount = 32
    private let text = ByteTaskText()
    private let grader = MathGrader(mode: .reward)

    public init() {}

    public var modelConfig: TransformerConfig { text.modelConfig(context: 32) }
    public var padToken: Int { text.tokenizer.pad }
    public var stopTokens: Set<Int> { [text.tokenizer.eos] }
    public var maxNewTokens: Int { 14 }

    /// A random puzzle with one known solution: numbers, target, the solution's expression.
    func puzzle(using generator: inout SeededGenerator) -> (numbers: [Int], target: Int, solution: String) {
        while true {
            let numbers = (0..<numberCount).map { _ in numberRange.lowerBound + Int(generator.next() % UInt64(numberRange.count)) }
            let order = numbers.indices.shuffled(using: &generator)
            let ops = ["+", "-", "*", "/"]
            let op1 = ops[Int(generator.next() % 4)], op2 = ops[Int(generator.next() % 4)]
            let a = numbers[order[0]], b = numbers[order[1]], c = numbers[order[2]]
            let (expression, value): (String, Rational?) = generator.next() % 2 == 0
                ? ("(\(a)\(op1)\(b))\(op2)\(c)", Rational.apply(op2, Rational.apply(op1, Rational(a), Rational(b)), Rational(c)))
                : ("\(a)\(op1)(\(b)\(op2)\(c))", Rational.apply(op1, Rational(a), Rational.apply(op2, Rational(b), Rational(c))))
            guard let v = value, v.denominator == 1, v.numerator > 0, v.numerator <= 99 else { continue }
            return (numbers, v.numerator, expression)
        }
    }

    private func taskPrompt(numbers: [Int], target: Int) -> TaskPrompt {
        let statement = numbers.map(String.init).joined(separator: ",") + ">\(target):"
        return TaskPrompt(id: "task/countdown/" + String(statement.dropLast()), text: statement, tokens: text.prompt(statement),
                          reference: String(target), metadataJSON: "{\"numbers\":[\(numbers.map(String.init).joined(separator: ","))]}")
    }

    public func evaluationPrompts() -> [TaskPrompt] {
        var generator = SeededGenerator(seed: 0xC0C0)
        var seen = Set<String>(), out: [TaskPrompt] = []
        while out.count < evaluationCount {
            let p = puzzle(using: &generator)
            let prompt = taskPrompt(numbers: p.numbers, target: p.target)
            if seen.insert(prompt.id).inserted { out.append(prompt) }
        }
        return out
    }

    public func trainingPrompts(step: Int, count: Int, seed: UInt64) -> [TaskPrompt] {
        var generator = SeededGenerator(seed: seed ^ (UInt64(step) &* 0x9E37_79B9_7F4A_7C15) ^ 0x5151)
        let held = Set(evaluationPrompts().map(\.id))
        var out: [TaskPrompt] = []
        while out.count < count {
            let p = puzzle(using: &generator)
            let prompt = taskPrompt(numbers: p.numbers, target: p.target)
            if !held.contains(prompt.id) { out.append(prompt) }
        }
        return out
    }

    public func warmStartSequences(count: Int, seed: UInt64) -> [[Int]] {
        var generator = SeededGenerator(seed: seed ^ 0xBEEF)
        return (0..<count).map { _ in
            let p = puzzle(using: &generator)
            return taskPrompt(numbers: p.numbers, target: p.target).tokens + text.response(p.solution)
        }
    }

    public func decode(_ tokens: [Int]) -> String { text.decode(tokens) }
    public func encodeResponse(_ response: String) -> [Int] { text.response(response) }
    public func encodePrompt(_ statement: String) -> [Int] { text.prompt(statement) }

    /// The given numbers of a prompt (from its text "3,5,7>15:").
    func numbers(of prompt: TaskPrompt) -> [Int] {
        prompt.text.split(separator: ">").first.map { $0.split(separator: ",").compactMap { Int($0) } } ?? []
    }

    public func grade(response: String, prompt: TaskPrompt) -> TaskGrade {
        let expression = response.filter { $0 != " " }
        guard !expression.isEmpty, expression.allSatisfy({ "0123456789+-*/()".contains($0) }) else {
            return TaskGrade(reward: 0, correct: false, verdict: "malformed")
        }
        var available = numbers(of: prompt)
        for used in expression.split(whereSeparator: { !$0.isNumber }).compactMap({ Int($0) }) {
            guard let i = available.firstIndex(of: used) else {
                return TaskGrade(reward: 0, correct: false, verdict: "bad_numbers", answer: expression)
            }
            available.remove(at: i)
        }
        let grade = grader.gradeAnswer(expression, reference: prompt.reference)
        return TaskGrade(reward: grade.isCorrect ? 1 : 0, correct: grade.verdict == .undecided ? nil : grade.isCorrect,
                         verdict: grade.verdict.rawValue, answer: expression)
    }
}

/// Exact small-integer fractions for generating puzzles (grading uses MathGrader's own arithmetic).
struct Rational {
    var numerator: Int
    var denominator: Int

    init(_ n: Int, _ d: Int = 1) {
        let g = Rational.gcd(abs(n), abs(d))
        let sign = d < 0 ? -1 : 1
        numerator = sign * n / Swift.max(g, 1)
        denominator = sign * d / Swift.max(g, 1)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }

    /// a op b, nil for a division by zero or a missing operand.
    static func apply(_ op: String, _ a: Rational?, _ b: Rational?) -> Rational? {
        guard let a, let b else { return nil }
        switch op {
        case "+": return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
        case "-": return Rational(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
        case "*": return Rational(a.numerator * b.numerator, a.denominator * b.denominator)
        default: return b.numerator == 0 ? nil : Rational(a.numerator * b.denominator, a.denominator * b.numerator)
        }
    }
}
