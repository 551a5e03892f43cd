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

    /// Each sample's MinHash sketch of its word trigrams, built while the trigrams are at hand.
    var sketches: [MinHashSketch] = []

    init(distinct: [Double], selfBLEU: Double?, sketches: [MinHashSketch]) {
        self.distinct = distinct
        self.selfBLEU = selfBLEU
        self.sketches = sketches
    }

    public static func == (a: NGramStatistics, b: NGramStatistics) -> Bool {
        a.distinct == b.distinct && a.selfBLEU == b.selfBLEU
    }
}

/// Reusable buffers for `NGramStatistics` (one per worker thread), so a problem costs no allocation beyond its
/// results.
struct NGramScratch {
    private var table = NGramTable()
    /// One order's n-gram hashes and their dense ids, all samples back to back.
    private var hashes: [UInt64] = []
    private var ids: [Int32] = []
    /// Sample s owns hashes[starts[s] ..< starts[s + 1]].
    private var starts: [Int] = []
    private var clip = ClipTally()
    /// The compressor of the compression similarity, reused across problems.
    let sizer = LZ4Sizer()

    mutating func statistics(tokens: [[UInt64]]) -> NGramStatistics {
        let orders = NGramStatistics.maxOrder
        let samples = tokens.count
        let totalTokens = tokens.reduce(0) { $0 + $1.count }
        var distinct = [Double](repeating: 0, count: orders)
        var sketches: [MinHashSketch] = []
        // clipped[s * orders + o] and totals[…]: sample s's clipped matches and n-grams of order o + 1.
        var clipped = [Int](repeating: 0, count: samples * orders)
        var totals = clipped
        var hashes = Self.take(&self.hashes, count: totalTokens, zero: 0)
        var ids = Self.take(&self.ids, count: totalTokens, zero: 0)
        var starts = Self.take(&self.starts, count: samples + 1, zero: 0)
        defer { (self.hashes, self.ids, self.starts) = (hashes, ids, starts) }
        // One order at a time, so the table and count buffers stay small enough for the caches.
        for order in 1...orders {
            table.reset(capacity: totalTokens)
            var total = 0
            hashes.withUnsafeMutableBufferPointer { hashes in
                ids.withUnsafeMutableBufferPointer { ids in
                    for s in 0..<samples {
                        starts[s] = total
                        let count = tokens[s].withUnsafeBufferPointer {
                            Tokenizer.ngramHashes($0, order: order, into: hashes.baseAddress! + total)
                        }
                        table.ids(of: UnsafeBufferPointer(rebasing: hashes[total..<(total + count)]),
                                  into: ids.baseAddress! + total)
                        totals[s * orders + order - 1] = count
                        total += count
                    }
                    starts[samples] = total
                    if order == MinHashSketch.shingleOrder {
                        sketches = (0..<samples).map { s in
                            MinHashSketch(shingles: UnsafeBufferPointer(rebasing: hashes[starts[s]..<starts[s + 1]]))
                        }
                    }
                }
            }
            distinct[order - 1] = total == 0 ? 0 : Double(table.count) / Double(total)
            guard samples >= 2 else { continue }
            ids.withUnsafeBufferPointer { ids in
                starts.withUnsafeBufferPointer { starts in
                    clip.matches(ids: ids, starts: UnsafeBufferPointer(rebasing: starts[0...samples]),
                                 idCount: Int(table.count)) { s, matched in
                        clipped[s * orders + order - 1] = matched
                    }
                }
            }
        }
        guard samples >= 2 else { return NGramStatistics(distinct: distinct, selfBLEU: nil, sketches: sketches) }

        var bleuSum = 0.0
        for s in 0..<samples {
            var logPrecisionSum = 0.0
            var usedOrders = 0
            for o in 0..<orders where totals[s * orders + o] > 0 {
                let (matched, all) = (clipped[s * orders + o], totals[s * orders + o])
                let precision = matched > 0 ? Double(matched) / Double(all) : 0.1 / Double(all)
                logPrecisionSum += log(precision)
                usedOrders += 1
            }
            guard usedOrders > 0 else { continue }
            let c = tokens[s].count
            var r = Int.max
            for other in 0..<samples where other != s {
                let length = tokens[other].count
                if abs(length - c) < abs(r - c) || (abs(length - c) == abs(r - c) && length < r) { r = length }
            }
            let brevity = c >= r ? 1.0 : exp(1 - Double(r) / Double(c))
            bleuSum += brevity * exp(logPrecisionSum / Double(usedOrders))
        }
        return NGramStatistics(distinct: distinct, selfBLEU: bleuSum / Double(samples), sketches: sketches)
    }

    /// Moves a buffer out of the scratch (so closures over it do not overlap other accesses to `self`), grown to
    /// at least `count` elements.
    private static func take<T>(_ buffer: inout [T], count: Int, zero: T) -> [T] {
        var out: [T] = []
        swap(&out, &buffer)
        if out.count < count { out = [T](repeating: zero, count: max(count, out.count * 2)) }
        return out
    }
}

/// Clipped n-gram matches of every sample against the others (the self-BLEU numerators), with buffers reused
/// across calls.
struct ClipTally {
    /// count | largest | second largest | owner of the largest, one Int32 each per n-gram id.
    private var buffer: [Int32] = []
    /// Each sample's distinct ids and their counts, back to back, kept from the first pass for the second.
    private var touched: [Int32] = []
    private var touchedCounts: [Int32] = []
    private var touchedStarts: [Int] = []

    /// For each sample s, Σ over its n-grams of min(its count, the largest count in any one other sample), passed
    /// to `report(s, matches)`. Sample s's n-gram ids are ids[starts[s] ..< starts[s + 1]].
    /// Two passes: the first counts each sample's n-grams and finds each n-gram's largest per-sample count, whose
    /// it is, and the second largest; the second clips each sample's kept counts against the largest of the others.
    mutating func matches(ids: UnsafeBufferPointer<Int32>, starts: UnsafeBufferPointer<Int>, idCount: Int,
                          report: (Int, Int) -> Void) {
        if buffer.count < idCount * 4 { buffer = [Int32](repeating: 0, count: max(idCount * 4, buffer.count * 2)) }
        // One slot more than n-grams: `tally` writes past its last kept id.
        if touched.count <= ids.count {
            touched = [Int32](repeating: 0, count: max(ids.count + 1, touched.count * 2))
            touchedCounts = touched
        }
        let samples = starts.count - 1
        if touchedStarts.count <= samples { touchedStarts = [Int](repeating: 0, count: samples + 1) }
        buffer.withUnsafeMutableBufferPointer { buffer in
            touched.withUnsafeMutableBufferPointer { touched in
                touchedCounts.withUnsafeMutableBufferPointer { kept in
                    touchedStarts.withUnsafeMutableBufferPointer { keptStarts in
                        let counts = buffer.baseAddress!, first = counts + idCount, second = counts + 2 * idCount
                        let owner = counts + 3 * idCount
                        counts.update(repeating: 0, count: idCount * 3)
                        owner.update(repeating: -1, count: idCount)
                        var base = 0
                        for s in 0..<samples {
                            keptStarts[s] = base
                            let distinct = Self.tally(ids, starts[s]..<starts[s + 1], into: counts,
                                                      touched: touched.baseAddress! + base)
                            for t in base..<(base + distinct) {
                                let id = Int(touched[t])
                                let c = counts[id]
                                kept[t] = c
                                if c > first[id] {
                                    second[id] = first[id]
                                    first[id] = c
                                    owner[id] = Int32(s)
                                } else if c > second[id] {
                                    second[id] = c
                                }
                                counts[id] = 0
                            }
                            base += distinct
                        }
                        keptStarts[samples] = base
                        for s in 0..<samples {
                            var matched = 0
                            for t in keptStarts[s]..<keptStarts[s + 1] {
                                let id = Int(touched[t])
                                let reference = owner[id] == Int32(s) ? second[id] : first[id]
                                matched += Int(min(kept[t], reference))
                            }
                            report(s, matched)
                        }
                    }
                }
            }
        }
    }

    /// Counts ids[range] into `counts` (all zero before), listing each id's first appearance from `touched` on;
    /// returns how many distinct ids it listed.
    @inline(__always)
    private static func tally(_ ids: UnsafeBufferPointer<Int32>, _ range: Range<Int>,
                              into counts: UnsafeMutablePointer<Int32>, touched: UnsafeMutablePointer<Int32>) -> Int {
        var distinct = 0
        for i in range {
            // Branch-free: the id is always written, and kept by advancing only on its first appearance.
            let id = Int(ids[i])
            let count = counts[id]
            touched[distinct] = Int32(id)
            distinct += count == 0 ? 1 : 0
            counts[id] = count + 1
        }
        return distinct
    }
}
