import FlowRLCore
import Foundation
@testable import Ingest
import Store
import Testing
import TestSupport

let mathRows = """
    {"problem": "One?", "solution": "s", "answer": "1", "subject": "Algebra", "level": 1, "unique_id": "test/algebra/1.json"}
    {"problem": "Two?", "solution": "s", "answer": "2", "subject": "Algebra", "level": 2, "unique_id": "test/algebra/2.json"}
    {"problem": "Three?", "solution": "s", "answer": "3", "subject": "Geometry", "level": 3, "unique_id": "test/geometry/3.json"}

    """

@Suite struct IngestPipelineTests {
    @Test func reingestingTheSameFileChangesNothing() throws {
        let w = try Workspace()
        let file = try w.write("math.jsonl", mathRows)
        let first = try ingest(file, into: w.store)
        #expect(first.counts.inserted == 3)
        let hashes = try w.store.contentHashes()
        let second = try ingest(file, into: w.store)
        #expect(second.counts.inserted == 0)
        #expect(second.counts.updated == 0)
        #expect(second.counts.unchanged == 3)
        #expect(try w.store.contentHashes() == hashes)
    }

    @Test func aChangedRowIsUpdatedAndReported() throws {
        let w = try Workspace()
        _ = try ingest(try w.write("math.jsonl", mathRows), into: w.store)
        let changed = mathRows.replacingOccurrences(of: "\"answer\": \"2\"", with: "\"answer\": \"22\"")
        let result = try ingest(try w.write("math.jsonl", changed), into: w.store)
        #expect(result.counts.updated == 1)
        #expect(result.counts.updatedIDs == ["math500/test/algebra/2"])
        #expect(result.counts.unchanged == 2)
        #expect(try w.store.problem(id: "math500/test/algebra/2")?.reference == "22")
    }

    @Test func aBadRowRejectsTheWholeFileNamingFileAndLine() throws {
        let w = try Workspace()
        let bad = mathRows + "{\"problem\": \"Four?\", \"answer\": \"4\", \"unique_id\": \"test/x/4.json\"\n"
        let file = try w.write("bad.jsonl", bad)
        do {
            _ = try ingest(file, into: w.store)
            Issue.record("accepted a truncated row")
        } catch let error as InputError {
            #expect(error.location == InputLocation(file: file, line: 4))
            #expect(error.description.hasPrefix(file + ":4: invalid JSON"))
        }
        #expect(try w.store.problemSummaries().isEmpty)
    }

    @Test func skipInvalidWritesTheGoodRowsAndCountsTheBadOnes() throws {
        let w = try Workspace()
        let bad = mathRows + "[1, 2]\n{\"problem\": \"No answer\", \"unique_id\": \"test/x/5.json\"}\n"
        let result = try ingest(try w.write("bad.jsonl", bad), into: w.store, IngestOptions(skipInvalid: true))
        #expect(result.counts.inserted == 3)
        #expect(result.summary.invalid.map { $0.location.line } == [4, 5])
        #expect(result.summary.invalid[0].reason.contains("expected a JSON object"))
        #expect(result.summary.invalid[1].reason.contains("missing field \"answer\""))
    }

    @Test func skipInvalidDetectsTheBenchmarkPastABadFirstRow() throws {
        let w = try Workspace()
        let result = try ingest(try w.write("first-bad.jsonl", "{not json\n" + mathRows), into: w.store,
                                IngestOptions(skipInvalid: true))
        #expect(result.counts.inserted == 3)
        #expect(result.summary.invalid.map { $0.location.line } == [1])
        #expect(throws: InputError.self) { try ingest(w.path("first-bad.jsonl"), into: w.store) }
    }

    @Test func duplicateIdsWithDifferentContentRejectTheFileEvenWithSkipInvalid() throws {
        let w = try Workspace()
        let rows = mathRows + #"{"problem": "Other", "answer": "9", "unique_id": "test/algebra/1.json"}"# + "\n"
        let file = try w.write("dup.jsonl", rows)
        #expect(throws: InputError.self) { try ingest(file, into: w.store, IngestOptions(skipInvalid: true)) }
        #expect(try w.store.problemSummaries().isEmpty)
        // The same row twice is harmless: counted once.
        let repeated = try ingest(try w.write("rep.jsonl", mathRows + mathRows), into: w.store)
        #expect(repeated.counts.inserted == 3)
        #expect(repeated.summary.duplicates == 3)
    }

    @Test func jsonArraysAndForcedBenchmark() throws {
        let w = try Workspace()
        let file = try w.write("contest.json", "[\n {\"question\": \"Q1\", \"answer\": \"010\"},\n {\"question\": \"Q2\", \"answer\": 5}\n]\n")
        #expect(throws: InputError.self) { try ingest(file, into: w.store) }   // no hint: not guessed
        let result = try ingest(file, into: w.store, IngestOptions(benchmark: "aime"))
        #expect(result.counts.inserted == 2)
        #expect(try w.store.problemSummaries().map(\.reference) == ["10", "5"])
    }

    @Test func invalidUTF8IsAnErrorWithItsLine() throws {
        let w = try Workspace()
        var bytes = Array(#"{"problem": "ok", "answer": "1", "unique_id": "a"}"#.utf8) + [0x0A]
        bytes += Array(#"{"problem": "bad "#.utf8) + [0xFF, 0xFE] + Array(#"", "answer": "1", "unique_id": "b"}"#.utf8) + [0x0A]
        let path = w.path("utf8.jsonl")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ingest(path, into: w.store, IngestOptions(benchmark: "math500"))
            Issue.record("accepted invalid UTF-8")
        } catch let error as InputError {
            #expect(error.location.line == 2)
            #expect(error.reason.contains("invalid UTF-8"))
        }
    }
}

@Suite struct ArchiveTests {
    @Test func readsEveryArchiveShapeAsStreams() throws {
        let w = try Workspace()
        _ = try w.write("src/data/math.jsonl", mathRows)
        _ = try w.write("src/data/README.md", "not data")
        try w.sh("tar -cf a.tar -C src data && tar -czf a.tar.gz -C src data && tar -cf - -C src data | zstd -q -o a.tar.zst")
        try w.sh("gzip -c src/data/math.jsonl > math.jsonl.gz && zstd -q -c src/data/math.jsonl > math.jsonl.zst")
        _ = try runPython("import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); z.write(sys.argv[2],'data/math.jsonl'); z.close()",
                          [w.path("a.zip"), w.path("src/data/math.jsonl")])
        for name in ["a.tar", "a.tar.gz", "a.tar.zst", "a.zip", "math.jsonl.gz", "math.jsonl.zst"] {
            let fresh = try Workspace()
            let result = try ingest(w.path(name), into: fresh.store)
            #expect(result.counts.inserted == 3, "\(name)")
            #expect(try fresh.store.problemSummaries().map(\.id)
                    == ["math500/test/algebra/1", "math500/test/algebra/2", "math500/test/geometry/3"], "\(name)")
            if name.hasPrefix("a.tar") {
                #expect(result.summary.skippedEntries.map(\.name) == ["data/README.md"], "\(name)")
            }
        }
    }

    @Test func errorsInsideArchivesNameTheEntry() throws {
        let w = try Workspace()
        _ = try w.write("src/good.jsonl", mathRows)
        _ = try w.write("src/bad.jsonl", "{\"problem\": 1}\n")
        try w.sh("tar -czf mixed.tar.gz -C src good.jsonl bad.jsonl")
        do {
            _ = try ingest(w.path("mixed.tar.gz"), into: w.store)
            Issue.record("accepted")
        } catch let error as InputError {
            #expect(error.description.hasPrefix(w.path("mixed.tar.gz") + "/bad.jsonl:1: "))
        }
        #expect(try w.store.problemSummaries().isEmpty)   // good.jsonl came first but nothing was kept
    }

    @Test func truncatedAndCorruptArchivesAreErrors() throws {
        let w = try Workspace()
        let big = (0..<3000).map { #"{"problem": "P\#($0) padding padding padding", "answer": "\#($0)", "unique_id": "test/t/\#($0).json"}"# }
            .joined(separator: "\n")
        _ = try w.write("src/big.jsonl", big)
        try w.sh("tar -czf full.tar.gz -C src big.jsonl && head -c 20000 full.tar.gz > cut.tar.gz")
        try w.sh("gzip -c src/big.jsonl > big.jsonl.gz && head -c 5000 big.jsonl.gz > cut.jsonl.gz")
        try w.sh("printf 'PK\\003\\004garbage garbage garbage' > bad.zip")
        for name in ["cut.tar.gz", "cut.jsonl.gz", "bad.zip"] {
            #expect(throws: InputError.self, "\(name)") { try ingest(w.path(name), into: w.store) }
        }
        #expect(try w.store.problemSummaries().isEmpty)
    }

    @Test func archiveCapsStopBombs() throws {
        let w = try Workspace()
        // 50 MB of spaces compresses to ~50 kB.
        try w.sh("head -c 50000000 /dev/zero | tr '\\0' ' ' | gzip -c > zeros.jsonl.gz")
        var limits = IngestLimits.standard
        limits.maxTotalBytes = 10_000_000
        do {
            _ = try ingest(w.path("zeros.jsonl.gz"), into: w.store, IngestOptions(limits: limits))
            Issue.record("no cap")
        } catch let error as InputError {
            #expect(error.reason.contains("--max-bytes"), "\(error)")
        }
        _ = try runPython("""
            import tarfile, io, sys
            with tarfile.open(sys.argv[1], 'w') as t:
                for i in range(50):
                    info = tarfile.TarInfo('f%d.jsonl' % i); info.size = 0; t.addfile(info, io.BytesIO(b''))
            """, [w.path("many.tar")])
        limits = IngestLimits.standard
        limits.maxEntries = 20
        do {
            _ = try ingest(w.path("many.tar"), into: w.store, IngestOptions(limits: limits))
            Issue.record("no entry cap")
        } catch let error as InputError {
            #expect(error.reason.contains("--max-entries"), "\(error)")
        }
    }

    @Test func entryNamesWithDotDotOrAbsolutePathsAreOnlyNames() throws {
        let w = try Workspace()
        _ = try runPython("""
            import tarfile, io, sys
            data = open(sys.argv[2], 'rb').read()
            with tarfile.open(sys.argv[1], 'w') as t:
                for name in ['../../escape.jsonl', '/etc/absolute.jsonl']:
                    info = tarfile.TarInfo(name); info.size = len(data); t.addfile(info, io.BytesIO(data))
            """, [w.path("evil.tar"), try w.write("m.jsonl", mathRows)])
        let result = try ingest(w.path("evil.tar"), into: w.store)
        #expect(result.summary.entries.map(\.name) == ["../../escape.jsonl", "/etc/absolute.jsonl"])
        #expect(result.counts.inserted == 3)
        #expect(result.summary.duplicates == 3)
        #expect(!FileManager.default.fileExists(atPath: w.dir.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("escape.jsonl").path))
    }

    @Test func bundledSamplesMatchTheirSources() throws {
        let samples = SharedData.packageRoot.appendingPathComponent("datasets/samples")
        let w = try Workspace()
        var total = 0
        for name in ["aime_2024_sample.zip", "amc_2023_sample.jsonl.zst", "humaneval_sample.jsonl.gz",
                     "livecodebench_sample.tar.zst", "math500_sample.tar.gz"] {
            total += try ingest(samples.appendingPathComponent(name).path, into: w.store).counts.inserted
        }
        let fromSources = try Workspace()
        for name in ["aime_2024_sample.jsonl", "aime24_prompt_sample.jsonl", "amc_2023_sample.jsonl",
                     "humaneval_sample.jsonl", "test.jsonl", "test2.jsonl", "math500_sample.jsonl"] {
            _ = try ingest(samples.appendingPathComponent("src/" + name).path, into: fromSources.store)
        }
        #expect(total == 17)
        // Same problems either way (metadata can differ only in the LiveCodeBench release, from the entry name).
        #expect(try w.store.problemSummaries() == fromSources.store.problemSummaries())
    }
}
