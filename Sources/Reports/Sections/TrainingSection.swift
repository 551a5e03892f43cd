// Training curves of the training runs behind the runs: reward, accuracy, entropy, log Z, KL, importance weight.

extension ReportPage {
    /// Metric-name fragments in display order: the quantities the FlowRL paper and its code log.
    static let preferredMetrics: [(title: String, fragments: [String])] = [
        ("reward", ["reward"]), ("accuracy", ["acc"]), ("entropy", ["entropy"]), ("log Z", ["log_z", "logz"]),
        ("KL", ["kl"]), ("importance weight", ["importance", "is_weight", "mean_w", "weight"]),
    ]

    func trainingSection() -> String {
        guard !input.training.isEmpty else {
            return note("None of the selected runs is linked to a training run (RunInfo.trainingRun), so there are "
                        + "no training curves.")
        }
        var out = ""
        for (t, run) in input.training.enumerated() {
            let linked = input.runs.filter { $0.description.trainingRun == run.name }.map(\.description.name)
            out += "<div class=\"run\" data-training=\"\(Markup.escape(run.name))\"><h3>\(Markup.escape(run.name))</h3>"
            out += "<p class=\"meta\">method \(Markup.escape(run.method)) · task \(Markup.escape(run.task)) · "
                + "\(Markup.escape(run.status))"
            if !linked.isEmpty { out += " · evaluated as " + linked.map { "<code>\(Markup.escape($0))</code>" }.joined(separator: ", ") }
            out += "</p>"
            var ordered: [(title: String, metric: String, points: [(step: Int, value: Double)])] = []
            var used = Set<String>()
            for preferred in Self.preferredMetrics {
                for series in run.series where !used.contains(series.metric)
                    && preferred.fragments.contains(where: { series.metric.lowercased().contains($0) }) {
                    used.insert(series.metric)
                    ordered.append((preferred.title, series.metric, series.points))
                }
            }
            for series in run.series where !used.contains(series.metric) { ordered.append((series.metric, series.metric, series.points)) }
            if ordered.isEmpty {
                out += note("No numeric metrics were recorded.")
            } else {
                out += "<div class=\"charts\">"
                for (i, item) in ordered.prefix(12).enumerated() {
                    let chart = LineChart(
                        title: item.title == item.metric ? item.metric : "\(item.title) (\(item.metric))",
                        xLabel: "step", yLabel: item.metric,
                        series: [LineSeries(label: run.name, color: Palette.color(t + (i == 0 ? 0 : 0)),
                                            dash: "", points: item.points.map { (Double($0.step), $0.value) })],
                        width: 400, height: 250, markers: item.points.count <= 40)
                    out += "<figure>\(chart.svg())</figure>"
                }
                out += "</div>"
            }
            out += "</div>"
        }
        return out
    }
}
