// Writing and reading problems. A file's problems are written in one transaction: all of them or none.
import FlowRLCore
import Foundation
import GRDB

/// What writing one problem did.
public enum UpsertOutcome: String, Sendable {
    case inserted, updated, unchanged
}

/// Counts of a batch of writes.
public struct UpsertCounts: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Ids of updated problems (their content changed since the last ingest).
    public var updatedIDs: [String] = []

    public init() {}
}

/// A problem as listed by `flowrl problems`: everything but the prompt body and tests.
public struct ProblemSummary: Sendable, Equatable {
    public var id: String
    public var benchmark: String
    public var kind: ProblemKind
    public var testCount: Int
    public var reference: String?
    public var promptPreview: String
}

/// Writes problems inside one transaction. The hot path binds values straight into SQLite's prepared
/// statements (GRDB's argument conversion cost more than SQLite itself on bulk ingests), prepared once per batch.
public final class ProblemBatch {
    private let db: Database
    private let source: String?
    private let now = Store.timestamp()
    private var knownBenchmarks: Set<String> = []
    private var lastBenchmark = ""
    private var lookup: RawStatement?
    private var insert: RawStatement?
    private var update: RawStatement?
    public private(set) var counts = UpsertCounts()

    init(db: Database, source: String?) {
        self.db = db
        self.source = source
    }

    /// Inserts `problem`, or updates it when its content changed, or leaves it when identical.
    @discardableResult
    public func upsert(_ problem: Problem) throws -> UpsertOutcome {
        try upsert(PreparedProblem(problem))
    }

    /// `upsert(_:)` for a problem whose hash and encoded tests were computed already (on another thread).
    @discardableResult
    public func upsert(_ prepared: PreparedProblem) throws -> UpsertOutcome {
        let problem = prepared.problem
        if problem.benchmark != lastBenchmark {
            if !knownBenchmarks.contains(problem.benchmark) {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO benchmarks (name, kind, created_at) VALUES (?, ?, ?)")
                    .execute(arguments: [problem.benchmark, problem.kind.rawValue, now])
                knownBenchmarks.insert(problem.benchmark)
            }
            lastBenchmark = problem.benchmark
        }
        // Insert first: on a fresh ingest that is the only statement per row. Only an id already stored costs a
        // lookup of its hash (unchanged) and an update (changed).
        let insert = try statement(&self.insert, """
            INSERT INTO problems (benchmark, kind, prompt, reference, tests, test_count, metadata, content_hash,
                                  source, updated_at, id, ingested_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING
            """)
        try insert.bind(12, now)
        let tests = prepared.encodedTests ?? problem.tests?.encoded
        if try write(insert, prepared, tests) == 1 {
            counts.inserted += 1
            return .inserted
        }
        let lookup = try statement(&self.lookup, "SELECT content_hash FROM problems WHERE id = ?")
        try lookup.bind(1, problem.id)
        if try lookup.stepText() == prepared.contentHash {
            counts.unchanged += 1
            return .unchanged
        }
        let update = try statement(&self.update, """
            UPDATE problems SET benchmark = ?, kind = ?, prompt = ?, reference = ?, tests = ?, test_count = ?,
                                metadata = ?, content_hash = ?, source = ?, updated_at = ?
            WHERE id = ?
            """)
        _ = try write(update, prepared, tests)
        counts.updated += 1
        counts.updatedIDs.append(problem.id)
        return .updated
    }

    /// Binds parameters 1…11 (the columns shared by the insert and the update), steps, and returns the number of
    /// rows changed. The long values (prompt, metadata, tests) are bound without a copy, for the step only.
    private func write(_ statement: RawStatement, _ prepared: PreparedProblem, _ tests: [UInt8]?) throws -> Int {
        try statement.bind(1, prepared.problem.benchmark)
        try statement.bind(2, prepared.problem.kind.rawValue)
        try statement.bind(4, prepared.problem.reference)
        try statement.bind(6, prepared.problem.testCount)
        try statement.bind(8, prepared.contentHash)
        try statement.bind(9, source)
        try statement.bind(10, now)
        try statement.bind(11, prepared.problem.id)
        var prompt = prepared.problem.prompt
        var metadata = prepared.problem.metadataJSON
        defer { statement.clearBindings() }
        return try prompt.withUTF8 { prompt in
            try metadata.withUTF8 { metadata in
                try statement.bindNoCopy(3, text: prompt)
                try statement.bindNoCopy(7, text: metadata)
                // The blob can be hundreds of megabytes.
                guard let tests else {
                    try statement.bindNoCopy(5, nil)
                    return try statement.stepChanges()
                }
                return try tests.withUnsafeBytes { raw in
                    try statement.bindNoCopy(5, raw)
                    return try statement.stepChanges()
                }
            }
        }
    }

    /// The statement in `slot`, prepared on first use (statements are reset after each step).
    private func statement(_ slot: inout RawStatement?, _ sql: String) throws -> RawStatement {
        if let prepared = slot { return prepared }
        let prepared = try RawStatement(db.cachedStatement(sql: sql))   // the connection's cache keeps it alive
        slot = prepared
        return prepared
    }
}

extension Store {
    /// Runs `body` in one write transaction; if it throws (or the process dies), nothing of it is kept.
    /// - Parameter source: recorded with each written problem (the input file).
    public func writeProblems(source: String? = nil, _ body: (ProblemBatch) throws -> Void) throws -> UpsertCounts {
        try pool.writeWithoutTransaction { db in
            // GRDB runs WAL stores at synchronous=NORMAL, where a commit reaches the disk only at the next
            // checkpoint; an ingest is durable when it returns (one fsync of the WAL at commit).
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
            var counts = UpsertCounts()
            try db.inTransaction(.immediate) {
                let batch = ProblemBatch(db: db, source: source)
                try body(batch)
                counts = batch.counts
                return .commit
            }
            return counts
        }
    }

    /// Problems in id order, optionally of one benchmark.
    public func problemSummaries(benchmark: String? = nil) throws -> [ProblemSummary] {
        try pool.read { db in
            var sql = "SELECT id, benchmark, kind, test_count, reference, substr(prompt, 1, 200) AS preview FROM problems"
            var arguments: StatementArguments = []
            if let benchmark {
                sql += " WHERE benchmark = ?"
                arguments = [benchmark]
            }
            sql += " ORDER BY benchmark, id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                ProblemSummary(id: row["id"], benchmark: row["benchmark"],
                               kind: ProblemKind(rawValue: row["kind"]) ?? .math, testCount: row["test_count"],
                               reference: row["reference"], promptPreview: row["preview"])
            }
        }
    }

    /// The full problem with `id`, or nil.
    public func problem(id: String) throws -> Problem? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM problems WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let testsData: Data? = row["tests"]
            return Problem(id: row["id"], benchmark: row["benchmark"], kind: ProblemKind(rawValue: row["kind"]) ?? .math,
                           prompt: row["prompt"], reference: row["reference"],
                           tests: try testsData.map { try TestBlob(encoded: Array($0)) },
                           testCount: row["test_count"], metadataJSON: row["metadata"])
        }
    }

    /// The stored content hash of each problem (for tests and change reports).
    public func contentHashes() throws -> [String: String] {
        try pool.read { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, content_hash FROM problems") { out[row["id"]] = row["content_hash"] }
            return out
        }
    }

    /// Problem counts per benchmark.
    public func problemCounts() throws -> [(benchmark: String, kind: ProblemKind, count: Int)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT b.name, b.kind, COUNT(p.id) AS n FROM benchmarks b LEFT JOIN problems p ON p.benchmark = b.name
                GROUP BY b.name ORDER BY b.name
                """).map { ($0["name"], ProblemKind(rawValue: $0["kind"]) ?? .math, $0["n"]) }
        }
    }
}
