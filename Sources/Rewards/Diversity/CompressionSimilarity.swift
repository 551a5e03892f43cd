// Similarity as shared compressible structure: the normalised compression distance between samples.
import FlowRLCore

/// Compression-based similarity of a group of texts: 1 − the mean normalised compression distance
/// (Cilibrasi and Vitányi 2005) NCD(x, y) = (C(xy) − min(C(x), C(y))) / max(C(x), C(y)), C the LZ4 size
/// (acceleration 1), C(xy) as x's block followed by y's block in one stream.
///
/// The mean runs over the n cyclically adjacent pairs (s₀s₁, s₁s₂, …, sₙ₋₁s₀) rather than all n(n−1)/2 pairs:
/// samples are exchangeable draws, so this is an unbiased estimate of the all-pairs mean at linear cost (LZ4's
/// 64 KiB window spans a pair up to 32 KiB per sample). About 1 for identical texts, about 0 for
/// unrelated ones; clamped to [0, 1]. Pairs with a text under `minimumBytes` are left out: LZ4 matches nothing in
/// a block under 13 bytes, so two copies of "abcd" would look unrelated. nil for fewer than two texts or when no
/// pair is long enough.
public enum CompressionSimilarity {
    /// The compressor, as the report's methods section names it. LZ4 finds the long matches between the two
    /// halves of a similar pair as deflate does, without entropy coding. On 824-byte responses a sample cost
    /// 3.6 µs (its block alone, then as the second block of its predecessor's pair) against 20.8 µs for
    /// libdeflate's fastest level compressing it alone and in the joined pair, whose per-call table set-up
    /// dominated.
    public static let compressor = "LZ4 blocks; a pair is two blocks of one stream"

    /// Texts shorter than this (in UTF-8 bytes) are too short to compress meaningfully.
    public static let minimumBytes = 32

    public static func similarity(_ texts: [String]) -> Double? {
        similarity(texts, sizer: LZ4Sizer())
    }

    /// The same with a caller-owned compressor (reused across problems by one worker).
    static func similarity(_ texts: [String], sizer: LZ4Sizer) -> Double? {
        guard texts.count >= 2 else { return nil }
        let n = texts.count
        // sizes[i] = C(sᵢ); conditional[i] = C(sᵢ₊₁ | sᵢ), so C(sᵢsᵢ₊₁) = sizes[i] + conditional[i].
        var sizes = [Double](repeating: 0, count: n), conditional = sizes
        var long = [Bool](repeating: false, count: n)
        for i in 0..<n { long[i] = texts[i].utf8.count >= minimumBytes }
        let pairs = n == 2 ? 1 : n
        var total = 0.0, counted = 0
        for i in 0..<pairs where long[i] && long[(i + 1) % n] {
            let (alone, next) = sizer.sizes(texts[i], then: texts[(i + 1) % n])
            (sizes[i], conditional[i]) = (Double(alone), Double(next))
        }
        for i in 0..<pairs where long[i] && long[(i + 1) % n] {
            let j = (i + 1) % n
            // C(sⱼ) alone: measured when sⱼ opened its own pair, else now (the last pair of two texts).
            if sizes[j] == 0 { sizes[j] = Double(sizer.size(texts[j])) }
            total += (sizes[i] + conditional[i] - min(sizes[i], sizes[j])) / max(sizes[i], sizes[j])
            counted += 1
        }
        guard counted > 0 else { return nil }
        return min(1, max(0, 1 - total / Double(counted)))
    }
}
