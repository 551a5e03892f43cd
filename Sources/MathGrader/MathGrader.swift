// MathGrader: grades a model's response to a math problem against the reference answer.
//
// Public API (everything a caller needs is in this file):
//
//     let grader = MathGrader(mode: .eval)                 // or .reward for RL; optional budget:
//     let g = grader.grade(response: text, reference: "\\frac{1}{2}")
//     g.verdict            // .correct / .wrong / .undecided / .noAnswer
//     g.extracted          // "0.5"   (the answer text found in the response)
//     g.normalizedAnswer   // "1/2"   (canonical form: equal answers give equal strings; use for majority voting)
//     g.reason             // "equal exact values"
//     MathGrader.version   // "flowrl-mathgrader 1.2": store it with every grade
//
// `MathGrader` is an immutable value (Sendable): share one instance across threads and call `grade` concurrently;
// each call has its own budget. Results are deterministic (fixed sample points, no clocks, no randomness).
// Grading never traps or hangs: pathological inputs end as `.undecided` with the reason once the budget is spent.
//
// Pipeline: AnswerExtractor (one linear scan) → LatexLexer/MathParser (typed MathNode tree) → AnswerComparator
// (exact big-rational/radical arithmetic first, randomised complex evaluation for symbolic expressions, typed rules
// for tuples, sets, intervals, matrices, equations, text).

/// How strictly the answer is located in the response.
public enum MathGradingMode: String, Sendable, Codable, CaseIterable {
    /// Benchmark scoring: last box, else a final-answer phrase, markdown bold, the last math span, the last number.
    case eval
    /// RL reward: only the final box (or boxes that together form one answer) or a final-answer phrase counts, so a
    /// policy cannot collect reward by listing candidates; nothing is guessed from loose numbers in the text.
    case reward
}

/// Limits that bound every grade. Exceeding one yields `.undecided`, never a wrong verdict or a hang.
public struct MathGradingBudget: Sendable, Codable, Equatable {
    /// Work units per grade (parse nodes, evaluation steps, trial divisions).
    public var maxSteps: Int
    /// Largest exact number, in bits (numerator plus denominator).
    public var maxBits: Int
    /// Deepest nesting of braces and parentheses.
    public var maxDepth: Int
    /// Longest extracted answer, in characters.
    public var maxAnswerLength: Int
    /// Largest n for which n! is computed exactly (4000! has 42 000 bits and takes a few milliseconds; fuzzing found
    /// 10000! against 9999! taking 40 ms).
    public var maxFactorial: Int

    /// Decimals with at least this many significant digits may match an exact value that rounds to them.
    static let longDecimalDigits = 6

    /// The defaults: generous for every real answer, milliseconds for pathological ones.
    public init(maxSteps: Int = 200_000, maxBits: Int = 200_000, maxDepth: Int = 120, maxAnswerLength: Int = 20_000,
                maxFactorial: Int = 4_000) {
        self.maxSteps = maxSteps
        self.maxBits = maxBits
        self.maxDepth = maxDepth
        self.maxAnswerLength = maxAnswerLength
        self.maxFactorial = maxFactorial
    }
}

/// The outcome of grading one response.
public enum MathVerdict: String, Sendable, Codable, CaseIterable {
    case correct
    case wrong
    /// The grader could not decide within its budget (or the reference itself could not be read); see `reason`.
    case undecided
    /// No answer was found in the response (or thinking never finished).
    case noAnswer
}

/// A grade: the verdict with what was extracted and why.
public struct MathGrade: Sendable, Codable, Equatable {
    public var verdict: MathVerdict
    /// The answer text found in the response, nil when none.
    public var extracted: String?
    /// A canonical spelling of the extracted answer (equal values give equal strings), for majority voting.
    public var normalizedAnswer: String?
    /// A short human-readable explanation of the verdict.
    public var reason: String?

    /// Convenience: `verdict == .correct`.
    public var isCorrect: Bool { verdict == .correct }

    public init(verdict: MathVerdict, extracted: String?, normalizedAnswer: String?, reason: String?) {
        self.verdict = verdict
        self.extracted = extracted
        self.normalizedAnswer = normalizedAnswer
        self.reason = reason
    }
}

/// Grades math responses against reference answers. Thread-safe and deterministic.
public struct MathGrader: Sendable {
    /// Grader name and version, to record with every grade (bump when verdicts may change).
    public static let version = "flowrl-mathgrader 1.2"

    /// Extraction strictness.
    public let mode: MathGradingMode
    /// Per-grade limits.
    public let budget: MathGradingBudget
    /// Whether grades carry `normalizedAnswer`. Rendering the canonical form costs about as much as the comparison,
    /// so callers that need only verdicts (rewards, `flowrl grade math`) turn it off.
    public let normalizesAnswers: Bool

    /// - Parameters:
    ///   - mode: `.eval` for benchmark scoring (default), `.reward` for RL rewards.
    ///   - budget: per-grade limits; the defaults suit every real answer.
    ///   - normalizesAnswers: false leaves `MathGrade.normalizedAnswer` nil (verdicts are unchanged).
    public init(mode: MathGradingMode = .eval, budget: MathGradingBudget = MathGradingBudget(), normalizesAnswers: Bool = true) {
        self.mode = mode
        self.budget = budget
        self.normalizesAnswers = normalizesAnswers
    }

    /// Grades a full response (reasoning plus final answer) against the reference answer.
    ///
    /// The reference is a gold answer string as benchmarks store it ("025", "27.0", "\\frac{1}{2}",
    /// "\\text{Evelyn}"); a boxed reference solution also works (its last box is used).
    /// - Complexity: linear in the response length for extraction; comparison is bounded by `budget`.
    public func grade(response: String, reference: String) -> MathGrade {
        switch AnswerExtractor.extract(response, mode: mode) {
        case .failure(.unfinishedThinking):
            return MathGrade(verdict: .noAnswer, extracted: nil, normalizedAnswer: nil, reason: "thinking never finished (no </think>)")
        case .failure(.nothingFound):
            return MathGrade(verdict: .noAnswer, extracted: nil, normalizedAnswer: nil,
                             reason: mode == .reward ? "no final box or final-answer line" : "no answer found")
        case .success(let found):
            return gradeAnswer(found.text, reference: reference)
        }
    }

    /// Grades an already extracted answer (no extraction step) against the reference answer.
    public func gradeAnswer(_ answer: String, reference: String) -> MathGrade {
        AnswerGrading(mode: mode, limits: budget, normalizes: normalizesAnswers).grade(answer: answer, reference: reference)
    }

    /// The canonical form of an answer (as in `MathGrade.normalizedAnswer`), without grading.
    public func normalize(_ answer: String) -> String {
        AnswerGrading(mode: mode, limits: budget, normalizes: true).normalized(answer)
    }
}
