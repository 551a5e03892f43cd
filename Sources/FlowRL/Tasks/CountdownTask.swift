// `countdown`: reach a target number from given numbers with + − × ÷ and parentheses, each number used at most
// once. Prompt "3,5,7>15:" (the numbers, then the target); response an expression such as "7+3+5".
// Grading: the response may contain only digits, + - * / ( ) and spaces; the numbers it writes must be a
// sub-multiset of the given ones; then MathGrader's exact arithmetic (`gradeAnswer`, exact rationals, so 7/2 is
// not 3) compares its value with the target. Reward 1 when correct, else 0. Many answers are correct per prompt
// (reorderings and different operations): distinct correct solutions are counted by their spelling without spaces.
import MathGrader
import Tensor

/// The countdown arithmetic puzzle.
public struct CountdownTask: GeneratedTextTask {
    public let name = "countdown"
    public var graderVersion: String { MathGrader.version + " + countdown-rules 1" }
    /// How many numbers a puzzle gives, and their range.
    public let numberCount = 3
    public let numberRange = 1...9
    /// Held-out puzzles (never used for training).
    public let evaluationCount = 32
    public let evaluationSeed: UInt64 = 0xC0C0
    public let trainingSalt: UInt64 = 0x5151
    public let warmStartSalt: UInt64 = 0xBEEF
    private let grader = MathGrader(mode: .reward, normalizesAnswers: false)

    public init() {}

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

    public func generate(using generator: inout SeededGenerator) -> (prompt: TaskPrompt, solution: String) {
        let p = puzzle(using: &generator)
        let statement = p.numbers.map(String.init).joined(separator: ",") + ">\(p.target):"
        let prompt = TaskPrompt(id: "task/countdown/" + String(statement.dropLast()), text: statement,
                                tokens: encodePrompt(statement), reference: String(p.target),
                                metadataJSON: "{\"numbers\":[\(p.numbers.map(String.init).joined(separator: ","))]}")
        return (prompt, p.solution)
    }

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
