// How a math or code grade is recorded in the store: grader name, version, reward and the details the statistics
// read (`answer` for maj@k, `undecided`, `tests_passed` / `tests_total`).
import CodeRunner
import FlowRLCore
import MathGrader
import Store

enum GradeRecords {
    /// The grader version recorded for math grades (the grading mode changes verdicts, so it is part of it).
    static func mathVersion(_ mode: MathGradingMode) -> String { "\(MathGrader.version) mode=\(mode.rawValue)" }

    /// The grader version recorded for code grades.
    static func codeVersion(_ semantics: CodeSemantics) -> String { "\(CodeRunner.version) semantics=\(semantics.rawValue)" }

    static func math(_ grade: MathGrade, mode: MathGradingMode, elapsedMs: Double?) -> GradeRecord {
        let undecided = grade.verdict == .undecided
        var details: JSONObject = ["verdict": .string(grade.verdict.rawValue), "undecided": .bool(undecided),
                                   "mode": .string(mode.rawValue)]
        details.set("answer", grade.normalizedAnswer.map { .string($0) } ?? .null)
        details.set("extracted", grade.extracted.map { .string($0) } ?? .null)
        details.set("reason", grade.reason.map { .string($0) } ?? .null)
        return GradeRecord(grader: "math", graderVersion: mathVersion(mode), correct: undecided ? nil : grade.isCorrect,
                           reward: grade.isCorrect ? 1 : 0, verdict: grade.verdict.rawValue,
                           detailsJSON: JSONValue.object(details).jsonText, elapsedMs: elapsedMs)
    }

    static func code(_ grade: CodeGrade, semantics: CodeSemantics) -> GradeRecord {
        // A failure of the grader itself is not the program's: no correctness is recorded for it.
        let undecided = grade.verdict == .sandboxError
        let details: JSONObject = ["undecided": .bool(undecided), "tests_passed": .number(String(grade.testsPassed)),
                                   "tests_total": .number(String(grade.testsTotal)), "detail": .string(grade.detail),
                                   "semantics": .string(semantics.rawValue)]
        return GradeRecord(grader: "code", graderVersion: codeVersion(semantics), correct: undecided ? nil : grade.passed,
                           reward: grade.passed ? 1 : 0, verdict: grade.verdict.rawValue,
                           detailsJSON: JSONValue.object(details).jsonText, elapsedMs: grade.wallMilliseconds)
    }
}
