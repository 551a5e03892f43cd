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
        // Problem-major copy: one resampled problem's metrics are adjacent in memory. Up to 8 metrics (the usual
        // case) are summed as one SIMD row held in registers; each lane adds its metric's values in draw order, so
        // the sums are the same numbers as one metric at a time.
        let width = metrics.count
        let stride = width <= 8 ? 8 : width
        var flat = [Double](repeating: 0, count: count * stride)
        for m in 0..<width { for p in 0..<count { flat[p * stride + m] = metrics[m][p] } }
        var rng = SeededRandom(seed: seed)
        var means = [[Double]](repeating: [Double](repeating: 0, count: resamples), count: width)
        var sums = [Double](repeating: 0, count: width)
        flat.withUnsafeBufferPointer { values in
            let rows = UnsafeRawPointer(values.baseAddress!)
            sums.withUnsafeMutableBufferPointer { sums in
                for r in 0..<resamples {
                    if stride == 8 {
                        var row = SIMD8<Double>()
                        for _ in 0..<count {
                            let base = rng.index(below: count) * 8
                            row += rows.loadUnaligned(fromByteOffset: base * MemoryLayout<Double>.stride,
                                                      as: SIMD8<Double>.self)
                        }
                        for m in 0..<width { means[m][r] = row[m] / Double(count) }
                        continue
                    }
                    for m in 0..<width { sums[m] = 0 }
                    for _ in 0..<count {
                        let base = rng.index(below: count) * stride
                        for m in 0..<width { sums[m] += values[base + m] }
                    }
                    for m in 0..<width { means[m][r] = sums[m] / Double(count) }
                }
            }
        }
        return metrics.indices.map { m in
            let value = metrics[m].reduce(0, +) / Double(count)
            return means[m].withUnsafeMutableBufferPointer { resampled in
                Estimate(value: value, low: Self.quantile(selecting: resampled, alpha / 2),
                         high: Self.quantile(selecting: resampled, 1 - alpha / 2))
            }
        }
    }

    /// The interval of one metric.
    public func interval(_ values: [Double]) -> Estimate { intervals([values])[0] }

    /// The q-quantile of `values` in any order: the same number as `quantile(values.sorted(), q)`, found by
    /// selecting the two order statistics it interpolates between instead of sorting (the values are permuted).
    /// - Complexity: O(n) expected.
    static func quantile(selecting values: UnsafeMutableBufferPointer<Double>, _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let position = q * Double(values.count - 1)
        let lower = Int(position)
        let upper = min(lower + 1, values.count - 1)
        let fraction = position - Double(lower)
        select(values, lower)
        var next = values[lower]
        if upper > lower {
            // Everything after the selected position is ≥ it, so the next order statistic is their minimum.
            next = values[upper]
            for i in (upper + 1)..<values.count where values[i] < next { next = values[i] }
        }
        return values[lower] + (next - values[lower]) * fraction
    }

    /// Reorders `values` so that position k holds the k-th smallest, everything before it ≤ and everything after
    /// it ≥ (Hoare's FIND with a median-of-three pivot).
    static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int) {
        var low = 0, high = values.count - 1
        while high > low {
            let middle = low + (high - low) / 2
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while pivot < values[j] { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // values[low...j] ≤ pivot ≤ values[i...high], and anything between equals the pivot.
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }
}
