// Avg@k per slice of a benchmark: MATH subject and level, LiveCodeBench difficulty, platform and date window.
import Rewards

extension ReportPage {
    func slicesSection() -> String {
        var out = ""
        for benchmark in benchmarks {
            let slices = input.analyses.flatMap { $0.slices.filter { $0.benchmark == benchmark } }
            let facetNames = Array(Set(slices.compactMap { $0.facet?.name })).sorted()
            for name in facetNames {
                let values = Array(Set(slices.compactMap { $0.facet?.name == name ? $0.facet?.value : nil }))
                    .sorted { $0.localizedStandardLess($1) }
                let runs = runNames.filter { run in slices.contains { $0.run == run && $0.facet?.name == name } }
                out += "<table class=\"slices\" data-benchmark=\"\(Markup.escape(benchmark))\" data-facet=\"\(Markup.escape(name))\">"
                    + "<caption>\(Markup.escape(benchmark)) by \(Markup.escape(name)): Avg@k (k = n), %</caption>"
                    + "<thead><tr><th scope=\"col\">\(Markup.escape(name))</th><th scope=\"col\">problems</th>"
                for run in runs { out += "<th scope=\"col\">\(Markup.escape(run))</th>" }
                out += "</tr></thead><tbody>"
                for value in values {
                    let row = runs.map { run in slices.first { $0.run == run && $0.facet == Facet(name: name, value: value) } }
                    let problems = row.compactMap { $0?.problems }.max() ?? 0
                    let bestValue = row.compactMap { $0?.accuracy.value }.max()
                    out += "<tr><th scope=\"row\">\(Markup.escape(value))</th><td>\(problems)</td>"
                    for (run, summary) in zip(runs, row) {
                        out += cell(summary?.accuracy, run: run, benchmark: benchmark,
                                    metric: "avg:\(name)=\(value)", best: runs.count > 1 ? bestValue : nil)
                    }
                    out += "</tr>"
                }
                out += "</tbody></table>"
            }
        }
        return out.isEmpty ? note("No problem carries a subject, level, difficulty, platform or contest date.") : out
    }
}

extension String {
    /// Orders "Level 2" before "Level 10".
    func localizedStandardLess(_ other: String) -> Bool {
        let a = split(separator: " "), b = other.split(separator: " ")
        if a.count == 2, b.count == 2, a[0] == b[0], let x = Int(a[1]), let y = Int(b[1]) { return x < y }
        return self < other
    }
}
