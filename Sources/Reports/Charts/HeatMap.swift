// The per-problem solve-rate heat map: methods × problems, problems ordered from easiest to hardest.

/// A heat map of values in [0, 1] with row labels, a colour legend and axis titles.
struct HeatMap {
    var title: String
    var rowLabels: [String]
    /// values[row][column] in [0, 1]; nil for a problem the method did not sample.
    var values: [[Double?]]
    var columnLabels: [String]
    var xLabel: String
    var width = 960.0

    func svg() -> String {
        let columns = values.first?.count ?? 0
        let labelWidth = 170.0
        let plotWidth = width - labelWidth - 20
        let cell = columns == 0 ? 1 : plotWidth / Double(columns)
        let rowHeight = 22.0
        let top = 34.0
        let plotHeight = Double(rowLabels.count) * rowHeight
        var canvas = SVGCanvas(width: width, height: top + plotHeight + 84)
        canvas.title(title)
        let tooltips = columns * rowLabels.count <= 3000
        for (r, label) in rowLabels.enumerated() {
            let y = top + Double(r) * rowHeight
            canvas.text(labelWidth - 8, y + rowHeight / 2 + 4, SVGCanvas.shorten(label, 24), anchor: "end", cls: "tick")
            for c in 0..<columns {
                let value = values[r][c]
                canvas.rect(labelWidth + Double(c) * cell, y, cell + 0.05, rowHeight - 2,
                            fill: value.map(Palette.sequential) ?? "#dddddd",
                            tooltip: tooltips ? "\(label) · \(columnLabels[c]): "
                                + (value.map { Markup.percent($0) + "% solved" } ?? "not sampled") : nil)
            }
        }
        let bottom = top + plotHeight
        canvas.text(labelWidth + plotWidth / 2, bottom + 18, xLabel, anchor: "middle", cls: "axis-label")
        // Colour legend: a gradient bar from 0% to 100% solved.
        let legendX = labelWidth, legendY = bottom + 34, legendW = min(280, plotWidth)
        var stops = ""
        for i in 0...8 {
            let t = Double(i) / 8
            stops += "<stop offset=\"\(Markup.fixed(t * 100, 1))%\" stop-color=\"\(Palette.sequential(t))\"/>"
        }
        canvas.raw("<defs><linearGradient id=\"solve-rate-gradient\">\(stops)</linearGradient></defs>")
        canvas.raw("<rect x=\"\(Markup.fixed(legendX, 0))\" y=\"\(Markup.fixed(legendY, 0))\" width=\"\(Markup.fixed(legendW, 0))\""
                   + " height=\"12\" fill=\"url(#solve-rate-gradient)\"/>")
        for t in [0.0, 0.5, 1.0] {
            canvas.text(legendX + legendW * t, legendY + 28, Markup.fixed(t * 100, 0) + "%", anchor: "middle", cls: "tick")
        }
        canvas.text(legendX + legendW + 12, legendY + 11, "solve rate (correct samples / samples)", cls: "legend")
        canvas.rect(legendX + legendW + 270, legendY, 12, 12, fill: "#dddddd")
        canvas.text(legendX + legendW + 288, legendY + 11, "not sampled", cls: "legend")
        return canvas.render(title: title)
    }
}
