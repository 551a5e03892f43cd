// Accuracy estimators over a problem's n samples: the unbiased pass@k and Avg@k.

/// The unbiased pass@k estimator (Chen et al. 2021): the probability that at least one of k samples drawn without
/// replacement from the n samples is correct, `1 − C(n−c, k) / C(n, k)`.
///
/// Computed as `1 − ∏_{i=n−c+1}^{n} (1 − k/i)`, a product of c factors in (0, 1], which never forms a binomial
/// coefficient and so neither overflows nor cancels for large n.
///
/// - Precondition: `0 ≤ c ≤ n` and `1 ≤ k ≤ n`.
/// - Complexity: O(c).
public func passAtK(n: Int, c: Int, k: Int) -> Double {
    precondition(c >= 0 && c <= n && k >= 1 && k <= n, "pass@k needs 0 ≤ c ≤ n and 1 ≤ k ≤ n")
    if n - c < k { return 1 }
    var notAll = 1.0
    var i = n - c + 1
    while i <= n {
        notAll *= 1 - Double(k) / Double(i)
        i += 1
    }
    return 1 - notAll
}

/// Avg@k for one problem: the expected share of correct samples among k drawn from the n, which is `c / n` for
/// every k ≤ n (so Avg@k is the same for all k; the FlowRL paper reports Avg@16 with n = 16).
public func averageAccuracy(n: Int, c: Int) -> Double {
    precondition(n > 0 && c >= 0 && c <= n)
    return Double(c) / Double(n)
}
