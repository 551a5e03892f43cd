// The shared vocabulary of every stage: a benchmark problem, its reference and its tests.

/// The two families of problem the toolkit grades.
public enum ProblemKind: String, Sendable, Codable, CaseIterable {
    /// Graded by comparing a final answer with a reference (MathGrader).
    case math
    /// Graded by running a program against tests (CodeRunner).
    case code
}

/// One benchmark problem, as every stage sees it.
///
/// `id` is stable across ingests, e.g. `math500/test/precalculus/807`, `aime/2024-I-3`, `lcb/1873_A`,
/// `humaneval/HumanEval-0`.
public struct Problem: Sendable, Equatable {
    /// Stable identifier, `benchmark/...`.
    public var id: String
    /// The benchmark family, e.g. `math500`, `aime`, `amc`, `livecodebench`, `humaneval`.
    public var benchmark: String
    public var kind: ProblemKind
    /// The statement shown to a model.
    public var prompt: String
    /// The reference answer (math) or reference solution (code), when the benchmark has one.
    public var reference: String?
    /// The tests of a code problem, encoded (see `TestBlob`); nil for math.
    public var tests: TestBlob?
    /// Number of tests (0 for math).
    public var testCount: Int
    /// Everything else the source row carried, as a JSON object text.
    public var metadataJSON: String

    public init(id: String, benchmark: String, kind: ProblemKind, prompt: String, reference: String?,
                tests: TestBlob? = nil, testCount: Int = 0, metadataJSON: String = "{}") {
        self.id = id
        self.benchmark = benchmark
        self.kind = kind
        self.prompt = prompt
        self.reference = reference
        self.tests = tests
        self.testCount = testCount
        self.metadataJSON = metadataJSON
    }
}

/// One test of a code problem.
public struct TestCase: Sendable, Equatable, Codable {
    /// How the program receives `input`.
    public enum Kind: String, Sendable, Codable {
        /// `input` is the program's stdin, `output` its expected stdout.
        case stdin
        /// `input` holds one JSON value per line (the arguments), `output` one JSON value (the result).
        case functional
        /// `input` is a Python test program (HumanEval's `check(candidate)`); `output` is empty.
        case program
    }
    public var input: String
    public var output: String
    public var kind: Kind

    public init(input: String, output: String, kind: Kind) {
        self.input = input
        self.output = output
        self.kind = kind
    }
}

extension Problem {
    /// A digest of everything stored for the problem (16 hex digits, XXH64): equal digests mean an unchanged row.
    public var contentHash: String { ContentHasher.hex(contentDigest) }

    /// `contentHash` as the 64-bit XXH64 value.
    public var contentDigest: UInt64 {
        var h = ContentHasher()
        h.update(id)
        h.update(benchmark)
        h.update(kind.rawValue)
        h.update(prompt)
        h.update(reference ?? "\u{0}none")
        h.update(String(testCount))
        h.update(metadataJSON)
        tests?.hash(into: &h)
        return h.finalize()
    }
}
