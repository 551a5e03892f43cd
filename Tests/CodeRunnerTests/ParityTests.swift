// The official LiveCodeBench verdicts on ../shared/benchmarks/code, reproduced (the two reward hacks must fail).
import Testing
import Foundation
import FlowRLCore
import TestSupport
import CodeRunner

@Suite struct ParityTests {
    /// Our verdict for each official outcome; labels whose official verdict is an artefact are listed explicitly.
    static func expectedVerdict(label: String, official: JSONObject) -> CodeVerdict {
        switch label {
        case "eq_hack": return .wrongAnswer            // an object of an untrusted type equals nothing
        case "frame_peek_hack": return .runtimeError   // the expected value is not in any frame: KeyError
        case "tle_ignore_alarm": return .timeLimit     // official: its own runner crashed (-5), reported as -2
        case "syntax_error": return .compileError      // official -4 covers compile and runtime errors
        default: break
        }
        if official["graded"] == .bool(true) { return .accepted }
        let code = official["metadata"]?.objectValue?["error_code"]
        switch code {
        case .number("-3")?: return .timeLimit
        case .number("-4")?: return .runtimeError
        default: return .wrongAnswer
        }
    }

    @Test func officialVerdictsOnTheSampleGenerations() async throws {
        guard let problemsURL = SharedData.file("benchmarks/code/lcb_sample_problems.jsonl"),
              let gensURL = SharedData.file("benchmarks/code/lcb_sample_generations.jsonl"),
              let resultsURL = SharedData.file("benchmarks/code/lcb_sample_results.json") else {
            print(SharedData.skipMessage); return
        }
        guard let runner = Fixture.standardRunner else { print(Fixture.skip); return }
        var problems: [String: (tests: [TestCase], funcName: String?)] = [:]
        for row in try Fixture.jsonLines(problemsURL) {
            guard let id = row["question_id"]?.stringValue else { continue }
            let meta = try row["metadata"]?.stringValue.map { try JSONParser.parse($0) }
            problems[id] = (try Fixture.tests(ofRow: row), meta?.objectValue?["func_name"]?.stringValue)
        }
        let results = try JSONParser.parse(try String(contentsOf: resultsURL, encoding: .utf8))
        let report = results.objectValue?["report"]?.arrayValue ?? []
        var jobs: [CodeJob] = []
        var labels: [(String, String, CodeVerdict)] = []
        for gen in try Fixture.jsonLines(gensURL) {
            let id = gen["question_id"]?.stringValue ?? ""
            let codes = gen["code_list"]?.arrayValue ?? []
            let names = gen["labels"]?.arrayValue ?? []
            let problem = try #require(problems[id])
            for (code, label) in zip(codes, names) {
                let l = label.stringValue ?? ""
                let official = try #require(report.first {
                    $0.objectValue?["question_id"]?.stringValue == id && $0.objectValue?["label"]?.stringValue == l
                }?.objectValue)
                jobs.append(CodeJob(code: code.stringValue ?? "", tests: problem.tests, funcName: problem.funcName))
                labels.append((id, l, Self.expectedVerdict(label: l, official: official)))
            }
        }
        #expect(jobs.count == 25)
        let collected = Collected()
        runner.gradeAll(jobs) { i, g in collected.add(i, g.verdict) }
        var table = "question_id | label | expected | got\n"
        for (i, verdict) in collected.items {
            let (id, label, want) = labels[i]
            table += "\(id) | \(label) | \(want.rawValue) | \(verdict.rawValue)\n"
            #expect(verdict == want, "\(id) \(label)")
        }
        print(table)
    }

    @Test func realRowsInAnotherGradersPacking() async throws {
        guard let rowsURL = SharedData.file("benchmarks/code/lcb_real_sandboxfusion_rows.jsonl"),
              let gensURL = SharedData.file("benchmarks/code/lcb_real_sandboxfusion_generations.jsonl") else {
            print(SharedData.skipMessage); return
        }
        guard let runner = Fixture.standardRunner else { print(Fixture.skip); return }
        var problems: [String: (tests: [TestCase], funcName: String?)] = [:]
        for row in try Fixture.jsonLines(rowsURL) {
            guard let id = row["question_id"]?.stringValue else { continue }
            let meta = try row["metadata"]?.stringValue.map { try JSONParser.parse($0) }
            problems[id] = (try Fixture.tests(ofRow: row), meta?.objectValue?["func_name"]?.stringValue)
        }
        var seen = 0
        for gen in try Fixture.jsonLines(gensURL) {
            guard let id = gen["question_id"]?.stringValue, let p = problems[id] else { continue }
            let codes = gen["code_list"]?.arrayValue ?? []
            let names = gen["labels"]?.arrayValue ?? []
            for (code, label) in zip(codes, names) {
                let grade = await runner.grade(CodeJob(code: code.stringValue ?? "", tests: p.tests, funcName: p.funcName))
                print("\(id) \(label.stringValue ?? ""): \(grade.verdict.rawValue) \(grade.testsPassed)/\(grade.testsTotal) \(grade.detail)")
                #expect(grade.testsTotal == p.tests.count)
                #expect(grade.verdict == (label.stringValue == "correct" ? .accepted : .wrongAnswer))
                seen += 1
            }
        }
        #expect(seen == 4)
    }
}
