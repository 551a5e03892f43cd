// `flowrl grade`: with a subcommand, grades files (math answers, code generations); with `--run`, grades responses
// to ingested problems into a run of the store, resumably.
import ArgumentParser
import CodeRunner
import FlowRLCore
import MathGrader
import Store

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade model outputs.",
        discussion: """
            flowrl grade --run NAME --responses R.jsonl (the default subcommand, `run`) grades responses to \
            ingested problems into run NAME of the store; `math` and `code` grade files.
            """,
        subcommands: [GradeRunCommand.self, GradeMathCommand.self, GradeCodeCommand.self],
        defaultSubcommand: GradeRunCommand.self)
}

/// `flowrl grade --run NAME --responses R.jsonl`.
struct GradeRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Grade responses to ingested problems into a run of the store (resumable).",
        discussion: """
            flowrl grade --run NAME --responses R.jsonl grades responses to problems already in the store (math by \
            MathGrader, code in the sandbox) and stores them as the samples and grades of run NAME. R lines are \
            {"problem_id", "response" (or "code"), "sample"?: int}; without "sample" a problem's lines are numbered \
            in file order. Rerunning after a crash or Ctrl-C skips what is stored.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("run"), help: "The run to grade into (created when new).")
    var runName: String

    @Option(help: "Responses JSONL ('-' for stdin).")
    var responses: String

    @Option(help: "The model that produced the responses (recorded with a new run).")
    var model: String?

    @Option(help: "The method (e.g. flowrl, grpo) that trained the model (recorded with a new run).")
    var method: String?

    @Option(help: "Math grading: eval (lenient) or reward (strict).")
    var mode: MathGradingMode = .eval

    @Option(help: "Code grading: lcb (the official execution model) or native.")
    var semantics: CodeSemantics = .lcb

    @Option(help: "Worker threads and sandboxes (default: all cores).")
    var workers: Int?

    @Flag(help: "Print the summary as one JSON object on stdout.")
    var json = false

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }

    func run() throws {
        let run = runName
        let store = try storeOptions.open()
        let summary = try Self.gradeRun(store: store, spec: RunSpec(name: run, model: model, method: method,
                                                                     command: CommandLine.arguments.joined(separator: " ")),
                                        responses: responses,
                                        options: RunGrading.Options(mathMode: mode, semantics: semantics,
                                                                    workers: workers, quiet: quiet))
        if json {
            var o = summary.json
            o.set("run", .string(run))
            Console.out(JSONValue.object(o).jsonText)
        }
    }

    /// Grades `responses` into the run `spec.name` and prints a summary line on stderr.
    static func gradeRun(store: Store, spec: RunSpec, responses: String, options: RunGrading.Options) throws
        -> RunGrading.Summary {
        let info: RunInfo
        do { info = try store.openRun(spec) } catch { throw WorkFailure(message: "\(error)") }
        let summary = try RunGrading(store: store, run: info, options: options).grade(responses: responses)
        let rate = summary.seconds > 0 ? Int(Double(summary.graded) / summary.seconds) : 0
        Console.error("run \(spec.name): graded \(summary.graded) (\(summary.correct) correct, \(summary.undecided) undecided), "
                      + "\(summary.skipped) already graded, \(rate)/s")
        return summary
    }
}

extension CodeSemantics: ExpressibleByArgument {}
