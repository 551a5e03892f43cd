// The grader audit: ungraded and undecided samples, the verdict mix (code verdicts included), the graders used,
// per method and benchmark.

extension ReportPage {
    func auditSection() -> String {
        var out = "<table class=\"audit\"><thead><tr><th scope=\"col\">method</th><th scope=\"col\">benchmark</th>"
            + "<th scope=\"col\">samples</th><th scope=\"col\">ungraded</th><th scope=\"col\">undecided</th>"
            + "<th scope=\"col\">tests passed</th><th scope=\"col\">verdicts</th><th scope=\"col\">graders</th></tr></thead><tbody>"
        var rows: [(label: String, parts: [(key: String, count: Int)])] = []
        var verdictKeys = Set<String>()
        for analysis in input.analyses {
            for summary in analysis.benchmarks {
                let a = summary.audit
                verdictKeys.formUnion(a.verdicts.map(\.verdict))
                rows.append(("\(analysis.run) · \(summary.benchmark)", a.verdicts.map { ($0.verdict, $0.count) }))
                out += "<tr>" + runCell(analysis.run) + "<td class=\"text\">\(Markup.escape(summary.benchmark))</td>"
                    + "<td data-metric=\"samples\">\(a.samples)</td><td data-metric=\"ungraded\">\(a.ungraded)</td>"
                    + "<td data-run=\"\(Markup.escape(analysis.run))\" data-benchmark=\"\(Markup.escape(summary.benchmark))\""
                    + " data-metric=\"undecided\">\(a.undecided)</td>"
                    + "<td>\(a.testsTotal > 0 ? "\(a.testsPassed) / \(a.testsTotal)" : "–")</td><td class=\"text\">"
                    + Markup.escape(a.verdicts.map { "\($0.verdict) \($0.count)" }.joined(separator: " · "))
                    + "</td><td class=\"text\">" + Markup.escape(a.graders.map(\.grader).joined(separator: ", "))
                    + "</td></tr>"
            }
        }
        out += "</tbody></table>"
        guard !rows.isEmpty else { return note("No graded samples in the selected runs.") }
        let keys = verdictKeys.sorted()
        let colors = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, Self.verdictColor($0.element, $0.offset)) })
        return out + figure(StackedShareChart(title: "Verdict mix per method and benchmark", rows: rows, colors: colors,
                                              labelWidth: 250).svg(),
                            caption: "Share of the samples per grader verdict (math: correct / wrong / undecided; "
                                + "code: the sandbox verdicts).")
    }

    /// Fixed colours for the common verdicts (green for success, vermillion for wrong, grey for undecided), the
    /// rest of the Okabe–Ito palette for others.
    static func verdictColor(_ verdict: String, _ index: Int) -> String {
        switch verdict {
        case "correct", "accepted", "passed": return "#009E73"
        case "wrong", "wrong_answer": return "#D55E00"
        case "undecided", "ungraded", "unknown": return "#999999"
        case "time_limit", "timeout": return "#E69F00"
        case "runtime_error": return "#CC79A7"
        case "compile_error", "syntax_error": return "#0072B2"
        default: return ["#56B4E9", "#F0E442", "#000000", "#0072B2", "#CC79A7"][index % 5]
        }
    }
}
