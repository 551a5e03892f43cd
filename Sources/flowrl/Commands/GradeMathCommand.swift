// `flowrl grade math`: grades math answers from a JSONL file (or stdin), in input order, on all cores.
import ArgumentParser
import Dispatch
import FlowRLCore
import Ingest
import MathGrader
#if canImport(Glibc)
import Glibc
#endif

struct GradeMathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "math",
        abstract: "Grade math answers: input lines {\"id\", \"gold\", \"response\"}; output lines in input order.")

    @Option(help: "Input JSONL file ('-' for stdin).")
    var input: String

    @Option(help: "Output JSONL file ('-' for stdout, the default).")
    var output = "-"

    @Option(help: "eval (lenient, for benchmark scores) or reward (strict: only the final box or answer line).")
    var mode: MathGradingMode = .eval

    @Option(help: "Worker threads (default: all cores).")
    var workers: Int?

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }

    func run() throws {
        let grader = MathGrader(mode: mode, normalizesAnswers: false)   // the output lines carry verdicts only
        let source: FileByteSource
        do { source = try FileByteSource(path: input == "-" ? "/dev/stdin" : input) } catch {
            throw WorkFailure(message: "\(error)")
        }
        defer { source.close() }
        let out = try OutputFile(output)
        var reader = RecordReader(source: source, location: InputLocation(file: input == "-" ? "<stdin>" : input),
                                  layout: .jsonLines, maxRecordBytes: 1 << 30)
        let progress = Progress(label: "grade math", quiet: quiet)
        let started = Clock.now()
        var total = 0, correct = 0, undecided = 0
        var batch: [(id: JSONValue, gold: String, response: String)] = []
        var done = false
        while !done {
            batch.removeAll(keepingCapacity: true)
            while batch.count < 4096 {
                guard let record = try readRecord(&reader) else {
                    done = true
                    break
                }
                batch.append(try Self.parseCase(record, file: input == "-" ? "<stdin>" : input))
            }
            if batch.isEmpty { break }
            let grades = Self.gradeAll(batch, grader: grader, workers: workers)
            var text: [UInt8] = []
            for (c, g) in zip(batch, grades) {
                total += 1
                if g.isCorrect { correct += 1 }
                if g.verdict == .undecided { undecided += 1 }
                let line: JSONObject = ["id": c.id, "correct": .bool(g.isCorrect), "undecided": .bool(g.verdict == .undecided),
                                        "extracted": g.extracted.map { .string($0) } ?? .null,
                                        "reason": .string(g.reason ?? g.verdict.rawValue)]
                JSONValue.object(line).write(to: &text)
                text.append(0x0A)
            }
            try out.write(text)
            progress.advance(items: batch.count)
        }
        progress.finish()
        out.close()
        let seconds = max(Clock.now() - started, 1e-9)
        let accuracy = total == 0 ? 0 : Double(correct) / Double(total)
        Console.error("graded \(total): \(correct) correct (\(String(format3(accuracy * 100)))%), \(undecided) undecided, "
                      + "\(Int(Double(total) / seconds)) answers/s")
    }

    private func readRecord(_ reader: inout RecordReader) throws -> Record? {
        do { return try reader.next() } catch { throw WorkFailure(message: "\(error)") }
    }

    private func format3(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    static func parseCase(_ record: Record, file: String) throws -> (id: JSONValue, gold: String, response: String) {
        let location = "\(file):\(record.line)"
        let value: JSONValue
        do { value = try JSONParser.parse(record.bytes) } catch {
            throw WorkFailure(message: "\(location): invalid JSON: \(error)")
        }
        guard case .object(let o) = value else { throw WorkFailure(message: "\(location): expected a JSON object") }
        let gold: String
        switch o["gold"] {
        case .string(let s)?: gold = s
        case .number(let n)?: gold = n
        default: throw WorkFailure(message: "\(location): \"gold\" must be a string or a number")
        }
        guard let response = o["response"]?.stringValue else {
            throw WorkFailure(message: "\(location): \"response\" must be a string")
        }
        return (o["id"] ?? .null, gold, response)
    }

    static func gradeAll(_ cases: [(id: JSONValue, gold: String, response: String)], grader: MathGrader,
                         workers: Int?) -> [MathGrade] {
        ConcurrentMap.run(cases.count, workers: workers) { grader.grade(response: cases[$0].response, reference: cases[$0].gold) }
    }
}

extension MathGradingMode: ExpressibleByArgument {}
