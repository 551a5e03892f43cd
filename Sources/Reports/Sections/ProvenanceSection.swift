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
            out += "<dt>training run</dt><dd>\(Markup.escape(d.trainingRun ?? "–"))</dd></dl>"
            out += "<p class=\"meta\">command</p><pre>\(Markup.escape(d.command ?? "(not recorded)"))</pre>"
            out += "<p class=\"meta\">sampling</p><pre>\(Markup.escape(d.samplingJSON))</pre>"
            if let name = d.trainingRun, let training = input.training.first(where: { $0.name == name }) {
                out += "<p class=\"meta\">training command</p><pre>\(Markup.escape(training.command ?? "(not recorded)"))</pre>"
                out += "<p class=\"meta\">training configuration</p><pre>\(Markup.escape(training.configJSON))</pre>"
            }
            out += "</div>"
        }
        let linked = Set(input.runs.compactMap(\.description.trainingRun))
        for training in input.training where !linked.contains(training.name) {
            out += "<div class=\"run\" data-training=\"\(Markup.escape(training.name))\"><h3>training run \(Markup.escape(training.name))</h3>"
                + "<p class=\"meta\">command</p><pre>\(Markup.escape(training.command ?? "(not recorded)"))</pre>"
                + "<p class=\"meta\">configuration</p><pre>\(Markup.escape(training.configJSON))</pre></div>"
        }
        return out.isEmpty ? note("No runs selected.") : out
    }
}
