// `flowrl grade code`: grades code generations against the tests of LiveCodeBench or HumanEval rows, each
// generation in its own bubblewrap sandbox, results in input order.
import ArgumentParser
import CodeRunner
import FlowRLCore
import Foundation
import Ingest

struct GradeCodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Grade code generations: responses {\"question_id\" or \"task_id\", \"response\" or \"code\", \"sample\"?}.",
        discussion: """
            Output lines, in input order: {"question_id", "sample", "verdict", "passed", "tests_passed", \
            "tests_total", "wall_ms", "detail"}. A summary with pass@1 (the mean over problems of the share of \
            accepted samples) goes to stderr.
            """)

    @Option(help: "Problems: raw LiveCodeBench or HumanEval rows (JSONL/JSON, plain or archived).")
    var problems: String

    @Option(help: "Generations JSONL ('-' for stdin).")
    var responses: String

    @Option(help: "Output JSONL file ('-' for stdout, the default).")
    var output = "-"

    @Option(help: "Concurrent sandboxes (default: all cores).")
    var workers: Int?

    @Option(help: "lcb (the official execution model, the default) or native (a real stdin/stdout).")
    var semantics: CodeSemantics = .lcb

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }

    func run() throws {
        let known = try loadProblems()
        let runner: CodeRunner
        do { runner = try CodeRunner(workers: workers) } catch { throw WorkFailure(message: "\(error)") }
        let source: FileByteSource
        do { source = try FileByteSource(path: responses == "-" ? "/dev/stdin" : responses) } catch {
            throw WorkFailure(message: "\(error)")
        }
        defer { source.close() }
        let file = responses == "-" ? "<stdin>" : responses
        var reader = RecordReader(source: source, location: InputLocation(file: file), layout: .jsonLines,
                                  maxRecordBytes: 1 << 30)
        let out = try OutputFile(output)
        defer { out.close() }
        let progress = Progress(label: "grade code", quiet: quiet)
        let started = Date()
        var tally = VerdictTally()
        var numbering = SampleNumbering()
        var batch: [(id: String, sample: Int, job: CodeJob)] = []
        var finished = false
        while !finished {
            let record: Record?
            do { record = try reader.next() } catch { throw WorkFailure(message: "\(error)") }
            if let record {
                let location = "\(file):\(record.line)"
                let line = try ResponseLine.parse(record.bytes, idKeys: ["question_id", "task_id"], location: location)
                guard let problem = known[line.id.replacingOccurrences(of: "/", with: "-")] else {
                    throw WorkFailure(message: "\(location): no problem \(line.id) in \(problems)")
                }
                let sample = numbering.index(for: line.id, explicit: line.sample)
                do {
                    batch.append((line.id, sample, try CodeJob(problem: problem, response: line.response, code: line.code,
                                                               semantics: semantics)))
                } catch { throw WorkFailure(message: "\(location): \(error)") }
            } else {
                finished = true
            }
            guard batch.count >= 4 * runner.workers || (finished && !batch.isEmpty) else { continue }
            let grades = runner.gradeAll(batch.map(\.job))
            var text: [UInt8] = []
            for (item, grade) in zip(batch, grades) {
                tally.add(problem: item.id, grade)
                let row: JSONObject = [
                    "question_id": .string(item.id), "sample": .number(String(item.sample)),
                    "verdict": .string(grade.verdict.rawValue), "passed": .bool(grade.passed),
                    "tests_passed": .number(String(grade.testsPassed)), "tests_total": .number(String(grade.testsTotal)),
                    "wall_ms": .number(String(format: "%.1f", grade.wallMilliseconds)), "detail": .string(grade.detail)]
                JSONValue.object(row).write(to: &text)
                text.append(0x0A)
            }
            try out.write(text)
            progress.advance(items: batch.count)
            batch.removeAll(keepingCapacity: true)
        }
        progress.finish()
        let seconds = max(Date().timeIntervalSince(started), 1e-9)
        Console.error(tally.summary + String(format: ", %.1f generations/s", Double(tally.total) / seconds))
    }

    /// The problems of `--problems` keyed by their source id (question_id, or task_id with '/' as '-').
    private func loadProblems() throws -> [String: Problem] {
        var known: [String: Problem] = [:]
        do {
            _ = try ProblemReader.read(path: problems, options: IngestOptions()) { problem, _ in
                guard problem.kind == .code, let slash = problem.id.firstIndex(of: "/") else { return }
                known[String(problem.id[problem.id.index(after: slash)...])] = problem
            }
        } catch { throw WorkFailure(message: "\(error)") }
        guard !known.isEmpty else { throw WorkFailure(message: "\(problems): no code problems found") }
        return known
    }
}

/// Verdict counts and per-problem acceptance, for the summary line.
struct VerdictTally {
    private(set) var total = 0
    private var verdicts: [CodeVerdict: Int] = [:]
    private var perProblem: [String: (accepted: Int, total: Int)] = [:]

    mutating func add(problem: String, _ grade: CodeGrade) {
        total += 1
        verdicts[grade.verdict, default: 0] += 1
        var p = perProblem[problem, default: (0, 0)]
        p.total += 1
        if grade.passed { p.accepted += 1 }
        perProblem[problem] = p
    }

    /// pass@1 = the mean over problems of accepted / samples.
    var passAt1: Double {
        perProblem.isEmpty ? 0 : perProblem.values.reduce(0) { $0 + Double($1.accepted) / Double($1.total) }
            / Double(perProblem.count)
    }

    var summary: String {
        let mix = CodeVerdict.allCases.compactMap { v in verdicts[v].map { "\(v.rawValue) \($0)" } }.joined(separator: ", ")
        return "graded \(total) generations of \(perProblem.count) problems: pass@1 "
            + String(format: "%.1f%%", passAt1 * 100) + (mix.isEmpty ? "" : " (\(mix))")
    }
}
