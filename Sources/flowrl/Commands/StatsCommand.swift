// `flowrl stats`: Avg@k, pass@k, maj@k with intervals, reward and diversity summaries per run and benchmark.
import ArgumentParser
import FlowRLCore
import Reports
import Rewards
import Store

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Statistics of graded runs: Avg@k, pass@k, maj@k (95% bootstrap intervals), rewards, diversity.",
        discussion: """
            With --json: one object per run and benchmark with run, benchmark, problems, samples_per_problem,
            avg_at_k, pass_at_k, maj_at_k (keyed by k: value, ci_low, ci_high), rewards, diversity, audit, slices
            and, against --baseline, comparison. --per-problem adds one object per run and problem.
            """)

    @OptionGroup var selection: RunSelectionOptions

    @Flag(help: "Machine-readable output: one JSON object per line.")
    var json = false

    @Flag(name: .customLong("per-problem"), help: "Also print each problem's statistics (JSON objects).")
    var perProblem = false

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let runs = try selection.load(store, allWhenEmpty: false)
        let analyses = Report.analyze(runs, options: selection.analysisOptions, cache: store)
        let baseline = analyses.first { $0.run == (selection.baseline ?? analyses.first?.run) }
        if json {
            for analysis in analyses {
                for summary in analysis.benchmarks {
                    let comparison = baseline.flatMap { base -> (String, PairedComparison)? in
                        guard base.run != analysis.run,
                              let c = analysis.compare(with: base, benchmark: summary.benchmark) else { return nil }
                        return (base.run, c)
                    }
                    let slices = analysis.slices.filter { $0.benchmark == summary.benchmark }
                    Console.out(StatisticsJSON.summary(summary, comparison: comparison, slices: slices).jsonText)
                }
                if perProblem {
                    for p in analysis.problems { Console.out(StatisticsJSON.problem(run: analysis.run, p).jsonText) }
                }
            }
            return
        }
        printTable(analyses, baseline: baseline)
    }

    private func printTable(_ analyses: [RunAnalysis], baseline: RunAnalysis?) {
        let ks = Array(Set(analyses.flatMap { $0.benchmarks.flatMap(\.ks) })).sorted()
        var header = ["run", "benchmark", "problems", "n", "Avg@n [95% CI]"]
        header += ks.map { "pass@\($0)" }
        header += ["maj@n", "all✓/all✗", "self-BLEU", "strategy", "Δ Avg vs base (p)"]
        var rows: [[String]] = []
        for analysis in analyses {
            for s in analysis.benchmarks {
                var row = [s.run, s.benchmark, String(s.problems), String(s.samplesPerProblem), Self.interval(s.accuracy)]
                row += ks.map { k in s.passAtK[k].map(Self.interval) ?? "–" }
                row.append(s.majority.map { Self.pct($0.value) } ?? "–")
                row.append(Self.pct(s.rewards.allCorrectShare) + "/" + Self.pct(s.rewards.allWrongShare))
                row.append(s.diversity?.selfBLEU.map { Self.fixed($0, 3) } ?? "–")
                row.append(s.diversity?.strategyScore.map { Self.fixed($0, 2) } ?? "–")
                if let baseline, baseline.run != analysis.run,
                   let c = analysis.compare(with: baseline, benchmark: s.benchmark) {
                    let sign = c.difference.value > 0 ? "+" : ""
                    row.append("\(sign)\(Self.pct(c.difference.value)) (p \(c.pValue < 0.001 ? "<0.001" : Self.fixed(c.pValue, 3)))")
                } else {
                    row.append(baseline?.run == analysis.run ? "baseline" : "–")
                }
                rows.append(row)
            }
        }
        let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.count)
                return i < 2 ? c + pad : pad + c
            }.joined(separator: "  ")
        }
        Console.out(line(header))
        Console.out(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for row in rows { Console.out(line(row)) }
        Console.error("values in %; intervals: percentile bootstrap over problems (\(Bootstrap().resamples) resamples, "
                      + "fixed seed); p: paired sign-flip permutation test on per-problem accuracy")
    }

    static func pct(_ v: Double) -> String { fixed(v * 100, 1) }

    static func interval(_ e: Estimate) -> String { "\(pct(e.value)) [\(pct(e.low)), \(pct(e.high))]" }

    static func fixed(_ v: Double, _ decimals: Int) -> String {
        guard v.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (v * scale).rounded() / scale
        var text = "\(r)"
        if let dot = text.firstIndex(of: ".") {
            let have = text.distance(from: dot, to: text.endIndex) - 1
            if have < decimals { text += String(repeating: "0", count: decimals - have) }
        } else if decimals > 0 {
            text += "." + String(repeating: "0", count: decimals)
        }
        return text
    }
}
