// `flowrl problems`: list, filter and count the stored problems.
import ArgumentParser
import FlowRLCore
import Store

struct ProblemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problems", abstract: "List stored problems (with --json: one object per line).")

    @Option(help: "Only this benchmark (aime, math500, amc, livecodebench, humaneval).")
    var benchmark: String?

    @Flag(help: "One JSON object per line: id, benchmark, kind, tests, reference.")
    var json = false

    @Flag(help: "Print only the counts per benchmark.")
    var count = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        if count {
            for (benchmark, kind, n) in try store.problemCounts() where self.benchmark == nil || benchmark == self.benchmark {
                if json {
                    Console.out(JSONValue.object(["benchmark": .string(benchmark), "kind": .string(kind.rawValue),
                                                  "count": .number(String(n))]).jsonText)
                } else {
                    Console.out("\(benchmark)\t\(kind.rawValue)\t\(n)")
                }
            }
            return
        }
        let problems = try store.problemSummaries(benchmark: benchmark)
        for p in problems {
            if json {
                var object: JSONObject = ["id": .string(p.id), "benchmark": .string(p.benchmark),
                                          "kind": .string(p.kind.rawValue)]
                if p.kind == .code { object.set("tests", .number(String(p.testCount))) }
                if let reference = p.reference, p.kind == .math { object.set("reference", .string(reference)) }
                Console.out(JSONValue.object(object).jsonText)
            } else {
                let detail = p.kind == .code ? "\(p.testCount) tests" : "answer: \(p.reference ?? "-")"
                Console.out("\(p.id)\t\(detail)\t\(Self.oneLine(p.promptPreview, 70))")
            }
        }
        Console.error("\(problems.count) problems")
    }

    static func oneLine(_ text: String, _ width: Int) -> String {
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        return flat.count > width ? String(flat.prefix(width - 1)) + "…" : flat
    }
}
