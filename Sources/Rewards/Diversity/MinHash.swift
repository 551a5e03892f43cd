// MinHash sketches of word-trigram sets: Jaccard similarity between samples without comparing their texts.

/// A one-permutation MinHash sketch (Li, Owen, Zhang 2012) with rotation densification (Shrivastava and Li 2014)
/// of a text's set of word 3-grams.
///
/// Each 3-gram hash goes to one of `bins` bins by its top bits and the bin keeps the smallest remaining value, so a
/// sketch costs one pass over the text (one hash per 3-gram, not one per bin). An empty bin borrows the value of
/// the next non-empty bin to its right, tagged with the distance, which keeps the estimate unbiased for sets with
/// fewer 3-grams than bins. The share of equal bins between two sketches estimates the Jaccard similarity
/// |A ∩ B| / |A ∪ B| with standard error about √(J(1 − J) / bins).
public struct MinHashSketch: Sendable, Equatable {
    public static let bins = 128
    /// Word n-gram length of the shingles.
    public static let shingleOrder = 3
    static let binBits = 7
    static let valueMask: UInt64 = (1 << (64 - 7)) - 1

    /// The densified bin values; all `UInt64.max` for a text with no 3-grams (equal only to other empty texts).
    public private(set) var values: [UInt64]

    /// The sketch of a tokenised text (`Tokenizer.tokenHashes`).
    public init(tokens: [UInt64]) {
        self.init(shingles: Tokenizer.ngramHashes(tokens, order: Self.shingleOrder))
    }

    /// The sketch of a set of already mixed 64-bit shingle hashes (duplicates do not matter).
    public init(shingles: [UInt64]) {
        self = shingles.withUnsafeBufferPointer { MinHashSketch(shingles: $0) }
    }

    init(shingles: UnsafeBufferPointer<UInt64>) {
        values = [UInt64](unsafeUninitializedCapacity: Self.bins) { values, count in
            values.initialize(repeating: .max)
            count = Self.bins
            var filledAny = false
            for h in shingles {
                let bin = Int(h >> UInt64(64 - Self.binBits))
                let value = h & Self.valueMask
                if value < values[bin] { values[bin] = value }
                filledAny = true
            }
            guard filledAny else { return }
            // Densify from a copy, so every empty bin borrows an originally filled one.
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: Self.bins) { filled in
                _ = filled.initialize(from: values)
                for bin in 0..<Self.bins where filled[bin] == .max {
                    var distance = 1
                    while filled[(bin + distance) % Self.bins] == .max { distance += 1 }
                    values[bin] = filled[(bin + distance) % Self.bins] &+ (UInt64(distance) << UInt64(64 - Self.binBits))
                }
            }
        }
    }

    /// The estimated Jaccard similarity of the two texts' 3-gram sets.
    public func jaccard(_ other: MinHashSketch) -> Double {
        Double(equalBins(other)) / Double(Self.bins)
    }

    /// The number of bins in which the two sketches agree.
    func equalBins(_ other: MinHashSketch) -> Int {
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                var equal = 0
                for bin in 0..<Self.bins where a[bin] == b[bin] { equal += 1 }
                return equal
            }
        }
    }

    /// The mean estimated Jaccard similarity over all pairs of sketches, in time linear in their number: per bin,
    /// m equal values make m(m−1)/2 agreeing pairs. nil for fewer than two sketches.
    /// - Complexity: O(bins × k log k) for k sketches.
    public static func meanPairwiseJaccard(_ sketches: [MinHashSketch]) -> Double? {
        let k = sketches.count
        guard k >= 2 else { return nil }
        var agreeing = 0
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: k) { column in
            for bin in 0..<bins {
                // Insertion sort: k is the samples of one problem (16 in the paper's setting).
                for i in 0..<k {
                    let value = sketches[i].values[bin]
                    var j = i
                    while j > 0 && column[j - 1] > value {
                        column[j] = column[j - 1]
                        j -= 1
                    }
                    column[j] = value
                }
                var run = 1
                for i in 1..<k {
                    if column[i] == column[i - 1] {
                        run += 1
                    } else {
                        agreeing += run * (run - 1) / 2
                        run = 1
                    }
                }
                agreeing += run * (run - 1) / 2
            }
        }
        return Double(agreeing) / Double(bins * k * (k - 1) / 2)
    }
}

/// The agreeing bins of every pair of one problem's sketches, counted once and shared by both clusterings (all
/// samples, correct samples) and the mean Jaccard estimate. Without clusterings the mean needs no pairs:
/// `MinHashSketch.meanPairwiseJaccard`.
struct BinAgreement {
    let count: Int
    /// equal[i × count + j]: the bins in which sketches i and j agree (symmetric).
    private var equal: [Int]

    /// - Complexity: O(k² × bins) for k sketches.
    init(_ sketches: [MinHashSketch]) {
        let count = sketches.count
        var equal = [Int](repeating: MinHashSketch.bins, count: count * count)
        for i in 0..<count {
            for j in (i + 1)..<max(i + 1, count) {
                let agreeing = sketches[i].equalBins(sketches[j])
                equal[i * count + j] = agreeing
                equal[j * count + i] = agreeing
            }
        }
        self.count = count
        self.equal = equal
    }

    /// The mean of `jaccard(i, j)` over all pairs, from the counts already taken (the same value as
    /// `MinHashSketch.meanPairwiseJaccard` of the sketches); nil for fewer than two sketches.
    var meanJaccard: Double? {
        guard count >= 2 else { return nil }
        var agreeing = 0
        for i in 0..<count { for j in (i + 1)..<count { agreeing += equal[i * count + j] } }
        return Double(agreeing) / Double(MinHashSketch.bins * count * (count - 1) / 2)
    }

    /// The estimated Jaccard similarity of sketches i and j (`MinHashSketch.jaccard`).
    func jaccard(_ i: Int, _ j: Int) -> Double { Double(equal[i * count + j]) / Double(MinHashSketch.bins) }
}

/// The exact Jaccard similarity of two texts' word 3-gram sets (the quantity `MinHashSketch` estimates).
public func exactTrigramJaccard(_ a: String, _ b: String) -> Double {
    let sa = Set(Tokenizer.ngramHashes(Tokenizer.tokenHashes(a), order: MinHashSketch.shingleOrder))
    let sb = Set(Tokenizer.ngramHashes(Tokenizer.tokenHashes(b), order: MinHashSketch.shingleOrder))
    let union = sa.union(sb).count
    return union == 0 ? 1 : Double(sa.intersection(sb).count) / Double(union)
}
