// Word tokens of a response as 64-bit hashes, and hashed n-grams over them: the shared input of every
// n-gram-based diversity metric.

/// Splits text into word tokens and hashes them.
///
/// Tokens: maximal runs of ASCII letters and digits (lower-cased) and of non-ASCII bytes form words; ASCII white
/// space separates them; every other ASCII character (`=`, `+`, `\`, `{`, …) is a token of its own, since in
/// mathematical text operators carry meaning. `"x^2 = 4"` is `x ^ 2 = 4`.
public enum Tokenizer {
    /// The FNV-1a hash of each token of `text`, in order.
    /// - Complexity: O(bytes).
    public static func tokenHashes(_ text: String) -> [UInt64] {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt64] = []
            out.reserveCapacity(bytes.count / 4)
            var hash: UInt64 = fnvOffset
            var inWord = false
            for var byte in bytes {
                if byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) {
                    if byte < 0x80 && byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                    hash = (hash ^ UInt64(byte)) &* fnvPrime
                    inWord = true
                    continue
                }
                if inWord {
                    out.append(hash)
                    hash = fnvOffset
                    inWord = false
                }
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { continue }
                out.append((fnvOffset ^ UInt64(byte)) &* fnvPrime)
            }
            if inWord { out.append(hash) }
            return out
        }
    }

    /// The hashes of the `order`-grams of `tokens` (tokens.count − order + 1 of them, none when shorter).
    /// Hashes of different orders never coincide by construction of the seed, and are fully mixed (uniform bits).
    public static func ngramHashes(_ tokens: [UInt64], order: Int) -> [UInt64] {
        precondition(order >= 1)
        guard tokens.count >= order else { return [] }
        return [UInt64](unsafeUninitializedCapacity: tokens.count - order + 1) { buffer, count in
            count = tokens.withUnsafeBufferPointer { ngramHashes($0, order: order, into: buffer.baseAddress!) }
        }
    }

    /// Writes the `order`-gram hashes of `tokens` to `out` (room for tokens.count of them) and returns how many.
    @inline(__always)
    static func ngramHashes(_ tokens: UnsafeBufferPointer<UInt64>, order: Int, into out: UnsafeMutablePointer<UInt64>)
        -> Int {
        guard tokens.count >= order else { return 0 }
        let count = tokens.count - order + 1
        let seed = 0x243F_6A88_85A3_08D3 &* UInt64(order)
        for start in 0..<count {
            var h = seed
            for j in 0..<order { h = (h ^ tokens[start + j]) &* fnvPrime &+ 0x9E37_79B9 }
            out[start] = mix(h)
        }
        return count
    }

    /// SplitMix64's finaliser: spreads every input bit over the output.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3
}
