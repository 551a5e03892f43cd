// Line charts: pass@k curves and training curves.
#if canImport(Glibc)
import Glibc
#endif

/// One line of a line chart.
struct LineSeries {
    var label: String
    var color: String
    var dash: String
    var points: [(x: Double, y: Double)]
}

/// A line chart with a title, labelled axes and a legend below the plot.
struct LineChart {
    var title: String
    var xLabel: String
    var yLabel: String
    var series: [LineSeries]
    /// Plot x on a log₂ scale (pass@k over k = 1, 2, 4, …).
    var log2X = false
    /// Fixed y range (e.g. 0…1 for rates); nil to fit the data.
    var yDomain: (Double, Double)?
    var percentY = false
    var width = 560.0
    var height = 300.0
    var markers = true

    func svg() -> String {
        let plotLeft = 62.0, plotRight = width - 16, plotTop = 32.0
        let legendItems = series.map { (label: $0.label, color: $0.color, dash: $0.dash) }
        let perRow = max(1, Int((plotRight - plotLeft) / 150))
        let legendHeight = Double((legendItems.count + perRow - 1) / perRow) * 18
        let plotBottom = height - 60
        var canvas = SVGCanvas(width: width, height: height + legendHeight)
        canvas.title(title)
        let tx: (Double) -> Double = log2X ? { Self.log2($0) } : { $0 }
        let xs = series.flatMap { $0.points.map { tx($0.x) } }
        let ys = series.flatMap { $0.points.map(\.y) }
        let xDomain = (xs.min() ?? 0, max(xs.max() ?? 1, (xs.min() ?? 0) + 1e-9))
        var yd = yDomain ?? (ys.min() ?? 0, ys.max() ?? 1)
        if yd.1 - yd.0 < 1e-12 { yd = (yd.0 - 0.5, yd.1 + 0.5) }
        if yDomain == nil {
            let pad = (yd.1 - yd.0) * 0.06
            yd = (yd.0 - pad, yd.1 + pad)
        }
        let x = LinearScale(domain: xDomain, range: (plotLeft, plotRight))
        let y = LinearScale(domain: yd, range: (plotBottom, plotTop))
        let xTickValues: [Double] = log2X
            ? Array(Set(series.flatMap { $0.points.map(\.x) })).sorted().map(tx)
            : x.ticks(6)
        let xStep = xTickValues.count > 1 ? xTickValues[1] - xTickValues[0] : 1
        let xTicks = xTickValues.map { v in (v, log2X ? String(Int((Self.pow2(v)).rounded())) : tickLabel(v, step: xStep)) }
        let yTickValues = y.ticks(5)
        let yStep = yTickValues.count > 1 ? yTickValues[1] - yTickValues[0] : 1
        let yTicks = yTickValues.map { v in (v, percentY ? Markup.fixed(v * 100, yStep * 100 < 1 ? 1 : 0) : tickLabel(v, step: yStep)) }
        canvas.axes(x: x, y: y, xTicks: xTicks, yTicks: yTicks, xLabel: xLabel, yLabel: yLabel)
        for s in series {
            let points = s.points.map { (x(tx($0.x)), y($0.y)) }
            canvas.polyline(points, color: s.color, dash: s.dash)
            if markers && points.count <= 40 {
                for (p, original) in zip(points, s.points) {
                    canvas.circle(p.0, p.1, r: 3, color: s.color,
                                  tooltip: "\(s.label): \(Markup.fixed(original.x, 0)) → \(percentY ? Markup.percent(original.y) + "%" : Markup.fixed(original.y, 4))")
                }
            }
        }
        canvas.legend(legendItems, x: plotLeft, y: height - 4, maxWidth: plotRight - plotLeft)
        return canvas.render(title: title)
    }

    static func log2(_ v: Double) -> Double { Glibc.log2(max(v, 1e-12)) }
    static func pow2(_ v: Double) -> Double { exp2(v) }
}
