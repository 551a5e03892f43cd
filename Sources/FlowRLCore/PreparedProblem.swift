// A problem with everything storing it needs computed up front, so that a bulk ingest can do that work on its
// decoding threads and leave the single writer thread nothing but SQLite.

/// A problem plus its content hash and (for storing) its encoded test blob.
public struct PreparedProblem: Sendable {
    /// The problem; its `tests` are nil when `encodedTests` carries them.
    public var problem: Problem
    /// `problem.contentDigest` (of the problem with its tests).
    public var contentDigest: UInt64
    /// `problem.contentHash`: the digest as 16 hex digits.
    public var contentHash: String { ContentHasher.hex(contentDigest) }
    /// The tests as stored in the database (`TestBlob.encoded`), or nil when they stay in `problem`.
    public var encodedTests: [UInt8]?

    /// For storing: hashes `problem` and encodes its tests, moving them out of `problem` so that a row's
    /// (possibly huge) tests are held once.
    public init(_ problem: Problem) {
        self.problem = problem
        contentDigest = problem.contentDigest
        encodedTests = problem.tests?.encoded
        self.problem.tests = nil
    }

    /// Only hashes `problem`; its tests stay in it (for readers that do not store).
    public init(hashing problem: Problem) {
        self.problem = problem
        contentDigest = problem.contentDigest
        encodedTests = nil
    }
}
