// The store's schema, as versioned migrations. A migration, once released, is never edited: add a new one.
import GRDB

enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: benchmarks, problems, runs, samples, grades, training") { db in
            try db.execute(sql: """
                CREATE TABLE benchmarks (
                    name TEXT PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('math', 'code')),
                    created_at TEXT NOT NULL
                );
                CREATE TABLE problems (
                    id TEXT PRIMARY KEY,
                    benchmark TEXT NOT NULL REFERENCES benchmarks(name),
                    kind TEXT NOT NULL CHECK (kind IN ('math', 'code')),
                    prompt TEXT NOT NULL,
                    reference TEXT,
                    tests BLOB,
                    test_count INTEGER NOT NULL DEFAULT 0,
                    metadata TEXT NOT NULL DEFAULT '{}',
                    content_hash TEXT NOT NULL,
                    source TEXT,
                    ingested_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX problems_by_benchmark ON problems(benchmark, id);
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    model TEXT,
                    method TEXT,
                    sampling TEXT NOT NULL DEFAULT '{}',
                    created_at TEXT NOT NULL
                );
                CREATE TABLE samples (
                    id INTEGER PRIMARY KEY,
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    problem_id TEXT NOT NULL REFERENCES problems(id),
                    sample_index INTEGER NOT NULL,
                    response TEXT NOT NULL,
                    token_count INTEGER,
                    logprob_sum REAL,
                    UNIQUE (run_id, problem_id, sample_index)
                );
                CREATE INDEX samples_by_problem ON samples(problem_id);
                CREATE TABLE grades (
                    id INTEGER PRIMARY KEY,
                    sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
                    grader TEXT NOT NULL,
                    grader_version TEXT NOT NULL,
                    correct INTEGER,
                    reward REAL NOT NULL,
                    verdict TEXT NOT NULL,
                    details TEXT NOT NULL DEFAULT '{}',
                    elapsed_ms REAL,
                    graded_at TEXT NOT NULL,
                    UNIQUE (sample_id, grader, grader_version)
                );
                CREATE TABLE training_runs (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    task TEXT NOT NULL,
                    method TEXT NOT NULL,
                    config TEXT NOT NULL DEFAULT '{}',
                    status TEXT NOT NULL DEFAULT 'running',
                    created_at TEXT NOT NULL,
                    finished_at TEXT
                );
                CREATE TABLE training_steps (
                    training_run_id INTEGER NOT NULL REFERENCES training_runs(id) ON DELETE CASCADE,
                    step INTEGER NOT NULL,
                    metrics TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    PRIMARY KEY (training_run_id, step)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2: run provenance and grade lookups") { db in
            try db.execute(sql: """
                ALTER TABLE runs ADD COLUMN command TEXT;
                ALTER TABLE runs ADD COLUMN training_run TEXT;
                ALTER TABLE training_runs ADD COLUMN command TEXT;
                CREATE INDEX grades_by_sample ON grades(sample_id);
                """)
        }
        migrator.registerMigration("v3: diversity cache") { db in
            // Derived values only: safe to delete at any time (they are recomputed).
            try db.execute(sql: """
                CREATE TABLE diversity_cache (
                    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
                    problem_id TEXT NOT NULL,
                    version TEXT NOT NULL,
                    fingerprint INTEGER NOT NULL,
                    payload BLOB NOT NULL,
                    PRIMARY KEY (run_id, problem_id)
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
