// How many different final answers a problem's samples reach.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct normalised final answers among the samples and the entropy of their distribution.
///
/// Samples without an extracted answer are left out (they are counted in the grader audit instead).
public struct AnswerDiversity: Sendable, Equatable {
    public var distinctAnswers: Int
    /// Shannon entropy of the answer distribution in bits: 0 when all agree, log₂ m for m equally common answers.
    public var entropyBits: Double

    init(distinctAnswers: Int, entropyBits: Double) {
        self.distinctAnswers = distinctAnswers
        self.entropyBits = entropyBits
    }

    public init(answers: [String?]) {
        var counts: [String: Int] = [:]
        for case let answer? in answers { counts[answer, default: 0] += 1 }
        distinctAnswers = counts.count
        let total = Double(counts.values.reduce(0, +))
        // Summed in a fixed order (a Dictionary's order changes from process to process), so the value is the
        // same number on every run.
        entropyBits = counts.values.sorted().reduce(0.0) { h, c in
            let p = Double(c) / total
            return h - p * log2(p)
        }
    }
}
