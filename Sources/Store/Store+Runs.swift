// Runs of a model over problems: their samples and the grades of those samples. Written in one transaction per
// batch, so a crash or Ctrl-C loses at most the batch in flight and a resumed job skips what is already graded.
import FlowRLCore
import Foundation
import GRDB

/// A named run: one model (or method) sampled on a set of problems.
public struct RunInfo: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var model: String?
    public var method: String?
    /// Sampling parameters, a JSON object text (temperature, n, max tokens, …).
    public var samplingJSON: String
    /// The command line that produced the run, when recorded.
    public var command: String?
    /// The training run whose rollouts or evaluation this run holds, when it came from `flowrl train`.
    public var trainingRun: String?
    public var createdAt: String
}

/// What a run is created with; `Store.openRun` keeps an existing run's fields.
public struct RunSpec: Sendable {
    public var name: String
    public var model: String?
    public var method: String?
    public var samplingJSON: String
    public var command: String?
    public var trainingRun: String?

    public init(name: String, model: String? = nil, method: String? = nil, samplingJSON: String = "{}",
                command: String? = nil, trainingRun: String? = nil) {
        self.name = name
        self.model = model
        self.method = method
        self.samplingJSON = samplingJSON
        self.command = command
        self.trainingRun = trainingRun
    }
}

/// One model output for one problem.
public struct SampleRecord: Sendable, Equatable {
    public var problemID: String
    /// The sample's index among the problem's samples in this run (0-based).
    public var index: Int
    public var response: String
    public var tokenCount: Int?
    /// The sum of the sampled tokens' log-probabilities under the sampling policy.
    public var logprobSum: Double?

    public init(problemID: String, index: Int, response: String, tokenCount: Int? = nil, logprobSum: Double? = nil) {
        self.problemID = problemID
        self.index = index
        self.response = response
        self.tokenCount = tokenCount
        self.logprobSum = logprobSum
    }
}

/// A grader's judgement of one sample.
///
/// `detailsJSON` is a JSON object. Keys the statistics read: `answer` (the normalised extracted answer, for
/// maj@k), `undecided` (bool), `tests_passed` / `tests_total` (code).
public struct GradeRecord: Sendable, Equatable {
    public var grader: String
    public var graderVersion: String
    /// nil when the grader could not decide.
    public var correct: Bool?
    public var reward: Double
    /// e.g. `correct`, `wrong`, `undecided`, `accepted`, `wrong_answer`, `time_limit`.
    public var verdict: String
    public var detailsJSON: String
    public var elapsedMs: Double?

    public init(grader: String, graderVersion: String, correct: Bool?, reward: Double, verdict: String,
                detailsJSON: String = "{}", elapsedMs: Double? = nil) {
        self.grader = grader
        self.graderVersion = graderVersion
        self.correct = correct
        self.reward = reward
        self.verdict = verdict
        self.detailsJSON = detailsJSON
        self.elapsedMs = elapsedMs
    }
}

/// A sample with its problem's benchmark and its latest grade, as the statistics read them.
public struct GradedSample: Sendable, Equatable {
    public var sample: SampleRecord
    public var benchmark: String
    public var grade: GradeRecord?
}

/// Identifies a sample within a run.
public struct SampleKey: Hashable, Sendable {
    public var problemID: String
    public var index: Int
    public init(problemID: String, index: Int) {
        self.problemID = problemID
        self.index = index
    }
}

extension Store {
    /// The run named `spec.name`, created from `spec` when it does not exist yet (an existing run is kept as is,
    /// so a resumed job appends to it).
    public func openRun(_ spec: RunSpec) throws -> RunInfo {
        try pool.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO runs (name, model, method, sampling, command, training_run, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [spec.name, spec.model, spec.method, spec.samplingJSON, spec.command,
                                 spec.trainingRun, Store.timestamp()])
            guard let run = try Self.fetchRun(db, name: spec.name) else { throw StoreError("run \(spec.name) vanished") }
            return run
        }
    }

    /// The run named `name`, or nil.
    public func run(named name: String) throws -> RunInfo? {
        try pool.read { db in try Self.fetchRun(db, name: name) }
    }

    /// Every run, oldest first.
    public func runs() throws -> [RunInfo] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id").map(Self.runInfo) }
    }

    /// Deletes the run named `name` with its samples and grades; false when there was none.
    @discardableResult
    public func deleteRun(named name: String) throws -> Bool {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM runs WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    /// Samples of `run` that already have a grade from `grader` (any version when `version` is nil).
    public func gradedSampleKeys(run: RunInfo, grader: String, version: String? = nil) throws -> Set<SampleKey> {
        try pool.read { db in
            var sql = """
                SELECT s.problem_id, s.sample_index FROM samples s JOIN grades g ON g.sample_id = s.id
                WHERE s.run_id = ? AND g.grader = ?
                """
            var arguments: StatementArguments = [run.id, grader]
            if let version {
                sql += " AND g.grader_version = ?"
                arguments += [version]
            }
            var keys = Set<SampleKey>()
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() { keys.insert(SampleKey(problemID: row[0], index: row[1])) }
            return keys
        }
    }

    /// Writes samples, each with an optional grade, in one transaction. A sample already stored under the same key
    /// keeps its row (its response is replaced when it differs); a grade from the same grader and version replaces
    /// the earlier one. Throws, keeping nothing, when a problem id is not in the store.
    public func writeSamples(run: RunInfo, _ items: [(sample: SampleRecord, grade: GradeRecord?)]) throws {
        try pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                let upsertSample = try db.cachedStatement(sql: """
                    INSERT INTO samples (run_id, problem_id, sample_index, response, token_count, logprob_sum)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (run_id, problem_id, sample_index) DO UPDATE SET
                        response = excluded.response, token_count = excluded.token_count,
                        logprob_sum = excluded.logprob_sum
                    RETURNING id
                    """)
                let upsertGrade = try db.cachedStatement(sql: """
                    INSERT INTO grades (sample_id, grader, grader_version, correct, reward, verdict, details,
                                        elapsed_ms, graded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sample_id, grader, grader_version) DO UPDATE SET
                        correct = excluded.correct, reward = excluded.reward, verdict = excluded.verdict,
                        details = excluded.details, elapsed_ms = excluded.elapsed_ms, graded_at = excluded.graded_at
                    """)
                let now = Store.timestamp()
                for (sample, grade) in items {
                    let sampleID: Int64
                    do {
                        guard let id = try Int64.fetchOne(upsertSample, arguments: [
                            run.id, sample.problemID, sample.index, sample.response, sample.tokenCount,
                            sample.logprobSum]) else { throw StoreError("no sample id returned") }
                        sampleID = id
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        throw StoreError("run \(run.name): problem \(sample.problemID) is not in the store "
                                         + "(ingest its benchmark first)")
                    }
                    guard let grade else { continue }
                    let correct: Int? = grade.correct.map { $0 ? 1 : 0 }
                    try upsertGrade.execute(arguments: [
                        sampleID, grade.grader, grade.graderVersion, correct, grade.reward, grade.verdict,
                        grade.detailsJSON, grade.elapsedMs, now])
                }
                return .commit
            }
        }
    }

    /// The samples of the run named `name` in (problem, index) order, each with its most recent grade.
    public func gradedSamples(run name: String) throws -> [GradedSample] {
        try pool.read { db in
            guard let run = try Self.fetchRun(db, name: name) else { throw StoreError("no run named \(name)") }
            // Read through the C API: GRDB's `Row` costs more than the query for runs of 100k samples.
            let rows = try RawStatement(db.cachedStatement(sql: """
                SELECT s.problem_id, s.sample_index, s.response, s.token_count, s.logprob_sum, p.benchmark,
                       g.grader, g.grader_version, g.correct, g.reward, g.verdict, g.details, g.elapsed_ms
                FROM samples s JOIN problems p ON p.id = s.problem_id
                LEFT JOIN grades g ON g.id = (SELECT id FROM grades WHERE sample_id = s.id ORDER BY graded_at DESC, id DESC LIMIT 1)
                WHERE s.run_id = ? ORDER BY s.problem_id, s.sample_index
                """))
            try rows.bind(1, Int(run.id))
            var out: [GradedSample] = []
            var last: GradedSample?
            while try rows.next() {
                let sample = SampleRecord(problemID: rows.text(0, reusing: last?.sample.problemID) ?? "",
                                          index: rows.int(1) ?? 0, response: rows.text(2) ?? "",
                                          tokenCount: rows.int(3), logprobSum: rows.double(4))
                var grade: GradeRecord?
                if let grader = rows.text(6, reusing: last?.grade?.grader) {
                    let previous = last?.grade
                    grade = GradeRecord(grader: grader, graderVersion: rows.text(7, reusing: previous?.graderVersion) ?? "",
                                        correct: rows.int(8).map { $0 != 0 }, reward: rows.double(9) ?? 0,
                                        verdict: rows.text(10, reusing: previous?.verdict) ?? "",
                                        detailsJSON: rows.text(11, reusing: previous?.detailsJSON) ?? "{}",
                                        elapsedMs: rows.double(12))
                }
                let graded = GradedSample(sample: sample, benchmark: rows.text(5, reusing: last?.benchmark) ?? "",
                                          grade: grade)
                out.append(graded)
                last = graded
            }
            return out
        }
    }

    /// The metadata JSON text of each problem the run named `name` sampled (for grouping by subject, level, …).
    public func problemMetadata(run name: String) throws -> [String: String] {
        try pool.read { db in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT DISTINCT p.id, p.metadata FROM problems p JOIN samples s ON s.problem_id = p.id
                JOIN runs r ON r.id = s.run_id WHERE r.name = ?
                """, arguments: [name]) { out[row[0]] = row[1] }
            return out
        }
    }

    private static func fetchRun(_ db: Database, name: String) throws -> RunInfo? {
        try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE name = ?", arguments: [name]).map(runInfo)
    }

    private static func runInfo(_ row: Row) -> RunInfo {
        RunInfo(id: row["id"], name: row["name"], model: row["model"], method: row["method"],
                samplingJSON: row["sampling"], command: row["command"], trainingRun: row["training_run"],
                createdAt: row["created_at"])
    }
}
