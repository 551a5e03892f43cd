// The result vocabulary of code grading: verdicts, per-test results and the grade of one generation.

/// The outcome of running one generation (or one of its tests).
public enum CodeVerdict: String, Sendable, Codable, CaseIterable {
    case accepted
    case wrongAnswer = "wrong_answer"
    case timeLimit = "time_limit"
    case memoryLimit = "memory_limit"
    case runtimeError = "runtime_error"
    case compileError = "compile_error"
    case outputLimit = "output_limit"
    /// The grader itself failed (never charged to the program).
    case sandboxError = "sandbox_error"
}

/// The result of one test.
public struct CodeTestResult: Sendable, Equatable {
    public var index: Int
    public var verdict: CodeVerdict
    public var wallMilliseconds: Double
    public var detail: String
}

/// The grade of one generation: the first failing test decides the verdict (later tests are not run).
public struct CodeGrade: Sendable, Equatable {
    public var verdict: CodeVerdict
    /// Results of the tests that ran, in order.
    public var tests: [CodeTestResult]
    public var testsTotal: Int
    public var wallMilliseconds: Double
    /// A short human-readable reason (the first failure).
    public var detail: String

    /// True when every test passed.
    public var passed: Bool { verdict == .accepted }
    /// Number of tests that passed.
    public var testsPassed: Int { tests.filter { $0.verdict == .accepted }.count }
}
