// Grading through the real sandbox: stdin, call-based and HumanEval-style programs, both semantics, ordering.
import Testing
import Foundation
import FlowRLCore
import CodeRunner

let sum = Fixture.stdin([("1 2\n", "3\n"), ("5 7\n", "12\n"), ("-1 1\n", "0\n")])

@Suite struct SandboxGradingTests {
    @Test func stdinVerdicts() async throws {
        guard let runner = Fixture.runner else { print(Fixture.skip); return }
        async let ok = runner.grade(CodeJob(code: "a,b=map(int,input().split())\nprint(a+b)\n", tests: sum))
        async let wrong = runner.grade(CodeJob(code: "a,b=map(int,input().split())\nprint(a-b)\n", tests: sum))
        async let syntax = runner.grade(CodeJob(code: "print((1\n", tests: sum))
        async let crash = runner.grade(CodeJob(code: "print(1/0)\n", tests: sum))
        async let none = runner.grade(CodeJob(response: "I cannot solve this.", tests: sum))
        let (a, b, c, d, e) = await (ok, wrong, syntax, crash, none)
        #expect(a.verdict == .accepted && a.testsPassed == 3 && a.testsTotal == 3)
        #expect(b.verdict == .wrongAnswer && b.testsPassed == 0 && b.tests.count == 1)
        #expect(c.verdict == .compileError)
        #expect(d.verdict == .runtimeError && d.detail.contains("ZeroDivisionError"))
        #expect(e.verdict == .compileError)
    }

    @Test func lcbQuirksAndNativeStdin() async throws {
        guard let runner = Fixture.runner else { print(Fixture.skip); return }
        let iter = "import sys\nfor line in sys.stdin:\n    a,b=map(int,line.split())\n    print(a+b)\n"
        async let lcbIter = runner.grade(CodeJob(code: iter, tests: sum, semantics: .lcb))
        async let nativeIter = runner.grade(CodeJob(code: iter, tests: sum, semantics: .native))
        async let nativeCrash = runner.grade(CodeJob(code: "import sys\nsys.exit(3)\n", tests: sum, semantics: .native))
        let open0 = "a,b=map(int,open(0).read().split())\nprint(a+b)\n"
        async let lcbOpen0 = runner.grade(CodeJob(code: open0, tests: sum, semantics: .lcb))
        async let nativeOpen0 = runner.grade(CodeJob(code: open0, tests: sum, semantics: .native))
        let (a, b, c, d, e) = await (lcbIter, nativeIter, nativeCrash, lcbOpen0, nativeOpen0)
        #expect(a.verdict == .runtimeError)   // the official mock stdin is not iterable
        #expect(b.verdict == .accepted)
        #expect(c.verdict == .runtimeError)
        #expect(d.verdict == .runtimeError)   // open(0) is the (empty) real stdin in the official worker
        #expect(e.verdict == .accepted)
    }

    @Test func callBasedTypesMatter() async throws {
        guard let runner = Fixture.runner else { print(Fixture.skip); return }
        let tests = [TestCase(input: "[1, 2]\n3", output: "[1, 2, 3]", kind: .functional),
                     TestCase(input: "[]\n0", output: "[0]", kind: .functional)]
        let list = "class Solution:\n    def f(self, a, x):\n        return a + [x]\n"
        let tuple = "class Solution:\n    def f(self, a, x):\n        return tuple(a + [x])\n"
        let nested = "class Solution:\n    def f(self, a, x):\n        return [(v,) for v in a + [x]]\n"
        let function = "def f(a, x):\n    return a + [x]\n"
        async let g1 = runner.grade(CodeJob(code: list, tests: tests, funcName: "f"))
        async let g2 = runner.grade(CodeJob(code: tuple, tests: tests, funcName: "f"))
        async let g3 = runner.grade(CodeJob(code: nested, tests: tests, funcName: "f"))
        async let g4 = runner.grade(CodeJob(code: function, tests: tests, funcName: "f"))
        async let g5 = runner.grade(CodeJob(code: list, tests: tests, funcName: "g"))
        let (a, b, c, d, e) = await (g1, g2, g3, g4, g5)
        #expect(a.verdict == .accepted)
        #expect(b.verdict == .accepted)       // a top-level tuple counts as a list
        #expect(c.verdict == .wrongAnswer)    // nested tuples do not
        #expect(d.verdict == .accepted)
        #expect(e.verdict == .runtimeError)
    }

    @Test func pythonEqualityAcrossNumericTypes() async throws {
        guard let runner = Fixture.runner else { print(Fixture.skip); return }
        func one(_ expr: String, _ expected: String) -> CodeJob {
            CodeJob(code: "def f(x):\n    return \(expr)\n", tests: [TestCase(input: "0", output: expected, kind: .functional)], funcName: "f")
        }
        let cases: [(String, String, CodeVerdict)] = [
            ("True", "1", .accepted), ("1.0", "1", .accepted), ("10**22", "10000000000000000000000", .accepted),
            ("1e22", "10000000000000000000000", .accepted), ("2**70+1", "1180591620717411303425", .accepted),
            ("float(2**70)", "1180591620717411303425", .wrongAnswer), ("None", "null", .accepted),
            ("{'a': 1}", "{\"a\": 1.0}", .accepted), ("{1, 2}", "[1, 2]", .wrongAnswer), ("'1'", "1", .wrongAnswer),
            ("[(1, 2)]", "[[1, 2]]", .wrongAnswer), ("float('nan')", "NaN", .wrongAnswer), ("0.1+0.2", "0.3", .wrongAnswer),
        ]
        let collected = Collected()
        runner.gradeAll(cases.map { one($0.0, $0.1) }) { i, g in collected.add(i, g.verdict) }
        for (i, verdict) in collected.items {
            #expect(verdict == cases[i].2, "\(cases[i].0) vs \(cases[i].1)")
        }
    }

    @Test func humanEvalPrograms() async throws {
        guard let runner = Fixture.runner else { print(Fixture.skip); return }
        let prompt = "def add(a, b):\n    \"\"\"Return a + b.\"\"\"\n"
        let test = [TestCase(input: "def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(-1, 1) == 0\n",
                             output: "", kind: .program)]
        async let good = runner.grade(CodeJob(code: "    return a + b\n", tests: test, prompt: prompt, entryPoint: "add"))
        async let bad = runner.grade(CodeJob(code: "    return a - b\n", tests: test, prompt: prompt, entryPoint: "add"))
        async let slow = runner.grade(CodeJob(code: "    while True: pass\n", tests: test, prompt: prompt, entryPoint: "add"))
        let (a, b, c) = await (good, bad, slow)
        #expect(a.verdict == .accepted && a.testsPassed == 1)
        #expect(b.verdict == .wrongAnswer && b.detail.contains("AssertionError"))
        #expect(c.verdict == .timeLimit)
    }

    @Test func poolDeliversInInputOrderWhileSlowJobsRun() async throws {
        guard let runner = Fixture.runner else { print(Fixture.skip); return }
        var jobs = [CodeJob(code: "import time\ntime.sleep(30)\n", tests: sum)]
        for k in 0..<7 {
            jobs.append(CodeJob(code: k % 2 == 0 ? "a,b=map(int,input().split())\nprint(a+b)\n" : "print(0)\n", tests: sum))
        }
        let collected = Collected()
        runner.gradeAll(jobs) { index, grade in collected.add(index, grade.verdict) }
        let got = collected.items
        #expect(got.map(\.0) == Array(0..<8))
        #expect(got[0].1 == .timeLimit)
        #expect(got.dropFirst().enumerated().allSatisfy { k, item in item.1 == (k % 2 == 0 ? .accepted : .wrongAnswer) })
    }
}

final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [(Int, CodeVerdict)] = []
    func add(_ i: Int, _ v: CodeVerdict) { lock.lock(); storage.append((i, v)); lock.unlock() }
    var items: [(Int, CodeVerdict)] { lock.lock(); defer { lock.unlock() }; return storage }
}
