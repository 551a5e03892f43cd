import FlowRLCore
import Foundation
import Store
import Testing
import TestSupport

@Suite struct StoreTests {
    func makeStore() throws -> (Store, URL) {
        let dir = try makeTemporaryDirectory("flowrl-store")
        return (try Store(path: dir.appendingPathComponent("s.sqlite").path), dir)
    }

    func problem(_ id: String, answer: String = "1") -> Problem {
        Problem(id: id, benchmark: "math500", kind: .math, prompt: "P \(id)", reference: answer, metadataJSON: "{}")
    }

    @Test func opensInWALWithTheMigrationsApplied() throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try store.journalMode() == "wal")
        #expect(try store.pageSize() == 16384)
        #expect(try store.appliedMigrations() == ["v1: benchmarks, problems, runs, samples, grades, training",
                                                  "v2: run provenance and grade lookups", "v3: diversity cache"])
        // Re-opening migrates nothing new and keeps the data.
        _ = try store.writeProblems { try $0.upsert(problem("a")) }
        let again = try Store(path: store.path)
        #expect(try again.problemSummaries().map(\.id) == ["a"])
    }

    @Test func upsertReportsInsertedUpdatedUnchanged() throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        var outcomes: [UpsertOutcome] = []
        _ = try store.writeProblems { batch in
            outcomes.append(try batch.upsert(problem("a")))
            outcomes.append(try batch.upsert(problem("a")))
            outcomes.append(try batch.upsert(problem("a", answer: "2")))
        }
        #expect(outcomes == [.inserted, .unchanged, .updated])
        #expect(try store.problem(id: "a")?.reference == "2")
    }

    @Test func aThrowingBatchLeavesTheStoreAsItWas() throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try store.writeProblems { try $0.upsert(problem("kept")) }
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.writeProblems { batch in
                try batch.upsert(problem("lost"))
                try batch.upsert(problem("kept", answer: "changed"))
                throw Boom()
            }
        }
        #expect(try store.problemSummaries().map(\.id) == ["kept"])
        #expect(try store.problem(id: "kept")?.reference == "1")
    }

    @Test func codeProblemsRoundTripTheirTestBlob() throws {
        let (store, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let blob = TestBlob(segments: [TestBlob.programSegment("assert True\n")])
        let p = Problem(id: "humaneval/X-1", benchmark: "humaneval", kind: .code, prompt: "def f(): pass",
                        reference: nil, tests: blob, testCount: 1, metadataJSON: #"{"entry_point":"f"}"#)
        _ = try store.writeProblems { try $0.upsert(p) }
        let back = try #require(try store.problem(id: p.id))
        #expect(back == p)
        #expect(try store.problemCounts().map(\.count) == [1])
    }

    @Test func anUnwritableLocationIsAClearError() {
        #expect(throws: StoreError.self) { try Store(path: "/proc/definitely/not/here.sqlite") }
    }
}
