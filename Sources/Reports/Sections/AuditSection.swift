// The grader audit: ungraded and undecided samples, the verdict mix (code verdicts included), the graders used.

extension ReportPage {
    func auditSection() -> String {
        var out = "<table class=\"audit\"><thead><tr><th scope=\"col\">method</th><th scope=\"col\">samples</th>"
            + "<th scope=\"col\">ungraded</th><th scope=\"col\">undecided</th><th scope=\"col\">tests passed</th>"
            + "<th scope=\"col\">verdicts</th><th scope=\"col\">graders</th></tr></thead><tbody>"
        var rows: [(label: String, parts: [(key: String, count: Int)])] = []
        var verdictKeys = Set<String>()
        for analysis in input.analyses {
            var verdicts: [String: Int] = [:]
            var graders: [String: Int] = [:]
            var samples = 0, ungraded = 0, undecided = 0, passed = 0, total = 0
            for summary in analysis.benchmarks {
                let a = summary.audit
                samples += a.samples
                ungraded += a.ungraded
                undecided += a.undecided
                passed += a.testsPassed
                total += a.testsTotal
                for v in a.verdicts { verdicts[v.verdict, default: 0] += v.count }
                for g in a.graders { graders[g.grader, default: 0] += g.count }
            }
            let sortedVerdicts = verdicts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            verdictKeys.formUnion(verdicts.keys)
            rows.append((analysis.run, sortedVerdicts.map { ($0.key, $0.value) }))
            out += "<tr>" + runCell(analysis.run) + "<td data-metric=\"samples\">\(samples)</td>"
                + "<td data-metric=\"ungraded\">\(ungraded)</td><td data-metric=\"undecided\">\(undecided)</td>"
                + "<td>\(total > 0 ? "\(passed) / \(total)" : "–")</td><td class=\"text\">"
                + Markup.escape(sortedVerdicts.map { "\($0.key) \($0.value)" }.joined(separator: " · "))
                + "</td><td class=\"text\">" + Markup.escape(graders.keys.sorted().joined(separator: ", ")) + "</td></tr>"
        }
        out += "</tbody></table>"
        guard !rows.isEmpty else { return note("No runs selected.") }
        let keys = verdictKeys.sorted()
        let colors = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, Self.verdictColor($0.element, $0.offset)) })
        return out + figure(StackedShareChart(title: "Verdict mix per method", rows: rows, colors: colors).svg(),
                            caption: "Share of each method's samples per grader verdict.")
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
