// Helpers: ingest a file into a store the way `flowrl ingest` does (one transaction per file).
import FlowRLCore
import Foundation
import Ingest
import Store
import TestSupport

struct IngestResult {
    var summary: ReadSummary
    var counts: UpsertCounts
}

func ingest(_ path: String, into store: Store, _ options: IngestOptions = IngestOptions()) throws -> IngestResult {
    var summary = ReadSummary()
    let counts = try store.writeProblems(source: path) { batch in
        summary = try ProblemReader.readPrepared(path: path, options: options) { problem, _ in try batch.upsert(problem) }
    }
    return IngestResult(summary: summary, counts: counts)
}

/// A temporary folder with a fresh store in it.
final class Workspace {
    let dir: URL
    let store: Store

    init() throws {
        dir = try makeTemporaryDirectory("flowrl-ingest")
        store = try Store(path: dir.appendingPathComponent("store.sqlite").path)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String { try writeFile(dir, name, text) }

    /// Runs a command in the workspace folder, failing on a non-zero exit.
    func sh(_ command: String) throws {
        let r = try runProcess("/bin/sh", ["-c", command], cwd: dir)
        guard r.status == 0 else { throw HelperError("\(command): \(r.stderr)") }
    }
}
