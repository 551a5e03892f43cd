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
/// statements (GRDB's argument conversion cost more than SQLite itself on bulk ingests).
public final class ProblemBatch {
    private let db: Database
    private let source: String?
    private let now = Store.timestamp()
    private var knownBenchmarks: Set<String> = []
    public private(set) var counts = UpsertCounts()

    init(db: Database, source: String?) {
        self.db = db
        self.source = source
    }

    /// Inserts `problem`, or updates it when its content changed, or leaves it when identical.
    @discardableResult
    public func upsert(_ problem: Problem) throws -> UpsertOutcome {
        let hash = problem.contentHash
        if !knownBenchmarks.contains(problem.benchmark) {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO benchmarks (name, kind, created_at) VALUES (?, ?, ?)")
                .execute(arguments: [problem.benchmark, problem.kind.rawValue, now])
            knownBenchmarks.insert(problem.benchmark)
        }
        let lookup = try RawStatement(db.cachedStatement(sql: "SELECT content_hash FROM problems WHERE id = ?"))
        try lookup.bind(1, problem.id)
        let existing = try lookup.stepText()
        if existing == hash {
            counts.unchanged += 1
            return .unchanged
        }
        let tests = problem.tests?.encoded
        let write: RawStatement
        if existing == nil {
            write = try RawStatement(db.cachedStatement(sql: """
                INSERT INTO problems (benchmark, kind, prompt, reference, tests, test_count, metadata, content_hash,
                                      source, updated_at, id, ingested_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """))
            try write.bind(12, now)
        } else {
            write = try RawStatement(db.cachedStatement(sql: """
                UPDATE problems SET benchmark = ?, kind = ?, prompt = ?, reference = ?, tests = ?, test_count = ?,
                                    metadata = ?, content_hash = ?, source = ?, updated_at = ?
                WHERE id = ?
                """))
        }
        try write.bind(1, problem.benchmark)
        try write.bind(2, problem.kind.rawValue)
        try write.bind(3, problem.prompt)
        try write.bind(4, problem.reference)
        try write.bind(6, problem.testCount)
        try write.bind(7, problem.metadataJSON)
        try write.bind(8, hash)
        try write.bind(9, source)
        try write.bind(10, now)
        try write.bind(11, problem.id)
        // The blob is bound without a copy (it can be hundreds of megabytes); `tests` outlives the step.
        if let tests {
            try tests.withUnsafeBytes { raw in
                try write.bindNoCopy(5, raw)
                try write.stepDone()
            }
        } else {
            try write.bindNoCopy(5, nil)
            try write.stepDone()
        }
        if existing == nil {
            counts.inserted += 1
            return .inserted
        }
        counts.updated += 1
        counts.updatedIDs.append(problem.id)
        return .updated
    }
}

extension Store {
    /// Runs `body` in one write transaction; if it throws (or the process dies), nothing of it is kept.
    /// - Parameter source: recorded with each written problem (the input file).
    public func writeProblems(source: String? = nil, _ body: (ProblemBatch) throws -> Void) throws -> UpsertCounts {
        try pool.writeWithoutTransaction { db in
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
