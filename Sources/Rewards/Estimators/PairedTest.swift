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
        let extreme = Self.extremeSignFlips(d, permutations: permutations, threshold: threshold,
                                            seed: bootstrap.seed ^ 0xF11F)
        let p = Double(1 + extreme) / Double(1 + permutations)
        return PairedComparison(problems: d.count, difference: bootstrap.interval(d), pValue: min(1, p))
    }

    /// How many of `permutations` random sign flips of `d` give |Σ ±dᵢ| ≥ `threshold`. Permutation p takes the
    /// low bits of generator draws p·w ..< (p + 1)·w (w = ⌈n / 64⌉; bit i clear keeps dᵢ's sign), and each sum
    /// runs in index order. Four permutations are summed side by side with the sign applied to the sign bit, so
    /// the additions overlap instead of waiting on a branch or on one another; the sums are the same numbers.
    static func extremeSignFlips(_ d: [Double], permutations: Int, threshold: Double, seed: UInt64) -> Int {
        let words = (d.count + 63) / 64
        let lanes = 4
        var rng = SeededRandom(seed: seed)
        var extreme = 0
        var bits = [UInt64](repeating: 0, count: words * lanes)
        d.withUnsafeBufferPointer { d in
            bits.withUnsafeMutableBufferPointer { bits in
                @inline(__always) func flipped(_ value: Double, _ word: UInt64, _ i: Int) -> Double {
                    Double(bitPattern: value.bitPattern ^ (((word >> UInt64(i & 63)) & 1) << 63))
                }
                var done = 0
                while done + lanes <= permutations {
                    for w in 0..<(words * lanes) { bits[w] = rng.next() }
                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                    for (i, value) in d.enumerated() {
                        let w = i >> 6
                        s0 += flipped(value, bits[w], i)
                        s1 += flipped(value, bits[words + w], i)
                        s2 += flipped(value, bits[2 * words + w], i)
                        s3 += flipped(value, bits[3 * words + w], i)
                    }
                    extreme += (abs(s0) >= threshold ? 1 : 0) + (abs(s1) >= threshold ? 1 : 0)
                        + (abs(s2) >= threshold ? 1 : 0) + (abs(s3) >= threshold ? 1 : 0)
                    done += lanes
                }
                while done < permutations {
                    for w in 0..<words { bits[w] = rng.next() }
                    var sum = 0.0
                    for (i, value) in d.enumerated() { sum += flipped(value, bits[i >> 6], i) }
                    if abs(sum) >= threshold { extreme += 1 }
                    done += 1
                }
            }
        }
        return extreme
    }
}
