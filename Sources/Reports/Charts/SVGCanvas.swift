// The frame every chart shares: an SVG element with a title, a plot area, axes with ticks and a legend.

/// Accumulates SVG markup for one chart.
struct SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The finished `<svg>` element; `title` is also its accessible name.
    func render(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(n(width)) \(n(height))\""
            + " width=\"\(n(width))\" height=\"\(n(height))\"><title>\(Markup.escape(title))</title>" + body + "</svg>"
    }

    mutating func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", cls: String = "",
                       rotate: Bool = false) {
        let transform = rotate ? " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" : ""
        let klass = cls.isEmpty ? "" : " class=\"\(cls)\""
        body += "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\"\(klass)\(transform)>"
            + Markup.escape(content) + "</text>"
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cls: String) {
        body += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" class=\"\(cls)\"/>"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, tooltip: String? = nil,
                       cls: String = "") {
        let klass = cls.isEmpty ? "" : " class=\"\(cls)\""
        let open = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, w)))\" height=\"\(n(max(0, h)))\" fill=\"\(fill)\"\(klass)"
        if let tooltip {
            body += open + "><title>" + Markup.escape(tooltip) + "</title></rect>"
        } else {
            body += open + "/>"
        }
    }

    mutating func polyline(_ points: [(Double, Double)], color: String, dash: String, width: Double = 2) {
        let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        let dashAttr = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(n(width))\"\(dashAttr)/>"
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, color: String, tooltip: String? = nil) {
        let open = "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(color)\""
        if let tooltip {
            body += open + "><title>" + Markup.escape(tooltip) + "</title></circle>"
        } else {
            body += open + "/>"
        }
    }

    mutating func raw(_ markup: String) { body += markup }

    /// The chart title, centred at the top.
    mutating func title(_ title: String) { text(width / 2, 18, title, anchor: "middle", cls: "chart-title") }

    /// Axes of a plot area with ticks on both scales and axis labels.
    mutating func axes(x: LinearScale, y: LinearScale, xTicks: [(Double, String)], yTicks: [(Double, String)],
                       xLabel: String, yLabel: String) {
        let (left, right) = (x.range.0, x.range.1)
        let (bottom, top) = (y.range.0, y.range.1)
        for (value, label) in yTicks {
            let py = y(value)
            line(left, py, right, py, cls: "grid")
            text(left - 6, py + 4, label, anchor: "end", cls: "tick")
        }
        for (value, label) in xTicks {
            let px = x(value)
            line(px, bottom, px, bottom + 4, cls: "axis")
            text(px, bottom + 16, label, anchor: "middle", cls: "tick")
        }
        line(left, bottom, right, bottom, cls: "axis")
        line(left, bottom, left, top, cls: "axis")
        text((left + right) / 2, bottom + 34, xLabel, anchor: "middle", cls: "axis-label")
        text(left - 44, (top + bottom) / 2, yLabel, anchor: "middle", cls: "axis-label", rotate: true)
    }

    /// A legend of coloured swatches laid out in rows from (x, y); returns the height used.
    @discardableResult
    mutating func legend(_ items: [(label: String, color: String, dash: String)], x: Double, y: Double,
                         maxWidth: Double, itemWidth: Double = 150) -> Double {
        let perRow = max(1, Int(maxWidth / itemWidth))
        for (i, item) in items.enumerated() {
            let px = x + Double(i % perRow) * itemWidth
            let py = y + Double(i / perRow) * 18
            let dashAttr = item.dash.isEmpty ? "" : " stroke-dasharray=\"\(item.dash)\""
            body += "<line x1=\"\(n(px))\" y1=\"\(n(py - 4))\" x2=\"\(n(px + 22))\" y2=\"\(n(py - 4))\" stroke=\"\(item.color)\""
                + " stroke-width=\"3\"\(dashAttr)/>"
            text(px + 28, py, Self.shorten(item.label, Int(itemWidth / 7) - 4), cls: "legend")
        }
        return Double((items.count + perRow - 1) / perRow) * 18
    }

    static func shorten(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(max(1, limit - 1))) + "…"
    }

    /// Two-decimal coordinates keep the file small.
    private func n(_ v: Double) -> String { Markup.fixed(v, v == v.rounded() ? 0 : 1) }
}
