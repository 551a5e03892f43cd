// Reward histograms, one small panel per method on shared axes.

/// Small multiples of histograms with a common x range and y scale (share of samples).
struct HistogramPanels {
    var title: String
    var xLabel: String
    /// (method label, colour, bin edges, counts)
    var panels: [(label: String, color: String, edges: [Double], counts: [Int])]
    var panelWidth = 270.0
    var panelHeight = 190.0
    var columns = 3

    func svg() -> String {
        let cols = max(1, min(columns, panels.count))
        let rows = (panels.count + cols - 1) / cols
        let width = Double(cols) * panelWidth + 10
        var canvas = SVGCanvas(width: width, height: 30 + Double(rows) * panelHeight)
        canvas.title(title)
        let shares = panels.map { p -> [Double] in
            let total = Double(max(1, p.counts.reduce(0, +)))
            return p.counts.map { Double($0) / total }
        }
        let top = max(0.05, shares.flatMap { $0 }.max() ?? 1)
        for (i, panel) in panels.enumerated() {
            let ox = 10 + Double(i % cols) * panelWidth
            let oy = 30 + Double(i / cols) * panelHeight
            let left = ox + 48, right = ox + panelWidth - 14, plotTop = oy + 22, bottom = oy + panelHeight - 46
            guard let first = panel.edges.first, let last = panel.edges.last else { continue }
            let x = LinearScale(domain: (first, last), range: (left, right))
            let y = LinearScale(domain: (0, top), range: (bottom, plotTop))
            canvas.text((left + right) / 2, oy + 12, SVGCanvas.shorten(panel.label, 34), anchor: "middle", cls: "panel-title")
            canvas.rect(left - 44, oy + 3, 10, 10, fill: panel.color)
            let yTicks = y.ticks(4)
            let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
            let xTicks = x.ticks(4)
            let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 1
            canvas.axes(x: x, y: y, xTicks: xTicks.map { ($0, tickLabel($0, step: xStep)) },
                        yTicks: yTicks.map { ($0, Markup.fixed($0 * 100, yStep * 100 < 1 ? 1 : 0) + "%") },
                        xLabel: xLabel, yLabel: "samples")
            for (b, share) in shares[i].enumerated() {
                let x0 = x(panel.edges[b]), x1 = x(panel.edges[b + 1])
                canvas.rect(x0 + 0.5, y(share), x1 - x0 - 1, bottom - y(share), fill: panel.color,
                            tooltip: "\(Markup.fixed(panel.edges[b], 2))–\(Markup.fixed(panel.edges[b + 1], 2)): "
                                + "\(panel.counts[b]) samples (\(Markup.percent(share))%)")
            }
        }
        return canvas.render(title: title)
    }
}
