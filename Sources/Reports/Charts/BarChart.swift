// Grouped vertical bars: one group per category (benchmark), one bar per method.

struct GroupedBarChart {
    var title: String
    var yLabel: String
    var categories: [String]
    /// (method label, colour, value per category; nil = no bar)
    var series: [(label: String, color: String, values: [Double?])]
    var yDomain: (Double, Double)
    var width = 560.0
    var height = 280.0
    var format: (Double) -> String = { Markup.fixed($0, 2) }

    func svg() -> String {
        let left = 62.0, right = width - 16, top = 32.0, bottom = height - 60
        let perRow = max(1, Int((right - left) / 150))
        let legendHeight = Double((series.count + perRow - 1) / perRow) * 18
        var canvas = SVGCanvas(width: width, height: height + legendHeight)
        canvas.title(title)
        let y = LinearScale(domain: yDomain, range: (bottom, top))
        let groupWidth = (right - left) / Double(max(1, categories.count))
        let x = LinearScale(domain: (0, Double(max(1, categories.count))), range: (left, right))
        let yTicks = y.ticks(5)
        let step = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
        canvas.axes(x: x, y: y, xTicks: categories.enumerated().map { (Double($0.offset) + 0.5, SVGCanvas.shorten($0.element, 18)) },
                    yTicks: yTicks.map { ($0, tickLabel($0, step: step)) }, xLabel: "benchmark", yLabel: yLabel)
        let barWidth = groupWidth * 0.8 / Double(max(1, series.count))
        for (s, item) in series.enumerated() {
            for (c, value) in item.values.enumerated() {
                guard let value, value.isFinite else { continue }
                let x0 = left + Double(c) * groupWidth + groupWidth * 0.1 + Double(s) * barWidth
                canvas.rect(x0, y(value), barWidth - 1, bottom - y(value), fill: item.color,
                            tooltip: "\(item.label) · \(categories[c]): \(format(value))")
            }
        }
        canvas.legend(series.map { ($0.label, $0.color, "") }, x: left, y: height - 4, maxWidth: right - left)
        return canvas.render(title: title)
    }
}

/// One horizontal 100% bar per row, split into labelled segments (the verdict mix).
struct StackedShareChart {
    var title: String
    var rows: [(label: String, parts: [(key: String, count: Int)])]
    var colors: [String: String]
    var labelWidth = 170.0
    var width = 860.0

    func svg() -> String {
        let right = width - 20, top = 34.0, rowHeight = 24.0
        let keys = colors.keys.sorted()
        let perRow = max(1, Int((right - labelWidth) / 190))
        let legendHeight = Double((keys.count + perRow - 1) / perRow) * 18
        let bottom = top + Double(rows.count) * rowHeight
        var canvas = SVGCanvas(width: width, height: bottom + 40 + legendHeight)
        canvas.title(title)
        let x = LinearScale(domain: (0, 1), range: (labelWidth, right))
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight
            canvas.text(labelWidth - 8, y + 15, SVGCanvas.shorten(row.label, Int(labelWidth / 6.5)), anchor: "end", cls: "tick")
            let total = Double(max(1, row.parts.reduce(0) { $0 + $1.count }))
            var offset = 0.0
            for part in row.parts {
                let share = Double(part.count) / total
                canvas.rect(x(offset), y, x(offset + share) - x(offset), rowHeight - 4, fill: colors[part.key] ?? "#999999",
                            tooltip: "\(row.label) · \(part.key): \(part.count) (\(Markup.percent(share))%)")
                offset += share
            }
        }
        for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
            canvas.line(x(t), bottom, x(t), bottom + 4, cls: "axis")
            canvas.text(x(t), bottom + 16, Markup.fixed(t * 100, 0) + "%", anchor: "middle", cls: "tick")
        }
        // Verdicts that share a colour (correct / accepted) share one legend entry.
        var entries: [(label: String, color: String, dash: String)] = []
        for key in keys {
            let color = colors[key] ?? "#999999"
            if let i = entries.firstIndex(where: { $0.color == color }) {
                entries[i].label += " / " + key
            } else {
                entries.append((key, color, ""))
            }
        }
        canvas.legend(entries, x: labelWidth, y: bottom + 38, maxWidth: right - labelWidth, itemWidth: 190)
        return canvas.render(title: title)
    }
}
