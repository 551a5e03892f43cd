import FlowRLCore
import Foundation
import Store
import Testing
import TestSupport

@Suite struct DiversityCacheStoreTests {
    func makeStore() throws -> (Store, RunInfo, RunInfo, URL) {
        let dir = try makeTemporaryDirectory("flowrl-cache")
        let store = try Store(path: dir.appendingPathComponent("s.sqlite").path)
        let a = try store.openRun(RunSpec(name: "a"))
        let b = try store.openRun(RunSpec(name: "b"))
        return (store, a, b, dir)
    }

    @Test func entriesRoundTripByRunAndVersion() throws {
        let (store, a, b, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let entries = ["p1": CachedDiversity(fingerprint: .max, payload: [0, 1, 255]),
                       "p2": CachedDiversity(fingerprint: 7, payload: [])]
        try store.replaceCachedDiversity(run: a, version: "v1", entries: entries)
        #expect(try store.cachedDiversity(run: a, version: "v1") == entries)  // UInt64.max survives the Int64 column
        #expect(try store.cachedDiversity(run: a, version: "v2").isEmpty)
        #expect(try store.cachedDiversity(run: b, version: "v1").isEmpty)
    }

    @Test func replacingDropsEntriesOfProblemsNoLongerGivenAndDeletingTheRunDropsAll() throws {
        let (store, a, _, dir) = try makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try store.replaceCachedDiversity(run: a, version: "v1", entries: [
            "p1": CachedDiversity(fingerprint: 1, payload: [1]), "p2": CachedDiversity(fingerprint: 2, payload: [2])])
        try store.replaceCachedDiversity(run: a, version: "v2", entries: ["p2": CachedDiversity(fingerprint: 3, payload: [3])])
        #expect(try store.cachedDiversity(run: a, version: "v1").isEmpty)
        #expect(try store.cachedDiversity(run: a, version: "v2") == ["p2": CachedDiversity(fingerprint: 3, payload: [3])])
        try store.deleteRun(named: "a")
        let again = try store.openRun(RunSpec(name: "a"))
        #expect(try store.cachedDiversity(run: again, version: "v2").isEmpty)
    }
}
