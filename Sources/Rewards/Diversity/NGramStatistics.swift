// distinct-n and self-BLEU of one problem's samples, both from one pass of n-gram counting.
import FlowRLCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// n-gram statistics of a group of samples, orders 1 … `maxOrder`.
///
/// - **distinct-n**: distinct n-grams over all samples of the group divided by all n-grams of the group (pooled,
///   as in Li et al. 2016); 1 when nothing repeats, near 0 when the samples repeat one another.
/// - **self-BLEU** (Zhu et al. 2018, Texygen): the mean over samples of the sentence BLEU-4 of that sample against
///   all the others as references: clipped n-gram precisions (counts clipped by the maximum count in any single
///   other sample), uniform weights over orders 1–4, brevity penalty exp(1 − r/c) with r the closest reference
///   length (the shorter on ties). Zero precisions are floored at 0.1 / (n-grams of that order) (sacreBLEU's
///   "floor" smoothing), and orders longer than the sample are left out of the mean (sacreBLEU's effective
///   order). 1 when all samples are identical; nil for fewer than two samples.
///
/// - Complexity: O(total tokens × maxOrder): the maximum count over the other samples comes from each n-gram's
///   largest and second-largest per-sample count, never from comparing samples pairwise.
public struct NGramStatistics: Sendable, Equatable {
    /// distinct-n for n = 1 … maxOrder (index 0 is distinct-1); 0 for an order with no n-grams.
    public var distinct: [Double]
    public var selfBLEU: Double?

    public static let maxOrder = 4

    public init(tokens: [[UInt64]]) {
        var scratch = NGramScratch()
        self = scratch.statistics(tokens: tokens)
    }

    /// Each sample's word-trigram hashes (the MinHash shingles), kept so they are hashed once.
    var trigrams: [[UInt64]] = []

    init(distinct: [Double], selfBLEU: Double?, trigrams: [[UInt64]]) {
        self.distinct = distinct
        self.selfBLEU = selfBLEU
        self.trigrams = trigrams
    }

    public static func == (a: NGramStatistics, b: NGramStatistics) -> Bool {
        a.distinct == b.distinct && a.selfBLEU == b.selfBLEU
    }
}

/// Reusable buffers for `NGramStatistics` (one per worker thread).
struct NGramScratch {
    private var table = NGramTable()
    /// The compressor of the compression similarity, reused across problems.
    let sizer = DeflateSizer(level: CompressionSimilarity.level)

    mutating func statistics(tokens: [[UInt64]]) -> NGramStatistics {
        let orders = NGramStatistics.maxOrder
        let totalTokens = tokens.reduce(0) { $0 + $1.count }
        var distinct = [Double](repeating: 0, count: orders)
        var trigrams = [[UInt64]](repeating: [], count: tokens.count)
        // clipped[s][o] and totals[s][o]: sample s's clipped matches and n-grams of order o + 1.
        var clipped = [[Int]](repeating: [Int](repeating: 0, count: orders), count: tokens.count)
        var totals = clipped
        // One order at a time, so the table and count buffers stay small enough for the caches.
        for order in 1...orders {
            table.reset(capacity: totalTokens)
            var ids: [[Int32]] = []
            ids.reserveCapacity(tokens.count)
            var total = 0
            for (s, sampleTokens) in tokens.enumerated() {
                let hashes = Tokenizer.ngramHashes(sampleTokens, order: order)
                if order == MinHashSketch.shingleOrder { trigrams[s] = hashes }
                ids.append(table.ids(of: hashes))
                total += hashes.count
                totals[s][order - 1] = hashes.count
            }
            distinct[order - 1] = total == 0 ? 0 : Double(table.count) / Double(total)
            guard tokens.count >= 2 else { continue }
            let perSample = Self.clippedMatches(ids, idCount: Int(table.count))
            for s in tokens.indices { clipped[s][order - 1] = perSample[s] }
        }
        guard tokens.count >= 2 else { return NGramStatistics(distinct: distinct, selfBLEU: nil, trigrams: trigrams) }

        let lengths = tokens.map(\.count)
        var bleuSum = 0.0
        for s in tokens.indices {
            var logPrecisionSum = 0.0
            var usedOrders = 0
            for o in 0..<orders where totals[s][o] > 0 {
                let precision = clipped[s][o] > 0 ? Double(clipped[s][o]) / Double(totals[s][o]) : 0.1 / Double(totals[s][o])
                logPrecisionSum += log(precision)
                usedOrders += 1
            }
            guard usedOrders > 0 else { continue }
            let c = lengths[s]
            var r = Int.max
            for (other, length) in lengths.enumerated() where other != s {
                if abs(length - c) < abs(r - c) || (abs(length - c) == abs(r - c) && length < r) { r = length }
            }
            let brevity = c >= r ? 1.0 : exp(1 - Double(r) / Double(c))
            bleuSum += brevity * exp(logPrecisionSum / Double(usedOrders))
        }
        return NGramStatistics(distinct: distinct, selfBLEU: bleuSum / Double(tokens.count), trigrams: trigrams)
    }

    /// For each sample, Σ over its n-grams of min(its count, the largest count in any one other sample).
    /// Two linear passes: the first finds each n-gram's largest per-sample count, whose it is, and the second
    /// largest; the second clips against the largest of the others.
    static func clippedMatches(_ ids: [[Int32]], idCount: Int) -> [Int] {
        // counts | largest | second largest | owner of the largest, one Int32 each per n-gram id.
        let buffer = UnsafeMutablePointer<Int32>.allocate(capacity: idCount * 4)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: 0, count: idCount * 3)
        (buffer + 3 * idCount).initialize(repeating: -1, count: idCount)
        let counts = buffer, first = buffer + idCount, second = buffer + 2 * idCount, owner = buffer + 3 * idCount
        var touched: [Int] = []
        touched.reserveCapacity(4096)
        for (s, list) in ids.enumerated() {
            tally(list, into: counts, touched: &touched)
            for id in touched {
                let c = counts[id]
                if c > first[id] {
                    second[id] = first[id]
                    first[id] = c
                    owner[id] = Int32(s)
                } else if c > second[id] {
                    second[id] = c
                }
                counts[id] = 0
            }
        }
        var out = [Int](repeating: 0, count: ids.count)
        for (s, list) in ids.enumerated() {
            tally(list, into: counts, touched: &touched)
            var matched = 0
            for id in touched {
                let reference = owner[id] == Int32(s) ? second[id] : first[id]
                matched += Int(min(counts[id], reference))
                counts[id] = 0
            }
            out[s] = matched
        }
        return out
    }

    /// Counts `list` into `counts` (all zero before), listing each id's first appearance in `touched`.
    @inline(__always)
    private static func tally(_ list: [Int32], into counts: UnsafeMutablePointer<Int32>, touched: inout [Int]) {
        touched.removeAll(keepingCapacity: true)
        for raw in list {
            let id = Int(raw)
            if counts[id] == 0 { touched.append(id) }
            counts[id] += 1
        }
    }
}
