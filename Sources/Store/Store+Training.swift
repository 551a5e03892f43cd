// Training runs and their per-step metrics (reward, accuracy, entropy, log Z, KL, loss, timings, …).
import Foundation
import GRDB

/// A training run as `flowrl train` records it.
public struct TrainingRunInfo: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var task: String
    public var method: String
    /// The full configuration, a JSON object text.
    public var configJSON: String
    /// `running`, `finished`, `failed` or `interrupted`.
    public var status: String
    public var command: String?
    public var createdAt: String
    public var finishedAt: String?
}

/// One recorded training step: its metrics as a JSON object text.
public struct TrainingStep: Sendable, Equatable {
    public var step: Int
    public var metricsJSON: String
    public init(step: Int, metricsJSON: String) {
        self.step = step
        self.metricsJSON = metricsJSON
    }
}

extension Store {
    /// The training run named `name`, created when it does not exist (a resumed run keeps its row and steps).
    public func openTrainingRun(name: String, task: String, method: String, configJSON: String,
                                command: String? = nil) throws -> TrainingRunInfo {
        try pool.write { db in
            try db.execute(sql: """
                INSERT OR IGNORE INTO training_runs (name, task, method, config, command, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [name, task, method, configJSON, command, Store.timestamp()])
            try db.execute(sql: "UPDATE training_runs SET status = 'running', finished_at = NULL WHERE name = ?",
                           arguments: [name])
            guard let run = try Self.fetchTrainingRun(db, name: name) else { throw StoreError("training run \(name) vanished") }
            return run
        }
    }

    /// The training run named `name`, or nil.
    public func trainingRun(named name: String) throws -> TrainingRunInfo? {
        try pool.read { db in try Self.fetchTrainingRun(db, name: name) }
    }

    /// Every training run, oldest first.
    public func trainingRuns() throws -> [TrainingRunInfo] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM training_runs ORDER BY id").map(Self.trainingRunInfo)
        }
    }

    /// Records steps in one transaction (a step recorded again replaces the earlier record).
    public func recordTrainingSteps(_ run: TrainingRunInfo, _ steps: [TrainingStep]) throws {
        try pool.write { db in
            let now = Store.timestamp()
            let statement = try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO training_steps (training_run_id, step, metrics, recorded_at) VALUES (?, ?, ?, ?)
                """)
            for step in steps { try statement.execute(arguments: [run.id, step.step, step.metricsJSON, now]) }
        }
    }

    /// The recorded steps of the training run named `name`, in step order.
    public func trainingSteps(run name: String) throws -> [TrainingStep] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.step, t.metrics FROM training_steps t JOIN training_runs r ON r.id = t.training_run_id
                WHERE r.name = ? ORDER BY t.step
                """, arguments: [name]).map { TrainingStep(step: $0[0], metricsJSON: $0[1]) }
        }
    }

    /// Marks the training run finished (or failed / interrupted).
    public func finishTrainingRun(_ run: TrainingRunInfo, status: String = "finished") throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE training_runs SET status = ?, finished_at = ? WHERE id = ?",
                           arguments: [status, Store.timestamp(), run.id])
        }
    }

    private static func fetchTrainingRun(_ db: Database, name: String) throws -> TrainingRunInfo? {
        try Row.fetchOne(db, sql: "SELECT * FROM training_runs WHERE name = ?", arguments: [name]).map(trainingRunInfo)
    }

    private static func trainingRunInfo(_ row: Row) -> TrainingRunInfo {
        TrainingRunInfo(id: row["id"], name: row["name"], task: row["task"], method: row["method"],
                        configJSON: row["config"], status: row["status"], command: row["command"],
                        createdAt: row["created_at"], finishedAt: row["finished_at"])
    }
}
