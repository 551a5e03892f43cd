// Code-grading throughput: generations/s and tests/s on many correct generations for small problems, with 1 and 2
// workers, and the per-generation wall time against bare python3 running the same program. Prints figures only
// (run through scripts/bench-code.sh, which also runs the official grader's execution model side by side).
import Foundation
import CodeRunner
import FlowRLCore

let args = CommandLine.arguments
let count = args.count > 1 ? Int(args[1]) ?? 200 : 200
let jobsFile = args.count > 2 ? args[2] : "/tmp/flowrl-bench-code-jobs.json"

// Small problems: three stdin problems with 3 tests each, correct generations.
let problems: [(code: String, tests: [TestCase])] = [
    ("a,b=map(int,input().split())\nprint(a+b)\n",
     [("1 2\n", "3\n"), ("5 7\n", "12\n"), ("-1 1\n", "0\n")].map { TestCase(input: $0.0, output: $0.1, kind: .stdin) }),
    ("n=int(input())\nprint(sum(map(int,input().split())))\n",
     [("3\n1 2 3\n", "6\n"), ("1\n9\n", "9\n"), ("2\n-5 5\n", "0\n")].map { TestCase(input: $0.0, output: $0.1, kind: .stdin) }),
    ("s=input()\nprint(s[::-1])\n",
     [("abc\n", "cba\n"), ("x\n", "x\n"), ("ab\n", "ba\n")].map { TestCase(input: $0.0, output: $0.1, kind: .stdin) }),
]
let jobs = (0..<count).map { k in CodeJob(code: problems[k % 3].code, tests: problems[k % 3].tests) }

// The same jobs for the Python reference.
var out: [UInt8] = []
JSONValue.array(jobs.map { job in
    .object(JSONObject([("code", .string(job.code)),
                        ("tests", .array(job.tests.map { .object(JSONObject([("input", .string($0.input)), ("output", .string($0.output))])) }))]))
}).write(to: &out)
FileManager.default.createFile(atPath: jobsFile, contents: Data(out))

func seconds(_ body: () -> Void) -> Double {
    let t = Date()
    body()
    return Date().timeIntervalSince(t)
}

do {
    for workers in [1, 2] {
        let runner = try CodeRunner(workers: workers)
        let passed = Counter()
        let wall = seconds { runner.gradeAll(jobs) { _, g in if g.passed { passed.add() } } }
        let tests = jobs.reduce(0) { $0 + $1.tests.count }
        print(String(format: "{\"grader\": \"flowrl\", \"workers\": %d, \"generations\": %d, \"passed\": %d, \"generations_per_s\": %.2f, \"tests_per_s\": %.2f, \"ms_per_generation\": %.2f}",
                     workers, jobs.count, passed.value, Double(jobs.count) / wall, Double(tests) / wall, wall * 1000 / Double(jobs.count)))
    }
    // Per-generation overhead: one sandboxed generation (1 worker, sequential) against bare python3 running the
    // same program on the same three inputs.
    let runner = try CodeRunner(workers: 1)
    let n = min(60, count)
    let sandboxed = seconds { for k in 0..<n { _ = runner.gradeBlocking(jobs[k]) } } / Double(n)
    let bare = seconds { for k in 0..<n { for test in jobs[k].tests { runBare(jobs[k].code, test.input) } } } / Double(n)
    let bareOnce = seconds { for k in 0..<n { runBare(jobs[k].code, jobs[k].tests[0].input) } } / Double(n)
    print(String(format: "{\"overhead\": true, \"sandboxed_ms_per_generation\": %.2f, \"bare_python_ms_per_generation_3_tests\": %.2f, \"bare_python_ms_one_run\": %.2f, \"ratio_vs_bare_3_tests\": %.2f, \"ratio_vs_bare_one_run\": %.2f}",
                 sandboxed * 1000, bare * 1000, bareOnce * 1000, sandboxed / bare, sandboxed / bareOnce))
} catch {
    FileHandle.standardError.write(Data("bench-code: \(error)\n".utf8))
    exit(1)
}

/// Runs `python3 -c code` with `input` on stdin, unsandboxed, and waits for it.
func runBare(_ code: String, _ input: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    p.arguments = ["-c", code]
    let inPipe = Pipe(), outPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    try? p.run()
    inPipe.fileHandleForWriting.write(Data(input.utf8))
    try? inPipe.fileHandleForWriting.close()
    _ = outPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
