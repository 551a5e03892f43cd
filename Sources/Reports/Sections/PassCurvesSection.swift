// pass@k as a function of k, one chart per benchmark, one line per method.
import Rewards

extension ReportPage {
    func passCurvesSection() -> String {
        var out = ""
        for benchmark in benchmarks {
            let rows = summaries(benchmark).filter { $0.passCurve.count >= 1 }
            guard !rows.isEmpty else { continue }
            let chart = LineChart(
                title: "pass@k on \(benchmark)", xLabel: "k (samples drawn, log scale)", yLabel: "pass@k (%)",
                series: rows.map { LineSeries(label: $0.run, color: color(of: $0.run), dash: dash(of: $0.run),
                                              points: $0.passCurve.map { (x: Double($0.k), y: $0.value) }) },
                log2X: true, yDomain: (0, 1), percentY: true)
            out += figure(chart.svg(), caption: "Unbiased pass@k estimated from each problem's n samples "
                          + "(k ≤ n), averaged over the \(rows.map { $0.problems }.max() ?? 0) problems of \(benchmark).")
        }
        return out.isEmpty ? note("No samples to draw pass@k from.") : "<div class=\"charts\">\(out)</div>"
    }
}
