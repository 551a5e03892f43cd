// A paired comparison of two runs on the same problems.

/// The result of comparing run A with run B problem by problem.
public struct PairedComparison: Sendable, Equatable {
    /// Problems both runs sampled.
    public var problems: Int
    /// mean(A) − mean(B) over those problems, with a paired percentile-bootstrap interval.
    public var difference: Estimate
    /// Two-sided p-value of the sign-flip permutation test of "no difference".
    public var pValue: Double
}

/// Paired comparison of per-problem scores (e.g. each problem's accuracy under two methods).
///
/// Method: the differences dᵢ = aᵢ − bᵢ. The interval is a percentile bootstrap of mean(d) over problems (paired:
/// a problem's two scores are resampled together). The p-value is a Monte-Carlo sign-flip permutation test: under
/// the null hypothesis that the two methods are exchangeable on each problem, each dᵢ is equally likely to have
/// either sign, so p = (1 + #{|mean(±d)| ≥ |mean(d)|}) / (1 + permutations), two-sided. Identical runs give
/// d = 0 and p = 1 exactly. Seeded, so reproducible.
public struct PairedTest: Sendable {
    public var permutations: Int
    public var bootstrap: Bootstrap

    public init(permutations: Int = 10_000, bootstrap: Bootstrap = Bootstrap()) {
        precondition(permutations >= 1)
        self.permutations = permutations
        self.bootstrap = bootstrap
    }

    /// Compares paired scores; `a[i]` and `b[i]` belong to the same problem.
    /// - Complexity: O((permutations + resamples) × problems).
    public func compare(_ a: [Double], _ b: [Double]) -> PairedComparison {
        precondition(a.count == b.count, "paired scores need one value per problem on each side")
        let d = zip(a, b).map { $0 - $1 }
        guard !d.isEmpty else {
            return PairedComparison(problems: 0, difference: Estimate(value: .nan, low: .nan, high: .nan), pValue: 1)
        }
        let observed = abs(d.reduce(0, +))
        // Ties within rounding count as "at least as extreme", so an all-zero d gives p = 1.
        let threshold = observed - 1e-9 * max(1, observed)
        var rng = SeededRandom(seed: bootstrap.seed ^ 0xF11F)
        var extreme = 0
        for _ in 0..<permutations {
            var sum = 0.0
            var bits: UInt64 = 0
            for (i, value) in d.enumerated() {
                if i & 63 == 0 { bits = rng.next() }
                sum += (bits & 1 == 0) ? value : -value
                bits >>= 1
            }
            if abs(sum) >= threshold { extreme += 1 }
        }
        let p = Double(1 + extreme) / Double(1 + permutations)
        return PairedComparison(problems: d.count, difference: bootstrap.interval(d), pValue: min(1, p))
    }
}
