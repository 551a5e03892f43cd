// `flowrl demo`: the main job on the bundled samples (datasets/samples): ingest every sample archive into a fresh
// store and summarise what landed. Later stages (grading, training, the report) extend it as they land.
import ArgumentParser
import FlowRLCore
import Foundation
import Ingest
import MathGrader
import Store

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run the main job on the bundled sample data.")

    @Option(help: "Folder with the sample archives (default: datasets/samples of this checkout).")
    var samples: String?

    @Option(help: "Where the demo writes its store and outputs.")
    var out = "reports/out/demo"

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func run() throws {
        let folder = try samples ?? Self.locateSamples()
        let fm = FileManager.default
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        let storePath = out + "/flowrl.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: storePath + suffix) }
        let store = try Store(path: storePath)

        let archives = try fm.contentsOfDirectory(atPath: folder)
            .filter { !$0.hasPrefix(".") && $0 != "src" && $0 != "responses" && !$0.hasSuffix(".md") }
            .sorted()
        guard !archives.isEmpty else { throw WorkFailure(message: "\(folder): no sample archives found") }
        Console.error("== 1. ingest: \(archives.count) sample files from \(folder) into \(storePath)")
        for name in archives {
            let report = try IngestCommand.ingest(file: folder + "/" + name, into: store, options: IngestOptions(),
                                                  quiet: quiet)
            report.print(json: false)
        }
        Console.out("benchmark      kind  problems")
        for (benchmark, kind, n) in try store.problemCounts() {
            Console.out(benchmark.padding(toLength: 15, withPad: " ", startingAt: 0)
                        + kind.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0) + String(n))
        }
        let code = try store.problemSummaries().filter { $0.kind == .code }
        let tests = code.reduce(0) { $0 + $1.testCount }
        Console.out("\(code.count) code problems carry \(tests) tests (LiveCodeBench private tests decoded from base64/zlib/pickle)")
        try gradeSampleResponses(folder + "/responses/math_responses.jsonl", store: store)
        Console.error("store: \(storePath)  (try: flowrl problems --store \(storePath))")
        try writeReport(store: store, out: out)
    }

    /// Step 2: grade the bundled model-style responses to the sample math problems against their stored golds.
    private func gradeSampleResponses(_ path: String, store: Store) throws {
        Console.error("== 2. grade math: sample responses in \(path)")
        let grader = MathGrader(mode: .eval)
        var correct = 0, total = 0
        let text = try String(contentsOfFile: path, encoding: .utf8)
        Console.out("\nproblem                         gold              extracted         verdict")
        for (i, line) in text.split(separator: "\n").enumerated() {
            guard case .object(let row)? = try? JSONParser.parse(String(line)),
                  let id = row["problem_id"]?.stringValue, let response = row["response"]?.stringValue else {
                throw WorkFailure(message: "\(path):\(i + 1): expected {\"problem_id\", \"response\"}")
            }
            guard let gold = try store.problem(id: id)?.reference else {
                throw WorkFailure(message: "\(path):\(i + 1): no stored problem \(id) with a reference answer")
            }
            let grade = grader.grade(response: response, reference: gold)
            total += 1
            if grade.isCorrect { correct += 1 }
            Console.out(Self.column(id, 32) + Self.column(gold, 18) + Self.column(grade.extracted ?? "-", 18)
                        + grade.verdict.rawValue)
        }
        Console.out("\(correct)/\(total) responses correct (\(MathGrader.version))")
    }

    private static func column(_ text: String, _ width: Int) -> String {
        let t = text.count >= width ? String(text.prefix(width - 2)) + "…" : text
        return t.padding(toLength: width, withPad: " ", startingAt: 0)
    }

    /// datasets/samples of the checkout: from the working directory, or up from the executable (.build/…/flowrl).
    static func locateSamples() throws -> String {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["FLOWRL_SAMPLES"] { return env }
        var candidates = [fm.currentDirectoryPath + "/datasets/samples"]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.path + "/datasets/samples")
            dir.deleteLastPathComponent()
        }
        guard let found = candidates.first(where: { fm.fileExists(atPath: $0) }) else {
            throw WorkFailure(message: "cannot find datasets/samples (run from the checkout, or pass --samples DIR)")
        }
        return found
    }
}
