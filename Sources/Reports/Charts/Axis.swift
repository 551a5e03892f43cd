// Linear scales and "nice" tick values shared by the charts.

/// Maps a data interval onto a pixel interval.
struct LinearScale {
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.1 - domain.0
        let t = span == 0 ? 0.5 : (value - domain.0) / span
        return range.0 + t * (range.1 - range.0)
    }

    /// About `count` round tick values inside the domain (steps of 1, 2 or 5 × 10ᵏ).
    func ticks(_ count: Int = 5) -> [Double] {
        let span = domain.1 - domain.0
        guard span > 0, span.isFinite else { return [domain.0] }
        let rough = span / Double(max(1, count))
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? magnitude * 10
        var out: [Double] = []
        var tick = (domain.0 / step).rounded(.up) * step
        while tick <= domain.1 + step * 1e-9 {
            out.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return out
    }
}

/// Tick labels with as many decimals as the step needs; steps of a thousand or more in k or M (200k, 1.5M), so
/// large values such as tokens per second leave room for the axis title.
func tickLabel(_ value: Double, step: Double) -> String {
    for (scale, suffix) in [(1e6, "M"), (1e3, "k")] where step >= scale && value != 0 {
        return tickLabel(value / scale, step: step / scale) + suffix
    }
    var decimals = 0
    var s = step
    while s < 1 && decimals < 4 {
        s *= 10
        decimals += 1
    }
    return Markup.fixed(value, decimals)
}
