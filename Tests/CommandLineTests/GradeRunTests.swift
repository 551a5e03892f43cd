// `flowrl grade --run` (store-backed, resumable) and `flowrl grade code` through the real binary.
import Foundation
import Testing
import TestSupport

@Suite struct GradeRunTests {
    let dir: URL
    let store: String

    init() throws {
        dir = try makeTemporaryDirectory("flowrl-grade-run")
        store = dir.appendingPathComponent("g.sqlite").path
    }

    func flowrl(_ args: [String]) throws -> ProcessResult { try runProcess(try flowrlBinary(), args) }

    /// Ingests `count` math problems whose answer is their number.
    func ingestProblems(_ count: Int) throws {
        let rows = (0..<count).map { #"{"problem": "P\#($0)", "answer": "\#($0)", "unique_id": "test/g/\#($0).json"}"# }
        let file = try writeFile(dir, "problems.jsonl", rows.joined(separator: "\n") + "\n")
        #expect(try flowrl(["ingest", file, "--store", store, "--quiet"]).status == 0)
    }

    func summary(_ r: ProcessResult) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any] ?? [:]
    }

    @Test func gradesIntoARunAndSkipsWhatIsStoredOnRerun() throws {
        try ingestProblems(3)
        // Problem 0 twice (samples 0 and 1 by file order), a wrong answer, an answer the grader cannot find.
        let responses = try writeFile(dir, "r.jsonl", """
            {"problem_id": "math500/test/g/0", "response": "\\\\boxed{0}"}
            {"problem_id": "math500/test/g/0", "response": "it is \\\\boxed{1}"}
            {"problem_id": "math500/test/g/1", "response": "The answer is 1."}
            {"problem_id": "math500/test/g/2", "sample": 5, "response": "no idea"}

            """)
        let first = try flowrl(["grade", "--run", "r", "--responses", responses, "--store", store, "--json", "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let s1 = summary(first)
        #expect(s1["graded"] as? Int == 4)
        #expect(s1["correct"] as? Int == 2)
        #expect(s1["already_graded"] as? Int == 0)
        let again = try flowrl(["grade", "--run", "r", "--responses", responses, "--store", store, "--json", "--quiet"])
        let s2 = summary(again)
        #expect(s2["graded"] as? Int == 0)
        #expect(s2["already_graded"] as? Int == 4)
        // The strict reward mode is another grader version: it grades the same samples again, into the same rows.
        let strict = try flowrl(["grade", "--run", "r", "--responses", responses, "--store", store, "--mode", "reward",
                                 "--json", "--quiet"])
        #expect(summary(strict)["graded"] as? Int == 4)
    }

    @Test func aBadLineStopsTheRunAndARerunGradesOnlyTheRest() throws {
        try ingestProblems(400)
        // 300 good lines, then one naming an unknown problem: the first batch (256 lines) is committed, the rest not.
        var lines = (0..<300).map { #"{"problem_id": "math500/test/g/\#($0)", "response": "\\boxed{\#($0)}"}"# }
        let bad = try writeFile(dir, "bad.jsonl", (lines + [#"{"problem_id": "math500/test/g/none", "response": "1"}"#])
            .joined(separator: "\n") + "\n")
        let failed = try flowrl(["grade", "--run", "r", "--responses", bad, "--store", store, "--quiet"])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("\(bad):301: no problem math500/test/g/none"))
        lines += (300..<400).map { #"{"problem_id": "math500/test/g/\#($0)", "response": "\\boxed{\#($0)}"}"# }
        let good = try writeFile(dir, "good.jsonl", lines.joined(separator: "\n") + "\n")
        let resumed = try flowrl(["grade", "--run", "r", "--responses", good, "--store", store, "--json", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let s = summary(resumed)
        #expect(s["already_graded"] as? Int == 256)
        #expect(s["graded"] as? Int == 144)
        #expect(s["correct"] as? Int == 144)
    }

    @Test func malformedLinesAndDuplicateSamplesAreNamed() throws {
        try ingestProblems(1)
        let dup = try writeFile(dir, "dup.jsonl", """
            {"problem_id": "math500/test/g/0", "sample": 0, "response": "\\\\boxed{0}"}
            {"problem_id": "math500/test/g/0", "sample": 0, "response": "\\\\boxed{0}"}

            """)
        let r = try flowrl(["grade", "--run", "d", "--responses", dup, "--store", store, "--quiet"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(dup):2: sample 0 of math500/test/g/0 already appears on line 1"))
        let noResponse = try writeFile(dir, "nr.jsonl", #"{"problem_id": "math500/test/g/0"}"# + "\n")
        let r2 = try flowrl(["grade", "--run", "d", "--responses", noResponse, "--store", store, "--quiet"])
        #expect(r2.status == 1)
        #expect(r2.stderr.contains("\(noResponse):1: needs \"response\" or \"code\""))
        #expect(try flowrl(["grade", "--run", "d", "--store", store]).status == 2)
    }

    @Test func gradeCodeKeepsInputOrderWithVerdictsAndPassAtOne() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/bwrap") else {
            print("skipped: needs root and bubblewrap (run scripts/bootstrap.sh as root)")
            return
        }
        let problems = try writeFile(dir, "p.jsonl", """
            {"question_id": "q1", "question_content": "Print a+b.", "platform": "atcoder", "contest_date": "2024-01-01T00:00:00", "difficulty": "easy", "public_test_cases": "[{\\"input\\": \\"1 2\\\\n\\", \\"output\\": \\"3\\\\n\\", \\"testtype\\": \\"stdin\\"}]", "private_test_cases": "[]", "metadata": "{}"}

            """)
        let he = try writeFile(dir, "he.jsonl", """
            {"task_id": "HumanEval/7", "prompt": "def inc(x):\\n", "entry_point": "inc", "test": "def check(c):\\n    assert c(1) == 2\\n"}

            """)
        let responses = try writeFile(dir, "code.jsonl", """
            {"question_id": "q1", "response": "```python\\na, b = map(int, input().split())\\nprint(a + b)\\n```"}
            {"question_id": "q1", "response": "```python\\nprint(0)\\n```"}
            {"question_id": "q1", "response": "no code here"}

            """)
        let r = try flowrl(["grade", "code", "--problems", problems, "--responses", responses])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(rows.map { $0["verdict"] as? String } == ["accepted", "wrong_answer", "compile_error"])
        #expect(rows.map { $0["sample"] as? Int } == [0, 1, 2])
        #expect(rows.first?["question_id"] as? String == "q1")
        #expect(rows.first?["tests_total"] as? Int == 1)
        #expect(r.stderr.contains("pass@1 33.3%"))
        let heResponses = try writeFile(dir, "he-r.jsonl", """
            {"task_id": "HumanEval/7", "code": "    return x + 1\\n"}
            {"task_id": "HumanEval/7", "response": "```python\\ndef inc(x):\\n    return x - 1\\n```"}

            """)
        let h = try flowrl(["grade", "code", "--problems", he, "--responses", heResponses])
        #expect(h.status == 0, "\(h.stderr)")
        #expect(h.stdout.contains(#""verdict":"accepted""#) && h.stdout.contains(#""verdict":"wrong_answer""#))
        let missing = try writeFile(dir, "m.jsonl", #"{"question_id": "zz", "code": "print(1)"}"# + "\n")
        let m = try flowrl(["grade", "code", "--problems", problems, "--responses", missing])
        #expect(m.status == 1)
        #expect(m.stderr.contains("\(missing):1: no problem zz"))
    }
}
