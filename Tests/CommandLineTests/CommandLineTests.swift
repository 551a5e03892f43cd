// Runs the real `flowrl` binary: the command-line contract (exit codes, stdout vs stderr, --json) and crash safety.
import Foundation
import Testing
import TestSupport

/// The flowrl binary built beside this test bundle.
func flowrlBinary() throws -> String {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("flowrl").path
    let candidates = [besideTests] + ["release", "debug"].map { SharedData.packageRoot.appendingPathComponent(".build/\($0)/flowrl").path }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw HelperError("flowrl binary not found (looked in \(candidates))")
    }
    return found
}

@Suite struct CommandLineTests {
    let dir: URL
    let store: String

    init() throws {
        dir = try makeTemporaryDirectory("flowrl-cli")
        store = dir.appendingPathComponent("cli.sqlite").path
    }

    func flowrl(_ args: String...) throws -> ProcessResult {
        try runProcess(try flowrlBinary(), args)
    }

    @Test func usageErrorsExitTwo() throws {
        let r = try flowrl("ingest", "--benchmark", "nope", "x.jsonl", "--store", store)
        #expect(r.status == 2)
        #expect(r.stderr.contains("unknown benchmark"))
        #expect(try flowrl("no-such-command").status == 2)
    }

    @Test func badInputExitsOneNamingFileAndLineAndWritesNothing() throws {
        let file = try writeFile(dir, "bad.jsonl", """
            {"problem": "P", "answer": "1", "unique_id": "test/a/1.json"}
            {"problem": "P2", "unique_id": "test/a/2.json"}

            """)
        let r = try flowrl("ingest", file, "--store", store)
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(file):2: missing field \"answer\""))
        #expect(r.stderr.contains("nothing from it was written"))
        let list = try flowrl("problems", "--json", "--store", store)
        #expect(list.status == 0)
        #expect(list.stdout.isEmpty)
    }

    @Test func checkValidatesLikeIngestWithoutTouchingTheStore() throws {
        let good = try writeFile(dir, "good.jsonl", """
            {"problem": "P", "answer": "1", "unique_id": "test/a/1.json"}
            {"problem": "P2", "answer": "2", "unique_id": "test/a/2.json"}

            """)
        let bad = try writeFile(dir, "bad-check.jsonl", """
            {"problem": "P", "answer": "1", "unique_id": "test/a/1.json"}
            {"problem": "P2", "unique_id": "test/a/2.json"}

            """)
        let checked = try flowrl("ingest", "--check", good, "--store", store, "--json", "--quiet")
        #expect(checked.status == 0)
        #expect(checked.stdout.contains(#""written":false"#) && checked.stdout.contains(#""problems":2"#))
        #expect(!checked.stdout.contains("inserted"))
        let rejected = try flowrl("ingest", "--check", bad, "--store", store, "--quiet")
        #expect(rejected.status == 1)
        #expect(rejected.stderr.contains("\(bad):2: missing field \"answer\""))
        // No store was created or written.
        #expect(!FileManager.default.fileExists(atPath: store))
        #expect(try flowrl("ingest", good, "--store", store, "--json", "--quiet").stdout.contains(#""inserted":2"#))
    }

    @Test func ingestThenListAndShowAsJSON() throws {
        let file = try writeFile(dir, "he.jsonl", """
            {"task_id": "HumanEval/1", "prompt": "def f():\\n", "entry_point": "f", "canonical_solution": "    return 1\\n", "test": "def check(c):\\n    assert c() == 1\\n"}
            {"problem": "Q", "answer": "3", "unique_id": "test/algebra/3.json", "subject": "Algebra", "level": 1}

            """)
        // Two benchmarks in one file: the second row is not HumanEval-shaped, so the file is rejected…
        #expect(try flowrl("ingest", file, "--store", store, "--quiet").status == 1)
        let he = try writeFile(dir, "he2.jsonl", """
            {"task_id": "HumanEval/1", "prompt": "def f():\\n", "entry_point": "f", "canonical_solution": "    return 1\\n", "test": "def check(c):\\n    assert c() == 1\\n"}

            """)
        let ingest = try flowrl("ingest", he, "--store", store, "--json", "--quiet")
        #expect(ingest.status == 0)
        #expect(ingest.stdout.contains(#""inserted":1"#))
        let list = try flowrl("problems", "--json", "--store", store)
        #expect(list.stdout == #"{"id":"humaneval/HumanEval-1","benchmark":"humaneval","kind":"code","tests":1}"# + "\n")
        let show = try flowrl("show", "humaneval/HumanEval-1", "--json", "--store", store)
        #expect(show.status == 0)
        #expect(show.stdout.contains(#""testtype":"program""#))
        #expect(try flowrl("show", "humaneval/none", "--store", store).status == 1)
    }

    @Test func interruptingAnIngestLeavesTheStoreAsBefore() throws {
        let small = try writeFile(dir, "small.jsonl", #"{"problem": "P", "answer": "1", "unique_id": "test/keep/1.json"}"# + "\n")
        #expect(try flowrl("ingest", small, "--store", store, "--quiet").status == 0)
        // Feed the ingest through a FIFO: it reads and writes rows inside its transaction, then waits for more
        // input, and is interrupted there, as Ctrl-C would, before the file is complete.
        let fifo = dir.appendingPathComponent("rows.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try flowrlBinary())
        process.arguments = ["ingest", fifo, "--store", store, "--quiet"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let writer = try #require(FileHandle(forWritingAtPath: fifo))
        var rows = ""
        for i in 0..<20000 {
            rows += #"{"problem": "Problem \#(i)", "answer": "\#(i)", "unique_id": "test/big/\#(i).json"}"# + "\n"
        }
        writer.write(Data(rows.utf8))
        usleep(500_000)
        kill(process.processIdentifier, SIGINT)
        // A child can inherit an ignored SIGINT from the test runner; then it is killed outright, as in a crash.
        var waited = 0
        while process.isRunning && waited < 300 {
            usleep(10_000)
            waited += 1
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? writer.close()
        #expect(process.terminationReason == .uncaughtSignal)
        let list = try flowrl("problems", "--json", "--store", store)
        #expect(list.status == 0)
        #expect(list.stdout == #"{"id":"math500/test/keep/1","benchmark":"math500","kind":"math","reference":"1"}"# + "\n")
    }

    @Test func gradeMathKeepsInputOrderAndNamesBadLines() throws {
        let cases = try writeFile(dir, "cases.jsonl", """
            {"id": 1, "gold": "\\\\frac{1}{2}", "response": "so the answer is \\\\boxed{0.5}"}
            {"id": "b", "gold": 27.0, "response": "The answer is $27$."}
            {"id": 3, "gold": "025", "response": "\\\\boxed{24}"}

            """)
        let r = try flowrl("grade", "math", "--input", cases)
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix(#"{"id":1,"correct":true,"undecided":false,"extracted":"0.5""#))
        #expect(lines[1].hasPrefix(#"{"id":"b","correct":true"#))
        #expect(lines[2].hasPrefix(#"{"id":3,"correct":false"#))
        #expect(r.stderr.contains("graded 3: 2 correct"))
        let bad = try writeFile(dir, "bad.jsonl", #"{"id": 1, "gold": "1", "response": "1"}"# + "\n" + #"{"id": 2, "response": "x"}"# + "\n")
        let failed = try flowrl("grade", "math", "--input", bad)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("\(bad):2: \"gold\" must be a string or a number"))
        #expect(try flowrl("grade", "math", "--input", bad, "--mode", "lenient").status == 2)
    }

    @Test func ingestsFromAPipe() throws {
        let file = try writeFile(dir, "m.jsonl", #"{"problem": "P", "answer": "1", "unique_id": "test/pipe/1.json"}"# + "\n")
        let r = try runProcess("/bin/bash", ["-c", "'\(try flowrlBinary())' ingest <(cat '\(file)') --store '\(store)' --json --quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""inserted":1"#))
    }
}
