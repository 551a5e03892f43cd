// Ingests the real benchmark files of ../shared/benchmarks (skipped, with a message, when they are absent).
import FlowRLCore
import Foundation
import Ingest
import Store
import Testing
import TestSupport

@Suite(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct RealBenchmarkTests {
    func file(_ name: String) throws -> String { try #require(SharedData.file("benchmarks/" + name)).path }

    @Test func math500HasFiveHundredProblemsWithTheirGolds() throws {
        let w = try Workspace()
        let r = try ingest(try file("math/math500_test.jsonl"), into: w.store)
        #expect(r.counts.inserted == 500)
        let all = try w.store.problemSummaries(benchmark: "math500")
        #expect(all.count == 500)
        let p = try #require(try w.store.problem(id: "math500/test/precalculus/807"))
        #expect(p.reference == "\\left( 3, \\frac{\\pi}{2} \\right)")
        #expect(p.prompt.hasPrefix("Convert the point $(0,3)$"))
        #expect(try JSONParser.parse(p.metadataJSON).objectValue?["subject"] == .string("Precalculus"))
    }

    @Test func aime2024And2025InEveryShape() throws {
        let w = try Workspace()
        #expect(try ingest(try file("math/aime24_qwen25math.jsonl"), into: w.store).counts.inserted == 30)
        let ids = try w.store.problemSummaries(benchmark: "aime").map(\.id)
        #expect(ids.filter { $0.hasPrefix("aime/2024-I-") }.count == 15)
        #expect(ids.filter { $0.hasPrefix("aime/2024-II-") }.count == 15)
        #expect(try w.store.problem(id: "aime/2024-I-1")?.reference == "204")
        #expect(try ingest(try file("math/aime24_qwq.jsonl"), into: w.store).counts.inserted == 30)
        let qwq = try #require(try w.store.problem(id: "aime/2024-1"))
        #expect(qwq.reference == "204")
        #expect(!qwq.prompt.contains("Please reason step by step"))
        #expect(try ingest(try file("math/aime25_matharena.jsonl"), into: w.store).counts.inserted == 30)
        #expect(try w.store.problem(id: "aime/2025-I-1")?.reference == "70")
        #expect(try w.store.problem(id: "aime/2025-II-15") != nil)
        #expect(try ingest(try file("math/aime25_qwq.jsonl"), into: w.store).counts.inserted == 30)
        #expect(try w.store.problemSummaries(benchmark: "aime").count == 120)
        // Every answer is an integer 0–999 without leading zeros.
        for p in try w.store.problemSummaries(benchmark: "aime") {
            let ref = try #require(p.reference)
            #expect(Int(ref).map { (0...999).contains($0) && String($0) == ref } == true, "\(p.id): \(ref)")
        }
    }

    @Test func amc2023FloatAnswersAreExact() throws {
        let w = try Workspace()
        #expect(try ingest(try file("math/amc23_qwen25math.jsonl"), into: w.store).counts.inserted == 40)
        let refs = try w.store.problemSummaries(benchmark: "amc").compactMap(\.reference)
        #expect(refs.count == 40)
        #expect(refs.allSatisfy { !$0.hasSuffix(".0") })
        #expect(try w.store.problem(id: "amc/2023-12A-1")?.reference == "27")
    }

    /// Test counts from the official decoding (public + private), computed once with Python's pickle and json.
    static let lcbCounts = ["lcb/1873_A": 5, "lcb/2876": 5, "lcb/3708": 5, "lcb/synthetic_sum_mean": 40]
    static let sandboxFusionCounts = ["lcb/1873_A": 5, "lcb/2727": 14, "lcb/abc301_a": 15]

    @Test func liveCodeBenchPrivateTestsDecodeToTheRightCounts() throws {
        let w = try Workspace()
        #expect(try ingest(try file("code/lcb_sample_problems.jsonl"), into: w.store).counts.inserted == 4)
        for (id, n) in Self.lcbCounts {
            let p = try #require(try w.store.problem(id: id))
            #expect(p.testCount == n, "\(id)")
            #expect(try p.tests?.decodeTests().count == n, "\(id)")
        }
        let p = try #require(try w.store.problem(id: "lcb/2876"))
        #expect(try JSONParser.parse(p.metadataJSON).objectValue?["func_name"] == .string("numberOfEmployeesWhoMetTarget"))
        #expect(try p.tests?.decodeTests().allSatisfy { $0.kind == .functional } == true)
        let other = try Workspace()
        _ = try ingest(try file("code/lcb_real_sandboxfusion_rows.jsonl"), into: other.store)
        for (id, n) in Self.sandboxFusionCounts {
            #expect(try other.store.problem(id: id)?.testCount == n, "\(id)")
        }
    }

    @Test func sameProblemsFromArchivesTheTestBuilds() throws {
        let plain = try Workspace()
        let names = ["math/math500_test.jsonl", "math/aime24_qwen25math.jsonl", "math/amc23_qwen25math.jsonl",
                     "code/lcb_sample_problems.jsonl"]
        for name in names { _ = try ingest(try file(name), into: plain.store) }
        let w = try Workspace()
        let root = SharedData.root.appendingPathComponent("benchmarks").path
        try w.sh("tar -czf bench.tar.gz -C '\(root)' " + names.joined(separator: " "))
        _ = try runPython("import zipfile,sys\nz=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\nfor n in sys.argv[3:]: z.write(sys.argv[2]+'/'+n, n)\nz.close()",
                          [w.path("bench.zip"), root] + names)
        for archive in ["bench.tar.gz", "bench.zip"] {
            let fresh = try Workspace()
            let r = try ingest(w.path(archive), into: fresh.store)
            #expect(r.counts.inserted == 500 + 30 + 40 + 4, "\(archive)")
            #expect(try fresh.store.contentHashes() == plain.store.contentHashes(), "\(archive)")
        }
    }
}
