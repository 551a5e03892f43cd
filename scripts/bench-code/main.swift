// Code-grading throughput: generations/s and tests/s on many correct generations for small problems, with 1 and 2
// workers, the cost of starting a slot's sandbox, and the per-generation wall time against bare python3 running the
// same program. Prints JSON lines (figures only; scripts/bench-code.sh runs it next to the official grader's
// execution model and prints the table).
import Foundation
import Glibc
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
    var a = timespec(), b = timespec()
    clock_gettime(CLOCK_MONOTONIC, &a)
    body()
    clock_gettime(CLOCK_MONOTONIC, &b)
    return Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) / 1e9
}

/// Runs `python3 -c code` with `input` on stdin, unsandboxed, with an empty environment (posix_spawn, as the
/// sandbox's launcher does), and waits for it.
func runBare(_ code: String, _ input: String) {
    var pin: [Int32] = [0, 0], pout: [Int32] = [0, 0]
    guard pipe(&pin) == 0, pipe(&pout) == 0 else { return }
    for fd in pin + pout { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_adddup2(&actions, pin[0], 0)
    posix_spawn_file_actions_adddup2(&actions, pout[1], 1)
    let words: [String] = ["/usr/bin/python3", "-c", code]
    let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = [nil]
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, "/usr/bin/python3", &actions, nil, argv, envp)
    posix_spawn_file_actions_destroy(&actions)
    for p in argv { free(p) }
    close(pin[0]); close(pout[1])
    if rc == 0 {
        _ = input.withCString { Glibc.write(pin[1], $0, strlen($0)) }
    }
    close(pin[1])
    var buffer = [UInt8](repeating: 0, count: 4096)
    while buffer.withUnsafeMutableBytes({ Glibc.read(pout[0], $0.baseAddress, $0.count) }) > 0 {}
    close(pout[0])
    var status: Int32 = 0
    if rc == 0 { waitpid(pid, &status, 0) }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}

func json(_ pairs: [(String, Any)]) -> String {
    "{" + pairs.map { key, value in
        let v: String
        switch value {
        case let d as Double: v = String(format: "%.2f", d)
        case let i as Int: v = String(i)
        case let s as String: v = "\"\(s)\""
        default: v = "null"
        }
        return "\"\(key)\": \(v)"
    }.joined(separator: ", ") + "}"
}

do {
    let tests = jobs.reduce(0) { $0 + $1.tests.count }
    for workers in [1, 2] {
        let runner = try CodeRunner(workers: workers)
        if workers == 1 { FileHandle.standardError.write(Data("bench-code: \(runner.cgroupSupport)\n".utf8)) }
        let passed = Counter()
        // Timed from a cold start: every slot's sandbox starts inside the measurement.
        let wall = seconds { runner.gradeAll(jobs) { _, g in if g.passed { passed.add() } } }
        print(json([("grader", "flowrl"), ("workers", workers), ("generations", jobs.count), ("passed", passed.value),
                    ("generations_per_s", Double(jobs.count) / wall), ("tests_per_s", Double(tests) / wall),
                    ("ms_per_generation", wall * 1000 / Double(jobs.count))]))
        runner.shutdown()
    }
    // Slot start-up (bwrap + the zygote's imports), then the per-generation cost in a warm slot (1 worker,
    // sequential) against bare python3 running the same program: once per test, and once (median of 100 each).
    let runner = try CodeRunner(workers: 1)
    let cold = seconds { _ = runner.gradeBlocking(jobs[0]) }
    let warm = seconds { _ = runner.gradeBlocking(jobs[1]) }
    // Interleaved, one generation at a time, and medians: the three measurements see the same machine load.
    var sandboxedTimes: [Double] = [], bareTimes: [Double] = [], bareOnceTimes: [Double] = []
    for k in 0..<min(100, count) {
        sandboxedTimes.append(seconds { _ = runner.gradeBlocking(jobs[k]) })
        bareTimes.append(seconds { for test in jobs[k].tests { runBare(jobs[k].code, test.input) } })
        bareOnceTimes.append(seconds { runBare(jobs[k].code, jobs[k].tests[0].input) })
    }
    runner.shutdown()
    func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] }
    let sandboxed = median(sandboxedTimes), bare = median(bareTimes), bareOnce = median(bareOnceTimes)
    print(json([("overhead", "true"), ("slot_start_ms", (cold - warm) * 1000),
                ("sandboxed_ms_per_generation", sandboxed * 1000),
                ("bare_python_ms_per_generation_3_tests", bare * 1000), ("bare_python_ms_one_run", bareOnce * 1000),
                ("ratio_vs_bare_3_tests", sandboxed / bare), ("ratio_vs_bare_one_run", sandboxed / bareOnce)]))
} catch {
    FileHandle.standardError.write(Data("bench-code: \(error)\n".utf8))
    exit(1)
}
