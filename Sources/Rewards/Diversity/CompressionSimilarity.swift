// Similarity as shared compressible structure: the normalised compression distance between samples.
import FlowRLCore

/// Compression-based similarity of a group of texts: 1 − the mean normalised compression distance
/// (Cilibrasi and Vitányi 2005) NCD(x, y) = (C(xy) − min(C(x), C(y))) / max(C(x), C(y)), C the zlib-format
/// size under libdeflate.
///
/// The mean runs over the n cyclically adjacent pairs (s₀s₁, s₁s₂, …, sₙ₋₁s₀) rather than all n(n−1)/2 pairs:
/// samples are exchangeable draws, so this is an unbiased estimate of the all-pairs mean at linear cost (each
/// pair fits deflate's 32 KiB window up to 16 KiB per sample). About 1 for identical texts, about 0 for
/// unrelated ones; clamped to [0, 1]. nil for fewer than two texts.
public enum CompressionSimilarity {
    /// The deflate level: 1, libdeflate's fastest, which still finds the long matches between the two halves of
    /// a similar pair (measured 3× faster than level 6 on 8 kB responses).
    public static let level: Int32 = 1

    public static func similarity(_ texts: [String]) -> Double? {
        guard let sizer = DeflateSizer(level: level) else { return nil }
        return similarity(texts, sizer: sizer)
    }

    /// The same with a caller-owned compressor (reused across problems by one worker).
    static func similarity(_ texts: [String], sizer: DeflateSizer) -> Double? {
        guard texts.count >= 2 else { return nil }
        let bytes = texts.map { Array($0.utf8) }
        let sizes = bytes.map { Double(sizer.size($0)) }
        let pairs = texts.count == 2 ? [(0, 1)] : (0..<texts.count).map { ($0, ($0 + 1) % texts.count) }
        var total = 0.0
        for (i, j) in pairs {
            let joint = Double(sizer.size(bytes[i], followedBy: bytes[j]))
            let ncd = (joint - min(sizes[i], sizes[j])) / max(sizes[i], sizes[j])
            total += ncd
        }
        return min(1, max(0, 1 - total / Double(pairs.count)))
    }
}
