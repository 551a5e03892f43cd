// A cache of each run's per-problem diversity results, so `flowrl stats` and `flowrl report` compute the costly
// text metrics once. The store keeps opaque bytes; the caller decides what they mean and when they are stale.
import Foundation
import GRDB

/// One problem's cached result: the fingerprint of the inputs it was computed from and the encoded value.
public struct CachedDiversity: Sendable, Equatable {
    /// A digest of everything the value depends on (the samples' texts, answers and correctness); a cached
    /// value is reused only when the current inputs give the same fingerprint.
    public var fingerprint: UInt64
    public var payload: [UInt8]
    public init(fingerprint: UInt64, payload: [UInt8]) {
        self.fingerprint = fingerprint
        self.payload = payload
    }
}

extension Store {
    /// The cached results of `run` computed by `version`, by problem id (entries of other versions are left out).
    public func cachedDiversity(run: RunInfo, version: String) throws -> [String: CachedDiversity] {
        try pool.read { db in
            var out: [String: CachedDiversity] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT problem_id, fingerprint, payload FROM diversity_cache WHERE run_id = ? AND version = ?
                """, arguments: [run.id, version])
            while let row = try rows.next() {
                let fingerprint: Int64 = row[1]
                let payload: Data = row[2]
                out[row[0]] = CachedDiversity(fingerprint: UInt64(bitPattern: fingerprint), payload: [UInt8](payload))
            }
            return out
        }
    }

    /// Replaces every cached result of `run` with `entries` (by problem id), in one transaction, so the cache
    /// holds exactly the run's current problems under one version.
    public func replaceCachedDiversity(run: RunInfo, version: String, entries: [String: CachedDiversity]) throws {
        try pool.write { db in
            try db.execute(sql: "DELETE FROM diversity_cache WHERE run_id = ?", arguments: [run.id])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO diversity_cache (run_id, problem_id, version, fingerprint, payload) VALUES (?, ?, ?, ?, ?)
                """)
            for (problem, entry) in entries.sorted(by: { $0.key < $1.key }) {
                try insert.execute(arguments: [run.id, problem, version, Int64(bitPattern: entry.fingerprint),
                                               Data(entry.payload)])
            }
        }
    }
}
