// Percentile bootstrap intervals over problems: problems are resampled with replacement, the statistic is the
// mean over the resampled problems.

/// A point estimate with a confidence interval.
public struct Estimate: Sendable, Equatable {
    public var value: Double
    public var low: Double
    public var high: Double
    public init(value: Double, low: Double, high: Double) {
        self.value = value
        self.low = low
        self.high = high
    }
}

/// Percentile bootstrap over problems.
///
/// Method: draw `resamples` samples of the problems with replacement (each the size of the original), take the
/// mean of each metric on each, and report the (α/2, 1 − α/2) empirical quantiles of those means (linear
/// interpolation between order statistics). The point value is the mean on the original problems. The generator
/// is seeded (`seed`), so the same data always gives the same interval.
public struct Bootstrap: Sendable {
    /// Resamples per interval (default 1000, enough for stable 95% percentile end points at the 0.1-point
    /// precision the report shows).
    public var resamples: Int
    /// 1 − confidence level (default 0.05: 95% intervals).
    public var alpha: Double
    public var seed: UInt64

    public init(resamples: Int = 1000, alpha: Double = 0.05, seed: UInt64 = 0x5EED_F10E) {
        precondition(resamples >= 1 && alpha > 0 && alpha < 1)
        self.resamples = resamples
        self.alpha = alpha
        self.seed = seed
    }

    /// Intervals for several metrics measured on the same problems, sharing each resample's draw of problems (so
    /// their intervals are consistent with one another and the cost is one draw per problem per resample).
    ///
    /// - Parameter metrics: `metrics[m][p]` is metric m on problem p; every row has the same length.
    /// - Complexity: O(resamples × problems × metrics).
    public func intervals(_ metrics: [[Double]]) -> [Estimate] {
        guard let count = metrics.first?.count, count > 0 else {
            return metrics.map { _ in Estimate(value: .nan, low: .nan, high: .nan) }
        }
        precondition(metrics.allSatisfy { $0.count == count }, "every metric needs one value per problem")
        // Problem-major copy: one resampled problem's metrics are adjacent in memory.
        let width = metrics.count
        var flat = [Double](repeating: 0, count: count * width)
        for m in 0..<width { for p in 0..<count { flat[p * width + m] = metrics[m][p] } }
        var rng = SeededRandom(seed: seed)
        var means = [[Double]](repeating: [Double](repeating: 0, count: resamples), count: width)
        var sums = [Double](repeating: 0, count: width)
        flat.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { sums in
                for r in 0..<resamples {
                    for m in 0..<width { sums[m] = 0 }
                    for _ in 0..<count {
                        let base = rng.index(below: count) * width
                        for m in 0..<width { sums[m] += values[base + m] }
                    }
                    for m in 0..<width { means[m][r] = sums[m] / Double(count) }
                }
            }
        }
        return metrics.indices.map { m in
            let value = metrics[m].reduce(0, +) / Double(count)
            let sorted = means[m].sorted()
            return Estimate(value: value, low: Self.quantile(sorted, alpha / 2),
                            high: Self.quantile(sorted, 1 - alpha / 2))
        }
    }

    /// The interval of one metric.
    public func interval(_ values: [Double]) -> Estimate { intervals([values])[0] }

    /// The q-quantile of sorted values, interpolating linearly between order statistics.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position)
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
