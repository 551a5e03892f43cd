// What the graders said about a set of samples, beyond right and wrong.

/// Counts a reader needs to trust the numbers: ungraded and undecided samples, the verdict mix (code verdicts
/// such as `time_limit` or `runtime_error` included), the graders and the share of tests passed.
public struct GraderAudit: Sendable, Equatable {
    public var samples = 0
    public var ungraded = 0
    public var undecided = 0
    /// Verdict → count, most common first (ties by name).
    public var verdicts: [(verdict: String, count: Int)] = []
    /// `grader@version` → count.
    public var graders: [(grader: String, count: Int)] = []
    public var testsPassed = 0
    public var testsTotal = 0

    public init(_ samples: some Sequence<ScoredSample>) {
        var tally = Tally()
        for sample in samples { tally.add(sample) }
        self.init(tally)
    }

    /// The audit of every sample of `problems` (read in place, without copying the samples).
    init(problems: [ProblemSamples]) {
        var tally = Tally()
        for p in problems.indices {
            for s in problems[p].samples.indices { tally.add(problems[p].samples[s]) }
        }
        self.init(tally)
    }

    private init(_ tally: Tally) {
        (samples, ungraded, undecided) = (tally.samples, tally.ungraded, tally.undecided)
        (testsPassed, testsTotal) = (tally.testsPassed, tally.testsTotal)
        verdicts = tally.verdicts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
        graders = tally.graders.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private struct Tally {
        var samples = 0, ungraded = 0, undecided = 0, testsPassed = 0, testsTotal = 0
        var verdicts: [String: Int] = [:]
        var graders: [String: Int] = [:]

        mutating func add(_ sample: borrowing ScoredSample) {
            samples += 1
            if !sample.graded {
                ungraded += 1
                verdicts["ungraded", default: 0] += 1
                return
            }
            if sample.undecided { undecided += 1 }
            verdicts[sample.verdict.isEmpty ? "unknown" : sample.verdict, default: 0] += 1
            if let grader = sample.grader { graders[grader, default: 0] += 1 }
            if let passed = sample.testsPassed, let total = sample.testsTotal {
                testsPassed += passed
                testsTotal += total
            }
        }
    }

    public static func == (a: GraderAudit, b: GraderAudit) -> Bool {
        a.samples == b.samples && a.ungraded == b.ungraded && a.undecided == b.undecided
            && a.verdicts.map(\.verdict) == b.verdicts.map(\.verdict) && a.verdicts.map(\.count) == b.verdicts.map(\.count)
            && a.graders.map(\.grader) == b.graders.map(\.grader) && a.testsPassed == b.testsPassed
            && a.testsTotal == b.testsTotal
    }
}
