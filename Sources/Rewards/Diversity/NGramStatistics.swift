// distinct-n and self-BLEU of one problem's samples, both from one pass of n-gram counting.
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

    init(distinct: [Double], selfBLEU: Double?) {
        self.distinct = distinct
        self.selfBLEU = selfBLEU
    }
}

/// Reusable buffers for `NGramStatistics` (one per worker thread).
struct NGramScratch {
    private var table = NGramTable()
    private var counts: [Int32] = []
    private var first: [Int32] = []
    private var owner: [Int32] = []
    private var second: [Int32] = []
    private var touched: [Int32] = []

    mutating func statistics(tokens: [[UInt64]]) -> NGramStatistics {
        let orders = NGramStatistics.maxOrder
        let totalTokens = tokens.reduce(0) { $0 + $1.count }
        table.reset(capacity: totalTokens * orders)
        // ids[s][o]: the dense ids of sample s's (o+1)-grams.
        var ids = [[[Int32]]](repeating: [], count: tokens.count)
        var distinctCount = [Int](repeating: 0, count: orders)
        var totalCount = [Int](repeating: 0, count: orders)
        for (s, sampleTokens) in tokens.enumerated() {
            ids[s] = (1...orders).map { order in
                Tokenizer.ngramHashes(sampleTokens, order: order).map { hash in
                    let (id, isNew) = table.id(of: hash)
                    if isNew { distinctCount[order - 1] += 1 }
                    return id
                }
            }
            for o in 0..<orders { totalCount[o] += ids[s][o].count }
        }
        let distinct = (0..<orders).map { totalCount[$0] == 0 ? 0 : Double(distinctCount[$0]) / Double(totalCount[$0]) }
        guard tokens.count >= 2 else { return NGramStatistics(distinct: distinct, selfBLEU: nil) }

        let idCount = Int(table.count)
        if counts.count < idCount {
            counts = [Int32](repeating: 0, count: idCount)
        }
        first = [Int32](repeating: 0, count: idCount)
        owner = [Int32](repeating: -1, count: idCount)
        second = [Int32](repeating: 0, count: idCount)
        // Pass 1: each n-gram's largest per-sample count (and whose) and its second largest.
        for s in ids.indices {
            touched.removeAll(keepingCapacity: true)
            for list in ids[s] { countInto(list) }
            for id in touched {
                let c = counts[Int(id)]
                if c > first[Int(id)] {
                    second[Int(id)] = first[Int(id)]
                    first[Int(id)] = c
                    owner[Int(id)] = Int32(s)
                } else if c > second[Int(id)] {
                    second[Int(id)] = c
                }
                counts[Int(id)] = 0
            }
        }
        // Pass 2: each sample's clipped matches against the best other sample, per order.
        let lengths = tokens.map(\.count)
        var bleuSum = 0.0
        for s in ids.indices {
            var logPrecisionSum = 0.0
            var usedOrders = 0
            for o in 0..<orders {
                let total = ids[s][o].count
                guard total > 0 else { continue }
                touched.removeAll(keepingCapacity: true)
                countInto(ids[s][o])
                var clipped = 0
                for id in touched {
                    let reference = owner[Int(id)] == Int32(s) ? second[Int(id)] : first[Int(id)]
                    clipped += Int(min(counts[Int(id)], reference))
                    counts[Int(id)] = 0
                }
                let precision = clipped > 0 ? Double(clipped) / Double(total) : 0.1 / Double(total)
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
        return NGramStatistics(distinct: distinct, selfBLEU: bleuSum / Double(ids.count))
    }

    /// Counts ids into `counts`, appending each id seen for the first time to `touched`.
    private mutating func countInto(_ list: [Int32]) {
        for id in list {
            if counts[Int(id)] == 0 { touched.append(id) }
            counts[Int(id)] += 1
        }
    }
}
