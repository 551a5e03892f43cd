// UTF-8 validation without building a String, with an ASCII fast path eight bytes at a time.

/// Checks byte runs for well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
public enum UTF8Validation {
    /// True when the `count` bytes at `p` are well-formed UTF-8.
    public static func isValid(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i < count {
            if i + 8 <= count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b0 = p[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return false
            }
            guard i + length <= count else { return false }
            let b1 = p[i + 1]
            guard b1 >= lower, b1 <= upper else { return false }
            for k in 2..<max(2, length) where p[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    /// True when the `count` bytes at `p` are all ASCII (eight at a time).
    @inline(__always)
    public static func isASCII(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let raw = UnsafeRawPointer(p)
        var i = 0
        var bits: UInt64 = 0
        while i + 8 <= count {
            bits |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < count {
            bits |= UInt64(p[i])
            i += 1
        }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// True when `bytes` are well-formed UTF-8.
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        return isValid(base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }
}
