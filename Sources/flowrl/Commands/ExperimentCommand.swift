// `flowrl experiment`: every method × seed on one task with equal settings (so an equal sample budget), each run
// stored for the report, then a table of the final metrics (mean ± standard deviation over seeds).
import ArgumentParser
import FlowRL
import FlowRLCore
import Foundation
import Store

struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment", abstract: "Compare training methods over several seeds on one task.")

    @OptionGroup var training: TrainingOptions
    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Comma-separated methods.")
    var methods = "flowrl,grpo,ppo,reinforce++"

    @Option(help: "Seeds 0..<N.")
    var seeds = 3

    @Option(help: "Run-name prefix (runs are <prefix>-<method>-s<seed>).")
    var prefix: String?

    @Flag(help: "Print one JSON object (all runs and the summary) on stdout.")
    var json = false

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func parsedMethods() throws -> [TrainingMethod] {
        try methods.split(separator: ",").map {
            guard let m = TrainingMethod(rawValue: String($0)) else { throw ValidationError("--methods: unknown method \($0)") }
            return m
        }
    }

    func validate() throws {
        _ = try parsedMethods()
        if seeds < 1 { throw ValidationError("--seeds must be at least 1") }
    }

    func run() throws {
        let store = try storeOptions.open()
        let base = prefix ?? "exp-\(training.task)"
        var results: [JSONObject] = []
        for method in try parsedMethods() {
            for seed in 0..<seeds {
                let spec = try training.spec(method: method, seed: UInt64(seed), name: "\(base)-\(method.rawValue)-s\(seed)",
                                             store: storeOptions.path, offline: nil, quiet: quiet)
                let result = try TrainingJob.run(spec, store: store)
                if !quiet { Console.error(JSONValue.object(result).jsonText) }
                results.append(result)
            }
        }
        let summary = ExperimentSummary(results)
        if json {
            Console.out(JSONValue.object(["runs": .array(results.map { .object($0) }), "summary": summary.json]).jsonText)
        } else {
            Console.out(summary.table)
        }
    }
}

/// Mean ± standard deviation of each numeric final metric per method.
struct ExperimentSummary {
    static let keys = ["kl_to_target", "modes_covered", "accuracy", "pass_at_k", "distinct_correct",
                       "last_step_time_sampling_s", "last_step_time_grading_s", "last_step_time_forward_backward_s",
                       "last_step_time_optimizer_s"]
    var rows: [(method: String, stats: [(key: String, mean: Double, std: Double, n: Int)])] = []

    init(_ results: [JSONObject]) {
        var order: [String] = []
        var byMethod: [String: [JSONObject]] = [:]
        for r in results {
            guard case .string(let m)? = r["method"] else { continue }
            if byMethod[m] == nil { order.append(m) }
            byMethod[m, default: []].append(r)
        }
        for m in order {
            let runs = byMethod[m] ?? []
            var stats: [(String, Double, Double, Int)] = []
            for key in Self.keys {
                let values = runs.compactMap { r -> Double? in
                    if case .number(let text)? = r[key] { return Double(text) }
                    return nil
                }
                guard !values.isEmpty else { continue }
                let mean = values.reduce(0, +) / Double(values.count)
                let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1) : 0
                stats.append((key, mean, variance.squareRoot(), values.count))
            }
            rows.append((m, stats.map { (key: $0.0, mean: $0.1, std: $0.2, n: $0.3) }))
        }
    }

    var table: String {
        guard let first = rows.first else { return "no runs" }
        let keys = first.stats.map(\.key)
        var lines = ["method".padding(toLength: 22, withPad: " ", startingAt: 0)
                     + keys.map { $0.replacingOccurrences(of: "last_step_", with: "").padding(toLength: 24, withPad: " ", startingAt: 0) }.joined()]
        for row in rows {
            var line = row.method.padding(toLength: 22, withPad: " ", startingAt: 0)
            for key in keys {
                let cell = row.stats.first { $0.key == key }.map { String(format: "%.4f ± %.4f", $0.mean, $0.std) } ?? "-"
                line += cell.padding(toLength: 24, withPad: " ", startingAt: 0)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    var json: JSONValue {
        .object(JSONObject(rows.map { row in
            (key: row.method, value: .object(JSONObject(row.stats.map {
                (key: $0.key, value: .object(["mean": .finite($0.mean), "std": .finite($0.std), "n": .number(String($0.n))]))
            })))
        }))
    }
}
