// `flowrl stats` and `flowrl report` on a store with two small graded runs.
import FlowRLCore
import Foundation
import Store
import Testing
import TestSupport

@Suite struct StatsReportCommandTests {
    let dir: URL
    let store: String

    init() throws {
        dir = try makeTemporaryDirectory("flowrl-stats")
        store = dir.appendingPathComponent("s.sqlite").path
        let s = try Store(path: store)
        _ = try s.writeProblems { batch in
            for id in ["math500/p1", "math500/p2"] {
                try batch.upsert(Problem(id: id, benchmark: "math500", kind: .math, prompt: "P", reference: "1"))
            }
        }
        for (name, pattern) in [("a", [true, true, false, false]), ("b", [false, false, false, true])] {
            let run = try s.openRun(RunSpec(name: name, command: "flowrl grade --run \(name)"))
            var items: [(sample: SampleRecord, grade: GradeRecord?)] = []
            for id in ["math500/p1", "math500/p2"] {
                for (i, ok) in pattern.enumerated() {
                    items.append((SampleRecord(problemID: id, index: i, response: "answer \(i) is \(ok ? 1 : 2)"),
                                  GradeRecord(grader: "math", graderVersion: "1", correct: ok, reward: ok ? 1 : 0,
                                              verdict: ok ? "correct" : "wrong", detailsJSON: #"{"answer":"\#(ok ? 1 : 2)"}"#)))
                }
            }
            try s.writeSamples(run: run, items)
        }
    }

    func flowrl(_ args: String...) throws -> ProcessResult { try runProcess(try flowrlBinary(), args) }

    @Test func statsJSONHasOneObjectPerRunAndBenchmark() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try flowrl("stats", "--run", "a", "--run", "b", "--k", "1,2", "--json", "--store", store)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        guard case .object(let a)? = try? JSONParser.parse(lines[0]), case .object(let b)? = try? JSONParser.parse(lines[1]) else {
            Issue.record("not JSON: \(r.stdout)")
            return
        }
        #expect(a["run"] == .string("a") && a["benchmark"] == .string("math500") && a["problems"] == .number("2"))
        #expect(a["samples_per_problem"] == .number("4"))
        #expect(a["avg_at_k"]?.objectValue?["2"]?.objectValue?["value"] == .number("0.5"))
        // pass@2 with 2 of 4 correct: 1 − C(2,2)/C(4,2) = 5/6.
        let pass2 = a["pass_at_k"]?.objectValue?["2"]?.objectValue?["value"]
        #expect(pass2.flatMap { if case .number(let n) = $0 { Double(n) } else { nil } }.map { abs($0 - 5.0 / 6) < 1e-12 } == true)
        #expect(a["diversity"]?.objectValue?["self_bleu"] != nil)
        #expect(b["comparison"]?.objectValue?["baseline"] == .string("a"))
        #expect(b["comparison"]?.objectValue?["difference"] == .number("-0.25"))
        let table = try flowrl("stats", "--run", "a", "--run", "b", "--store", store)
        #expect(table.status == 0 && table.stdout.contains("Avg@n") && table.stdout.contains("50.0"))
    }

    @Test func statsErrorsNameTheRunOrTheOption() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try flowrl("stats", "--run", "nope", "--store", store)
        #expect(missing.status == 1 && missing.stderr.contains("no run named nope") && missing.stderr.contains("runs: a, b"))
        #expect(try flowrl("stats", "--run", "a", "--k", "0", "--store", store).status == 2)
        #expect(try flowrl("stats", "--run", "a", "--baseline", "zzz", "--store", store).status == 2)
    }

    @Test func reportWritesOneSelfContainedPage() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("report").path
        let r = try flowrl("report", "--run", "a", "--run", "b", "--out", out, "--store", store)
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && !html.contains("<script"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["index.html"])
    }
}
