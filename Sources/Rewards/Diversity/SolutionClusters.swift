// Clusters of near-duplicate solutions, and the 1–5 strategy-diversity score read from them.

/// Single-linkage clusters of samples whose estimated word-trigram Jaccard similarity (MinHash) reaches
/// `threshold`: two samples are in one cluster when a chain of such similar pairs joins them.
public struct SolutionClusters: Sendable, Equatable {
    /// Similarity at or above which two samples count as the same solution (0.4 by default: paraphrases of one
    /// derivation share roughly half their trigrams, different methods a tenth or less).
    public static let defaultThreshold = 0.4

    /// Cluster sizes, largest first.
    public var sizes: [Int]

    init(sizes: [Int]) { self.sizes = sizes }

    /// - Complexity: O(k² × bins) for k sketches (k is the samples of one problem, 16 in the paper's setting).
    public init(_ sketches: [MinHashSketch], threshold: Double = SolutionClusters.defaultThreshold) {
        self.init(count: sketches.count) { sketches[$0].jaccard(sketches[$1]) >= threshold }
    }

    /// The clusters of the sketches numbered `members` in `agreement`.
    init(_ members: [Int], of agreement: BinAgreement, threshold: Double) {
        self.init(count: members.count) { agreement.jaccard(members[$0], members[$1]) >= threshold }
    }

    /// Single-linkage clusters of items 0..<count, `similar(i, j)` (i < j) saying whether two are linked.
    private init(count: Int, similar: (Int, Int) -> Bool) {
        var parent = Array(0..<count)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        for i in 0..<count {
            for j in (i + 1)..<max(i + 1, count) where similar(i, j) {
                let (a, b) = (root(i), root(j))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var sizes: [Int: Int] = [:]
        for i in 0..<count { sizes[root(i), default: 0] += 1 }
        self.sizes = sizes.values.sorted(by: >)
    }

    /// The number of clusters.
    public var count: Int { sizes.count }

    /// A 1–5 strategy-diversity score mirroring the FlowRL paper's judge rubric, which rates 16 responses from
    /// 1 ("14 or more essentially identical") to 5 ("at most 3 share a method, 4 or more distinct").
    ///
    /// The largest cluster stands for the most common method. Its size scaled to 16 samples, s = 16·L/n, maps as:
    /// s ≥ 14 → 1; 10 ≤ s < 14 → 2; 7 ≤ s < 10 → 3; 3 < s < 7 → 4; s ≤ 3 → 5. The end points are the rubric's;
    /// the middle cut points split the rest evenly (the paper does not state them). nil for fewer than 2 samples.
    public var strategyScore: Int? {
        let n = sizes.reduce(0, +)
        guard n >= 2, let largest = sizes.first else { return nil }
        let s = 16 * Double(largest) / Double(n)
        switch s {
        case 14...: return 1
        case 10..<14: return 2
        case 7..<10: return 3
        case ...3: return 5
        default: return 4
        }
    }
}
