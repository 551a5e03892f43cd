// The page skeleton: header, table of contents, the sections in order, the stylesheet.
import Rewards

/// Renders one report; each section lives in its own file under Sections/.
struct ReportPage {
    let input: ReportInput
    let baseline: String?
    /// Benchmarks in first-seen order over the runs.
    let benchmarks: [String]

    init(_ input: ReportInput) {
        self.input = input
        let names = input.runs.map(\.description.name)
        baseline = input.baseline.flatMap { names.contains($0) ? $0 : nil } ?? names.first
        var seen: [String] = []
        for analysis in input.analyses {
            for summary in analysis.benchmarks where !seen.contains(summary.benchmark) { seen.append(summary.benchmark) }
        }
        benchmarks = seen
    }

    /// Section ids and headings, in page order (the tests look for these ids).
    static let sections: [(id: String, heading: String)] = [
        ("summary", "Summary"), ("slices", "By subject, level, difficulty and date"), ("pass-at-k", "pass@k curves"),
        ("rewards", "Reward distributions"), ("heatmap", "Solve rate per problem"), ("diversity", "Diversity"),
        ("training", "Training curves"), ("audit", "Grader audit"), ("provenance", "How each run was produced"),
        ("methods", "Methods"),
    ]

    func render() -> String {
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        out += "<title>\(Markup.escape(input.title))</title><style>\(Self.stylesheet)</style></head><body>"
        out += "<header><h1>\(Markup.escape(input.title))</h1><p class=\"meta\">"
        out += "\(input.runs.count) run\(input.runs.count == 1 ? "" : "s") · \(benchmarks.count) benchmark\(benchmarks.count == 1 ? "" : "s")"
        if let baseline { out += " · baseline <code>\(Markup.escape(baseline))</code>" }
        if !input.generatedAt.isEmpty { out += " · generated \(Markup.escape(input.generatedAt))" }
        out += "</p><nav><ol>"
        for section in Self.sections { out += "<li><a href=\"#\(section.id)\">\(Markup.escape(section.heading))</a></li>" }
        out += "</ol></nav></header><main>"
        if input.runs.isEmpty {
            out += "<p class=\"note\">The store has no runs yet: grade responses into a run, then run "
                + "<code>flowrl report --run NAME … --out DIR</code> again.</p>"
        }
        let bodies = [summarySection(), slicesSection(), passCurvesSection(), rewardsSection(), heatMapSection(),
                      diversitySection(), trainingSection(), auditSection(), provenanceSection(), methodsSection()]
        for (section, body) in zip(Self.sections, bodies) {
            out += "<section id=\"\(section.id)\"><h2>\(Markup.escape(section.heading))</h2>\(body)</section>"
        }
        out += "</main><footer>FlowRL Toolkit · self-contained report: no script, no network.</footer></body></html>\n"
        return out
    }

    // MARK: helpers shared by the sections

    var runNames: [String] { input.runs.map(\.description.name) }

    func color(of run: String) -> String { Palette.color(runNames.firstIndex(of: run) ?? 0) }
    func dash(of run: String) -> String { Palette.dash(runNames.firstIndex(of: run) ?? 0) }

    /// Each run's summary of `benchmark`, in run order, skipping runs without it.
    func summaries(_ benchmark: String) -> [GroupSummary] {
        input.analyses.compactMap { $0.summary(benchmark: benchmark) }
    }

    func analysis(_ run: String) -> RunAnalysis? { input.analyses.first { $0.run == run } }

    func note(_ text: String) -> String { "<p class=\"note\">\(Markup.escape(text))</p>" }

    /// A run-name cell with the run's colour swatch.
    func runCell(_ run: String) -> String {
        "<th scope=\"row\"><span class=\"swatch\" style=\"background:\(color(of: run))\"></span>\(Markup.escape(run))</th>"
    }

    /// A figure wrapping a chart.
    func figure(_ svg: String, caption: String) -> String {
        "<figure>\(svg)<figcaption>\(Markup.escape(caption))</figcaption></figure>"
    }

    static let stylesheet = """
    :root{--ink:#1f2328;--muted:#59636e;--rule:#d1d9e0;--band:#f6f8fa;--accent:#0072B2}
    *{box-sizing:border-box}
    body{margin:0;font:15px/1.5 "Inter","Segoe UI","Helvetica Neue","DejaVu Sans",Arial,sans-serif;color:var(--ink);background:#fff}
    header{padding:28px 40px 12px;border-bottom:1px solid var(--rule);background:linear-gradient(#fafbfc,#fff)}
    h1{margin:0 0 4px;font-size:26px;font-weight:650;letter-spacing:-0.01em}
    h2{font-size:20px;margin:36px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--ink)}
    h3{font-size:16px;margin:22px 0 8px}
    .meta,.note,figcaption,footer{color:var(--muted)}
    .note{font-size:13.5px;max-width:920px}
    nav ol{display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:10px 0 0;list-style:none;font-size:13.5px}
    nav a{color:var(--accent);text-decoration:none}
    main{padding:0 40px 40px;max-width:1480px}
    table{border-collapse:collapse;margin:8px 0 14px;font-size:13.5px;font-variant-numeric:tabular-nums}
    caption{text-align:left;font-weight:600;padding:4px 0;color:var(--ink)}
    th,td{padding:5px 10px;border-bottom:1px solid var(--rule);text-align:right;vertical-align:top;white-space:nowrap}
    th[scope=row],td.text{text-align:left}
    thead th{border-bottom:2px solid var(--ink);font-weight:600;background:#fff;white-space:normal;vertical-align:bottom;max-width:120px}
    thead th:first-child{text-align:left}
    td.text{white-space:normal;max-width:460px}
    .scroll{overflow-x:auto;max-width:100%}
    tbody tr:nth-child(even){background:var(--band)}
    .ci{display:block;font-size:11.5px;color:var(--muted)}
    .best{font-weight:700}
    .best .v::after{content:" ▲";color:#009E73;font-size:10px}
    .sig{color:#D55E00;font-weight:700}
    .swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:7px;vertical-align:0}
    figure{margin:12px 0 22px}
    .charts{display:flex;flex-wrap:wrap;gap:4px 28px;align-items:flex-start}
    .charts figure{margin:8px 0;max-width:580px}
    figcaption{font-size:12.5px;max-width:900px}
    svg.chart{font-family:inherit;max-width:100%;height:auto}
    svg .chart-title{font-size:14px;font-weight:600;fill:var(--ink)}
    svg .panel-title{font-size:12.5px;font-weight:600;fill:var(--ink)}
    svg .tick,svg .legend{font-size:11px;fill:#3d444d}
    svg .axis-label{font-size:12px;fill:var(--muted)}
    svg .axis{stroke:#57606a;stroke-width:1}
    svg .grid{stroke:#e4e8ec;stroke-width:1}
    pre{background:var(--band);border:1px solid var(--rule);border-radius:6px;padding:8px 12px;font-size:12.5px;white-space:pre-wrap;word-break:break-all;max-width:1100px}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;font-size:14px}
    dt{color:var(--muted)}
    dd{margin:0}
    .run{border-left:4px solid var(--rule);padding-left:14px;margin:14px 0}
    .runs{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:4px 32px}
    dd pre{margin:0}
    footer{padding:18px 40px;border-top:1px solid var(--rule);font-size:12.5px}
    """
}
