// Summary tables: per benchmark, one row per method with Avg@k, pass@k and maj@k (95% intervals), the best value
// of each column marked, and the paired test against the baseline.
import Rewards

extension ReportPage {
    func summarySection() -> String {
        guard !benchmarks.isEmpty else { return note("No graded samples in the selected runs.") }
        var out = note("Values are percentages over problems; the small line under each is the 95% bootstrap "
                       + "interval over problems. ▲ marks the best value of a column. Δ is the difference of Avg@k "
                       + "from the baseline in percentage points with its paired interval; p is the sign-flip "
                       + "permutation test (* p < 0.05).")
        let test = PairedTest()
        for benchmark in benchmarks {
            let rows = summaries(benchmark)
            let ks = Array(Set(rows.flatMap(\.ks))).sorted()
            let base = baseline.flatMap { analysis($0) }
            var comparisons: [String: PairedComparison] = [:]
            for row in rows {
                guard let base, row.run != base.run, let a = analysis(row.run),
                      let c = a.compare(with: base, benchmark: benchmark, test: test) else { continue }
                comparisons[row.run] = c
            }
            func best(_ metric: (GroupSummary) -> Double?) -> Double? { rows.compactMap(metric).max() }
            let bestAvg = best { $0.accuracy.value }
            var bestPass: [Int: Double] = [:]
            for k in ks { bestPass[k] = best { (row: GroupSummary) in row.passAtK[k]?.value } }
            let bestMaj = best { $0.majority?.value }
            out += "<table class=\"summary\" data-benchmark=\"\(Markup.escape(benchmark))\"><caption>"
                + Markup.escape(benchmark) + "</caption><thead><tr><th scope=\"col\">method</th>"
                + "<th scope=\"col\">problems</th><th scope=\"col\">samples / problem</th>"
                + "<th scope=\"col\">Avg@k (k = n)</th>"
            for k in ks { out += "<th scope=\"col\">pass@\(k)</th>" }
            out += "<th scope=\"col\">maj@k (k = n)</th><th scope=\"col\">Δ Avg vs baseline</th><th scope=\"col\">p</th>"
            out += "</tr></thead><tbody>"
            for row in rows {
                out += "<tr>" + runCell(row.run)
                out += "<td data-metric=\"problems\">\(row.problems)</td><td data-metric=\"n\">\(row.samplesPerProblem)</td>"
                out += cell(row.accuracy, run: row.run, benchmark: benchmark, metric: "avg", best: bestAvg)
                for k in ks {
                    out += cell(row.passAtK[k], run: row.run, benchmark: benchmark, metric: "pass@\(k)", best: bestPass[k])
                }
                out += cell(row.majority, run: row.run, benchmark: benchmark, metric: "maj",
                            best: bestMaj)
                if row.run == baseline {
                    out += "<td class=\"text\">baseline</td><td></td>"
                } else if let c = comparisons[row.run] {
                    let mark = c.pValue < 0.05 ? "<span class=\"sig\">*</span>" : ""
                    out += "<td data-metric=\"delta\" data-value=\"\(Markup.raw(c.difference.value))\">"
                        + signed(c.difference.value) + "<span class=\"ci\">[\(signed(c.difference.low)), "
                        + "\(signed(c.difference.high))] · \(c.problems) paired</span></td>"
                    out += "<td data-metric=\"p\" data-value=\"\(Markup.raw(c.pValue))\">\(Markup.escape(Markup.pValue(c.pValue)))\(mark)</td>"
                } else {
                    out += "<td class=\"text\">no shared problems</td><td></td>"
                }
                out += "</tr>"
            }
            out += "</tbody></table>"
        }
        return out
    }

    /// A percentage cell with its interval and machine-readable attributes.
    func cell(_ estimate: Estimate?, run: String, benchmark: String, metric: String, best: Double?) -> String {
        guard let estimate else { return "<td data-metric=\"\(Markup.escape(metric))\">–</td>" }
        let isBest = best.map { abs($0 - estimate.value) < 1e-12 } ?? false
        let klass = isBest ? " class=\"best\"" : ""
        return "<td\(klass) data-run=\"\(Markup.escape(run))\" data-benchmark=\"\(Markup.escape(benchmark))\""
            + " data-metric=\"\(Markup.escape(metric))\" data-value=\"\(Markup.raw(estimate.value))\"><span class=\"v\">\(Markup.percent(estimate.value))</span>"
            + "<span class=\"ci\">[\(Markup.percent(estimate.low)), \(Markup.percent(estimate.high))]</span></td>"
    }

    /// Percentage points with an explicit sign.
    func signed(_ share: Double) -> String {
        let text = Markup.percent(share)
        return share > 0 && text != "0.0" ? "+" + text : text
    }
}
