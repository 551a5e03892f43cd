// The commands and configurations that produced each run (and its training run).

extension ReportPage {
    func provenanceSection() -> String {
        var out = ""
        for run in input.runs {
            let d = run.description
            out += "<div class=\"run\" data-run=\"\(Markup.escape(d.name))\" style=\"border-left-color:\(color(of: d.name))\">"
                + "<h3>\(Markup.escape(d.name))</h3><dl>"
            out += "<dt>model</dt><dd>\(Markup.escape(d.model ?? "–"))</dd>"
            out += "<dt>method</dt><dd>\(Markup.escape(d.method ?? "–"))</dd>"
            out += "<dt>created</dt><dd>\(Markup.escape(d.createdAt))</dd>"
            out += "<dt>training run</dt><dd>\(Markup.escape(d.trainingRun ?? "–"))</dd>"
            out += "<dt>command</dt><dd><pre>\(Markup.escape(d.command ?? "(not recorded)"))</pre></dd>"
            out += "<dt>sampling</dt><dd><pre>\(Markup.escape(d.samplingJSON))</pre></dd>"
            if let name = d.trainingRun, let training = input.training.first(where: { $0.name == name }) {
                out += "<dt>training command</dt><dd><pre>\(Markup.escape(training.command ?? "(not recorded)"))</pre></dd>"
                out += "<dt>training config</dt><dd><pre>\(Markup.escape(training.configJSON))</pre></dd>"
            }
            out += "</dl></div>"
        }
        let linked = Set(input.runs.compactMap(\.description.trainingRun))
        for training in input.training where !linked.contains(training.name) {
            out += "<div class=\"run\" data-training=\"\(Markup.escape(training.name))\"><h3>training run \(Markup.escape(training.name))</h3>"
                + "<dl><dt>command</dt><dd><pre>\(Markup.escape(training.command ?? "(not recorded)"))</pre></dd>"
                + "<dt>configuration</dt><dd><pre>\(Markup.escape(training.configJSON))</pre></dd></dl></div>"
        }
        return out.isEmpty ? note("No runs selected.") : "<div class=\"runs\">\(out)</div>"
    }
}
