// libFuzzer entry for MathGrader (built by scripts/fuzz-math.sh together with the MathGrader sources, so the
// internal API is visible). An input is "reference\nresponse": everything before the first newline is the gold
// answer, the rest the model's response. Each input is graded in both modes and checked against invariants; a
// violated invariant is reported and the process traps, so libFuzzer keeps the input as a crash.
#if canImport(Glibc)
import Glibc
#endif

/// Grades slower than this (wall clock, milliseconds) count as findings. FUZZ_SLOW_MS overrides it.
private let slowLimitNanos: UInt64 = {
    if let v = getenv("FUZZ_SLOW_MS"), let ms = UInt64(String(cString: v)) { return ms * 1_000_000 }
    return 100_000_000
}()

private func nowNanos() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

private func fail(_ what: String, _ reference: String, _ response: String) -> Never {
    let msg = "INVARIANT VIOLATED: \(what)\n  reference: \(String(reflecting: reference))\n  response: \(String(reflecting: response))\n"
    fputs(msg, stderr)
    abort()
}

/// One grade, timed; a grade past the slow limit is a finding.
private func timedGrade(_ grader: MathGrader, _ response: String, _ reference: String) -> MathGrade {
    let t0 = nowNanos()
    let g = grader.grade(response: response, reference: reference)
    let dt = nowNanos() - t0
    if dt > slowLimitNanos { fail("grade took \(dt / 1_000_000) ms (mode \(grader.mode))", reference, response) }
    return g
}

private func check(_ reference: String, _ response: String) {
    for mode in MathGradingMode.allCases {
        let grader = MathGrader(mode: mode)
        // Determinism: the same input gives the same grade.
        let first = timedGrade(grader, response, reference)
        let second = timedGrade(grader, response, reference)
        if first != second { fail("nondeterministic grade \(first) vs \(second)", reference, response) }
        if first.verdict == .correct || first.verdict == .wrong, first.reason == nil {
            fail("verdict without a reason", reference, response)
        }
        if (first.verdict == .noAnswer) != (first.extracted == nil) && first.reason != "empty answer" {
            fail("noAnswer and extracted disagree: \(first)", reference, response)
        }
    }
    // Reflexivity on the parsed tree (bypassing the string identity shortcut): an answer that parses is never
    // different from itself, in either mode.
    for text in [reference, AnswerGrading.prepare(reference)] where !text.isEmpty && text.utf8.count < 2_000 {
        let budget = Budget(MathGradingBudget())
        guard let node = try? MathParser.parse(text, budget: budget) else { continue }
        for mode in MathGradingMode.allCases {
            let t0 = nowNanos()
            let r = AnswerComparator(budget: budget, mode: mode).compare(gold: node, answer: node)
            if nowNanos() - t0 > slowLimitNanos { fail("self-comparison slow", text, text) }
            if case .different(let why) = r, !budget.isExhausted { fail("answer differs from itself: \(why)", text, text) }
        }
        // The canonical form is stable: normalising twice gives the same string.
        let grader = MathGrader()
        if grader.normalize(text) != grader.normalize(text) { fail("normalize is not deterministic", text, text) }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let reference: String, response: String
    if let nl = bytes.firstIndex(of: 10) {
        reference = String(decoding: bytes[..<nl], as: UTF8.self)
        response = String(decoding: bytes[(nl + 1)...], as: UTF8.self)
    } else {
        reference = text
        response = text
    }
    check(reference, response)
    return 0
}
