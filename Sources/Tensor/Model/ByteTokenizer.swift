// Byte-level tokenizer: tokens 0–255 are the UTF-8 bytes, special tokens follow. Lossless for any text.

/// Bytes as tokens, plus named special tokens (`<|bos|>`, `<|eos|>`, `<|pad|>` and any extras).
public struct ByteTokenizer: Codable, Equatable, Sendable {
    /// Special token strings in id order; token id = 256 + index.
    public let specialTokens: [String]

    /// A tokenizer with the three standard specials followed by `extraSpecials` (e.g. "<|user|>").
    public init(extraSpecials: [String] = []) {
        specialTokens = ["<|bos|>", "<|eos|>", "<|pad|>"] + extraSpecials
    }

    /// Vocabulary size: 256 bytes plus the specials.
    public var vocabularySize: Int { 256 + specialTokens.count }
    /// Begin-of-sequence id.
    public var bos: Int { 256 }
    /// End-of-sequence id (the usual stop token).
    public var eos: Int { 257 }
    /// Padding id.
    public var pad: Int { 258 }

    /// The id of special token `name`, or nil.
    public func id(ofSpecial name: String) -> Int? { specialTokens.firstIndex(of: name).map { 256 + $0 } }

    /// Token ids of `text`. Special token strings inside the text become their ids when `parseSpecials`.
    public func encode(_ text: String, addBOS: Bool = false, parseSpecials: Bool = true) -> [Int] {
        var out = addBOS ? [bos] : []
        let bytes = Array(text.utf8)
        let specials = parseSpecials ? specialTokens.enumerated().map { (Array($0.element.utf8), 256 + $0.offset) } : []
        var i = 0
        outer: while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                for (pattern, id) in specials where i + pattern.count <= bytes.count && Array(bytes[i..<(i + pattern.count)]) == pattern {
                    out.append(id)
                    i += pattern.count
                    continue outer
                }
            }
            out.append(Int(bytes[i]))
            i += 1
        }
        return out
    }

    /// The text of `tokens`; specials are written out unless `skipSpecials`. Invalid UTF-8 is repaired.
    public func decode(_ tokens: [Int], skipSpecials: Bool = false) -> String {
        var bytes: [UInt8] = []
        for t in tokens {
            if t >= 0 && t < 256 { bytes.append(UInt8(t)) } else if !skipSpecials, t >= 256, t < vocabularySize {
                bytes.append(contentsOf: specialTokens[t - 256].utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
