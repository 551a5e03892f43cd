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
    /// m equal values make m(m−1)/2 agreeing pairs, counted with a small hash table (each value adds the number
    /// of equal values before it). nil for fewer than two sketches.
    /// - Complexity: O(bins × k) expected for k sketches.
    public static func meanPairwiseJaccard(_ sketches: [MinHashSketch]) -> Double? {
        let k = sketches.count
        guard k >= 2 else { return nil }
        // Bin-major copy: one contiguous column of k values per bin.
        var columns = [UInt64](repeating: 0, count: bins * k)
        for (i, sketch) in sketches.enumerated() {
            sketch.values.withUnsafeBufferPointer { values in
                for bin in 0..<bins { columns[bin * k + i] = values[bin] }
            }
        }
        var size = 16
        while size < 2 * k { size <<= 1 }
        let mask = size - 1
        var agreeing = 0
        columns.withUnsafeBufferPointer { columns in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { keys in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: size) { counts in
                    for bin in 0..<bins {
                        counts.update(repeating: 0)
                        for i in 0..<k {
                            // Bin values are minima of mixed hashes: their low bits are uniform.
                            let value = columns[bin * k + i]
                            var slot = Int(truncatingIfNeeded: value) & mask
                            while counts[slot] != 0 && keys[slot] != value { slot = (slot + 1) & mask }
                            agreeing += counts[slot]
                            keys[slot] = value
                            counts[slot] += 1
                        }
                    }
                }
            }
        }
        return Double(agreeing) / Double(bins * k * (k - 1) / 2)
    }
}

/// The agreeing bins of every pair of one problem's sketches, counted once and shared by both clusterings (all
/// samples, correct samples). The mean Jaccard similarity needs no pairs: `MinHashSketch.meanPairwiseJaccard`.
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
