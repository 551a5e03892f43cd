// Standard base64 (RFC 4648, with padding) decoding for LiveCodeBench's encoded private tests.

/// Base64 decoding errors, with the offset of the offending character.
public struct Base64Error: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid base64: \(reason) at character \(offset + 1)" }
}

/// Decodes standard base64. Whitespace is not accepted (the encoded test fields never contain it).
public enum Base64 {
    private static let table: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            t[Int(c)] = UInt8(i)
        }
        return t
    }()

    /// Decodes `text`; its length must be a multiple of 4 with at most two '=' at the end.
    /// - Complexity: O(n), one table lookup per character.
    public static func decode(_ text: UnsafeRawBufferPointer) throws -> [UInt8] {
        let n = text.count
        guard n % 4 == 0 else { throw Base64Error(offset: n, reason: "length \(n) is not a multiple of 4") }
        if n == 0 { return [] }
        let p = text.bindMemory(to: UInt8.self)
        var padding = 0
        if p[n - 1] == UInt8(ascii: "=") { padding += 1 }
        if p[n - 2] == UInt8(ascii: "=") { padding += 1 }
        let outCount = n / 4 * 3 - padding
        let table = Self.table
        var bad = -1
        // Every output byte is written below (or the result is discarded), so no zero-fill pass is needed.
        let output = HugePages.array(count: outCount) { raw in
            let out = raw.bindMemory(to: UInt8.self)
            table.withUnsafeBufferPointer { t in
                let fullQuads = padding > 0 ? n / 4 - 1 : n / 4
                var o = 0
                var i = 0
                for _ in 0..<fullQuads {
                    let a = t[Int(p[i])], b = t[Int(p[i + 1])], c = t[Int(p[i + 2])], d = t[Int(p[i + 3])]
                    if (a | b | c | d) & 0x80 != 0 {
                        bad = i
                        return
                    }
                    let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    out[o] = UInt8(truncatingIfNeeded: v >> 16)
                    out[o + 1] = UInt8(truncatingIfNeeded: v >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: v)
                    o += 3
                    i += 4
                }
                if padding > 0 {
                    let a = t[Int(p[i])], b = t[Int(p[i + 1])]
                    let c = padding == 2 ? 0 : t[Int(p[i + 2])]
                    if (a | b | c) & 0x80 != 0 {
                        bad = i
                        return
                    }
                    let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6
                    out[o] = UInt8(truncatingIfNeeded: v >> 16)
                    if padding == 1 { out[o + 1] = UInt8(truncatingIfNeeded: v >> 8) }
                }
            }
        }
        if bad >= 0 {
            var k = bad
            while k < n, table[Int(p[k])] != 0xFF { k += 1 }
            throw Base64Error(offset: k, reason: "unexpected character")
        }
        return output
    }

    /// Decodes base64 text held in a String.
    public static func decode(_ text: String) throws -> [UInt8] {
        var copy = text
        do {
            return try copy.withUTF8 { buffer in try decode(UnsafeRawBufferPointer(buffer)) }
        }
    }

    /// Encodes bytes as standard base64 with padding (used by tests and sample writers).
    public static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i + 3 <= bytes.count {
            let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(v >> 18)], alphabet[Int(v >> 12 & 63)], alphabet[Int(v >> 6 & 63)], alphabet[Int(v & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let v = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out += [alphabet[Int(v >> 18)], alphabet[Int(v >> 12 & 63)]]
            out.append(rest == 2 ? alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
