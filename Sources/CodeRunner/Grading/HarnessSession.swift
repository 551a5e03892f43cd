// One generation's run: the job sent to the harness, the comparison of each reported output with the expected one
// (here, outside the sandbox), and the verdict. The first failing test stops the run, as in LiveCodeBench.
import FlowRLCore

/// Grades one job inside one sandbox.
struct HarnessSession {
    let job: CodeJob
    let profile: SandboxProfile

    var isProgram: Bool { job.tests.contains { $0.kind == .program } }

    /// The JSON job for the harness (inputs only: expected outputs never enter the sandbox).
    func jobBytes() -> [UInt8] {
        var o = JSONObject()
        if isProgram {
            let test = job.tests.first { $0.kind == .program }?.input ?? ""
            let program = (job.prompt ?? "") + job.code + "\n" + test + "\n"
                + (job.entryPoint.map { "check(\($0))\n" } ?? "")
            o.set("mode", .string("program"))
            o.set("code", .string(program))
        } else {
            o.set("mode", .string(job.semantics.rawValue))
            o.set("code", .string(job.code))
            o.set("inputs", .array(job.tests.map { .string($0.input) }))
            if let f = job.funcName, !f.isEmpty { o.set("func_name", .string(f)) }
        }
        o.set("output_limit", .number(String(profile.outputLimitKB << 10)))
        o.set("path", .array(profile.pythonPath.map { .string($0) }))
        var out: [UInt8] = []
        JSONValue.object(o).write(to: &out)
        return out
    }

    func run(in sandbox: Sandbox, slot: Int) -> CodeGrade {
        let total = isProgram ? 1 : job.tests.count
        if job.code.allSatisfy(\.isWhitespace) && !isProgram {
            return CodeGrade(verdict: .compileError, tests: [], testsTotal: total, wallMilliseconds: 0,
                             detail: "no code in the response")
        }
        let timeout = isProgram ? profile.programTimeoutSeconds : profile.testTimeoutSeconds
        var results: [CodeTestResult] = []
        var failure: (CodeVerdict, String)?
        var expected: [PythonValue?] = []
        if job.funcName != nil && !isProgram {
            expected = job.tests.map { PythonValue(pythonJSON: $0.output) }
        }
        let outcome = sandbox.run(job: jobBytes(), slot: slot, testTimeout: timeout, testCount: total) { event in
            guard let o = event.objectValue, let ev = o["ev"]?.stringValue else { return true }
            let i: Int = { if case .number(let n)? = o["i"] { return Int(n) ?? -1 }; return -1 }()
            func record(_ v: CodeVerdict, _ detail: String) -> Bool {
                if i >= 0 { results.append(CodeTestResult(index: i, verdict: v, wallMilliseconds: 0, detail: detail)) }
                if v != .accepted { failure = (v, detail); return false }
                return true
            }
            switch ev {
            case "out":
                guard i >= 0, i < job.tests.count else { return record(.runtimeError, "harness protocol violated") }
                let got = o["out"]?.stringValue ?? ""
                if let why = StdoutComparison.mismatch(output: got, expected: job.tests[i].output) {
                    return record(.wrongAnswer, why)
                }
                return record(.accepted, "")
            case "value":
                guard i >= 0, i < expected.count, let value = o["value"] else {
                    return record(.runtimeError, "harness protocol violated")
                }
                guard let want = expected[i] else {
                    failure = (.sandboxError, "expected output of test \(i + 1) is not JSON")
                    return false
                }
                do {
                    let got = try PythonValue(tagged: value)
                    if try PythonValue.pyEqual(got, want) { return record(.accepted, "") }
                    return record(.wrongAnswer, "Wrong Answer: \(got.rendered.prefix(200)) != \(want.rendered.prefix(200))")
                } catch is AmbiguousTruth {
                    return record(.runtimeError, "ValueError: the truth value of an array with more than one element is ambiguous")
                } catch {
                    return record(.runtimeError, "harness protocol violated: \(error)")
                }
            case "passed":
                return record(.accepted, "")
            case "error":
                let etype = o["etype"]?.stringValue ?? "Error"
                let msg = o["msg"]?.stringValue ?? ""
                let phase = o["phase"]?.stringValue ?? "run"
                var verdict: CodeVerdict = etype == "MemoryError" ? .memoryLimit : .runtimeError
                if phase == "compile" && ["SyntaxError", "IndentationError", "TabError"].contains(etype) {
                    verdict = .compileError
                }
                // A HumanEval check failing its assertion means the candidate returned a wrong result.
                if isProgram && etype == "AssertionError" { verdict = .wrongAnswer }
                return record(verdict, "\(etype): \(msg)")
            case "output_limit":
                return record(.outputLimit, "output exceeds \(profile.outputLimitKB) KiB")
            case "bad_input":
                failure = (.sandboxError, "test input is not JSON: \(o["msg"]?.stringValue ?? "")")
                return false
            default:
                return true
            }
        }
        switch outcome {
        case .failure(let error):
            return CodeGrade(verdict: .sandboxError, tests: results, testsTotal: total, wallMilliseconds: 0,
                             detail: error.description)
        case .success(let out):
            for k in results.indices where k < out.testWall.count { results[k].wallMilliseconds = out.testWall[k] }
            let ended = out.events.contains { $0.objectValue?["ev"]?.stringValue == "end" }
            var verdict: CodeVerdict
            var detail: String
            if out.isolationFailed, let why = out.sandboxFailure {
                (verdict, detail) = (.sandboxError, why)
            } else if let failure {
                (verdict, detail) = failure
            } else if out.oomKilled {
                (verdict, detail) = (.memoryLimit, "killed by the memory cgroup (\(profile.memoryMB) MiB)")
            } else if let why = out.sandboxFailure, out.ending == .finished, results.count < total {
                (verdict, detail) = (.sandboxError, why)
            } else {
                switch out.ending {
                case .killedTimeLimit(let test):
                    (verdict, detail) = (.timeLimit, test >= 0 ? "test \(test + 1) exceeded \(timeout) s" : "startup exceeded the time limit")
                case .killedCPULimit: (verdict, detail) = (.timeLimit, "CPU limit exceeded")
                case .killedOutputLimit: (verdict, detail) = (.outputLimit, "output exceeds \(profile.outputLimitKB) KiB")
                case .killedByCaller, .finished:
                    if let p = out.protocolError {
                        (verdict, detail) = (.runtimeError, p)
                    } else if results.count == total && ended {
                        (verdict, detail) = (.accepted, "")
                    } else if results.count == total {
                        (verdict, detail) = (.accepted, "")
                    } else if out.termSignal == 24 || out.exitStatus == 128 + 24 {
                        (verdict, detail) = (.timeLimit, "CPU limit (RLIMIT_CPU) exceeded")
                    } else if out.exitStatus == 128 + 25 {
                        (verdict, detail) = (.outputLimit, "file size limit exceeded")
                    } else {
                        let why = out.exitStatus == 0 ? "the program ended the harness (os._exit or a killed harness)"
                            : "the program exited abnormally (status \(out.exitStatus))"
                        // A program ending the process before reporting output produced empty output.
                        if out.exitStatus == 0, let next = nextStdinTest(results), job.funcName == nil, !isProgram {
                            if let reason = StdoutComparison.mismatch(output: "", expected: job.tests[next].output) {
                                results.append(CodeTestResult(index: next, verdict: .wrongAnswer, wallMilliseconds: 0, detail: reason))
                                (verdict, detail) = (.wrongAnswer, reason + " (\(why))")
                            } else {
                                (verdict, detail) = (.runtimeError, why)
                            }
                        } else {
                            (verdict, detail) = (.runtimeError, why + (out.stderrTail.isEmpty ? "" : ": " + String(out.stderrTail.suffix(300))))
                        }
                    }
                }
                if verdict == .timeLimit, let t = currentIndex(out), !results.contains(where: { $0.index == t }) {
                    let wall = out.testWall.count > results.count ? out.testWall[results.count] : 0
                    results.append(CodeTestResult(index: t, verdict: .timeLimit, wallMilliseconds: wall, detail: detail))
                }
            }
            return CodeGrade(verdict: verdict, tests: results, testsTotal: total, wallMilliseconds: out.wallMilliseconds,
                             detail: detail)
        }
    }

    private func nextStdinTest(_ results: [CodeTestResult]) -> Int? {
        let n = results.count
        return n < job.tests.count ? n : nil
    }

    private func currentIndex(_ out: SandboxOutcome) -> Int? {
        if case .killedTimeLimit(let t) = out.ending, t >= 0 { return t }
        return nil
    }
}
