// `flowrl demo`: the main job on the bundled samples (datasets/samples): ingest every sample archive into a fresh
// store and summarise what landed, then grade the bundled responses into runs. Later stages (training, the
// report) extend it as they land.
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
        try gradeSampleRuns(folder + "/responses", store: store)
        Console.error("store: \(storePath)  (try: flowrl problems --store \(storePath))")
        try trainModesFlowRLVersusGRPO(store: store)
        try writeReport(store: store, out: out)
    }

    /// Step 2: grade the bundled responses (datasets/samples/responses/RUN.jsonl) into runs of the demo store: the
    /// hand-written spellings against their golds, the simulated runs over the synthetic MATH-style problems, and
    /// the code generations in the sandbox when this machine can sandbox.
    func gradeSampleRuns(_ folder: String, store: Store) throws {
        Console.error("== 2. grade: sample responses in \(folder) into runs of the store")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jsonl") }.sorted()
        Console.out("\nrun                 samples  graded  correct  undecided")
        for file in files {
            let name = String(file.dropLast(".jsonl".count))
            let spec = RunSpec(name: name, model: name.hasPrefix("sim-") ? "simulated (scripts/sample_runs.py)" : "hand-written",
                               method: "sample", command: "flowrl grade --run \(name) --responses \(folder)/\(file)")
            let summary: RunGrading.Summary
            do {
                summary = try GradeRunCommand.gradeRun(store: store, spec: spec, responses: folder + "/" + file,
                                                    options: RunGrading.Options(quiet: quiet))
            } catch let failure as WorkFailure where failure.message.contains("code grader setup error") {
                try store.deleteRun(named: name)
                Console.error("run \(name) skipped: \(failure.message)")
                continue
            }
            Console.out(Self.column(name, 20) + Self.column(String(summary.lines), 9) + Self.column(String(summary.graded), 8)
                        + Self.column(String(summary.correct), 9) + String(summary.undecided))
        }
        try showSpellings(store: store)
    }

    /// The hand-written spellings run, one line per response: what was extracted and the verdict.
    private func showSpellings(store: Store) throws {
        let samples = try store.gradedSamples(run: "math_responses")
        guard !samples.isEmpty else { return }
        Console.out("\nproblem                         sample gold              extracted         verdict")
        for s in samples {
            let gold = try store.problem(id: s.sample.problemID)?.reference ?? "-"
            let details = s.grade.flatMap { try? JSONParser.parse($0.detailsJSON).objectValue }
            Console.out(Self.column(s.sample.problemID, 32) + Self.column(String(s.sample.index), 7) + Self.column(gold, 18)
                        + Self.column(details?["extracted"]?.stringValue ?? "-", 18) + (s.grade?.verdict ?? "ungraded"))
        }
        let correct = samples.filter { $0.grade?.correct == true }.count
        Console.out("\(correct)/\(samples.count) hand-written responses correct (\(MathGrader.version))")
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
