// The plain values the statistics read: graded samples grouped by problem, with no tie to the store, so every
// estimator is testable on hand-made data.

/// One graded model output, as the statistics see it.
public struct ScoredSample: Sendable, Equatable {
    /// The grader's verdict on correctness; nil when it could not decide (counted as not correct, and as
    /// undecided in the grader audit) or when the sample has no grade yet (`graded == false`).
    public var correct: Bool?
    /// The scalar reward the grader assigned.
    public var reward: Double
    /// The normalised extracted final answer (maj@k votes on it); nil when none was extracted.
    public var answer: String?
    /// The grader's verdict label (`correct`, `wrong`, `undecided`, `accepted`, `wrong_answer`, …).
    public var verdict: String
    /// The response text (the diversity metrics read it).
    public var text: String
    /// Whether a grade exists for the sample at all.
    public var graded: Bool
    /// The grader said it could not decide.
    public var undecided: Bool
    /// Code: tests passed and run, when the grader reported them.
    public var testsPassed: Int?
    public var testsTotal: Int?
    /// `grader@version` that produced the grade, for the audit.
    public var grader: String?

    public init(correct: Bool?, reward: Double = 0, answer: String? = nil, verdict: String = "", text: String = "",
                graded: Bool = true, undecided: Bool? = nil, testsPassed: Int? = nil, testsTotal: Int? = nil,
                grader: String? = nil) {
        self.correct = correct
        self.reward = reward
        self.answer = answer
        self.verdict = verdict
        self.text = text
        self.graded = graded
        self.undecided = undecided ?? (graded && correct == nil)
        self.testsPassed = testsPassed
        self.testsTotal = testsTotal
        self.grader = grader
    }

    /// Counted as a success by every accuracy estimator (undecided and ungraded samples are not).
    public var isCorrect: Bool { correct == true }
}

/// A grouping key of a problem beyond its benchmark: MATH subject or level, LiveCodeBench difficulty, platform or
/// contest-date window.
public struct Facet: Hashable, Sendable, Comparable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
    public static func < (a: Facet, b: Facet) -> Bool { (a.name, a.value) < (b.name, b.value) }
}

/// The samples one run drew for one problem, in sample-index order.
public struct ProblemSamples: Sendable, Equatable {
    public var problemID: String
    public var benchmark: String
    public var facets: [Facet]
    public var samples: [ScoredSample]

    public init(problemID: String, benchmark: String, facets: [Facet] = [], samples: [ScoredSample]) {
        self.problemID = problemID
        self.benchmark = benchmark
        self.facets = facets
        self.samples = samples
    }

    /// The number of samples and of correct ones.
    public var n: Int { samples.count }
    public var c: Int { samples.reduce(0) { $0 + ($1.isCorrect ? 1 : 0) } }
}
