// Reads the one shape of pickle LiveCodeBench uses for private tests: a protocol-4 pickle of a single str.
// Only PROTO, FRAME, SHORT_BINUNICODE, BINUNICODE, BINUNICODE8, MEMOIZE and STOP are understood; any other
// opcode is an error. Nothing is ever executed (a general unpickler runs code).

/// An error reading a pickled string, with the byte offset of the offending opcode.
public struct PickleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "pickle: \(reason) at byte \(offset)" }
}

/// Extracts the string of a `pickle.dumps(str, protocol=4)` blob.
public enum PickleString {
    /// The byte range of the UTF-8 string inside `bytes` (no copy), after checking the whole opcode stream.
    ///
    /// - Parameter validatingUTF8: false when the caller checks the string's UTF-8 itself anyway (a full JSON
    ///   validation of it does), to save a second pass over a large string.
    /// - Complexity: O(n) for the UTF-8 check of the string; the opcode walk is O(number of opcodes).
    public static func stringRange(in bytes: UnsafeRawBufferPointer, validatingUTF8: Bool = true) throws -> Range<Int> {
        let p = bytes.bindMemory(to: UInt8.self)
        let n = p.count
        var i = 0
        var result: Range<Int>?

        func readLength(_ at: Int, _ width: Int) throws -> Int {
            guard at + width <= n else { throw PickleError(offset: at - 1, reason: "truncated length field") }
            var v: UInt64 = 0
            for k in 0..<width { v |= UInt64(p[at + k]) << (8 * UInt64(k)) }
            guard v <= UInt64(Int.max) else { throw PickleError(offset: at - 1, reason: "length out of range") }
            return Int(v)
        }

        while i < n {
            let op = p[i]
            let at = i
            i += 1
            switch op {
            case 0x80: // PROTO
                guard at == 0 else { throw PickleError(offset: at, reason: "PROTO not at the start") }
                guard i < n else { throw PickleError(offset: at, reason: "truncated PROTO") }
                guard p[i] >= 2 && p[i] <= 5 else { throw PickleError(offset: at, reason: "unsupported protocol \(p[i])") }
                i += 1
            case 0x95: // FRAME: an 8-byte length; the frame's contents follow inline.
                let length = try readLength(i, 8)
                i += 8
                guard length <= n - i else { throw PickleError(offset: at, reason: "FRAME of \(length) bytes overruns the data") }
            case 0x8C, 0x58, 0x8D: // SHORT_BINUNICODE, BINUNICODE, BINUNICODE8
                guard result == nil else { throw PickleError(offset: at, reason: "more than one value (expected a single str)") }
                let width = op == 0x8C ? 1 : (op == 0x58 ? 4 : 8)
                let length = try readLength(i, width)
                i += width
                guard length <= n - i else { throw PickleError(offset: at, reason: "string of \(length) bytes overruns the data") }
                guard let base = p.baseAddress, !validatingUTF8 || UTF8Validation.isValid(base + i, length) else {
                    throw PickleError(offset: at, reason: "string is not valid UTF-8")
                }
                result = i..<(i + length)
                i += length
            case 0x94: // MEMOIZE: stores the top of the stack in the memo; nothing to do for a single value.
                guard result != nil else { throw PickleError(offset: at, reason: "MEMOIZE with an empty stack") }
            case 0x2E: // STOP
                guard let range = result else { throw PickleError(offset: at, reason: "STOP with an empty stack") }
                guard i == n else { throw PickleError(offset: i, reason: "\(n - i) bytes after STOP") }
                return range
            default:
                throw PickleError(offset: at, reason: "unsupported opcode 0x" + String(op, radix: 16, uppercase: true)
                                  + " (only a pickled str is accepted)")
            }
        }
        throw PickleError(offset: n, reason: "truncated: no STOP opcode")
    }

    /// Pickles `text` the way Python's `pickle.dumps(text, protocol=4)` does (for tests and sample writers).
    public static func encode(_ text: String) -> [UInt8] {
        let body = Array(text.utf8)
        var payload: [UInt8] = []
        if body.count < 256 {
            payload = [0x8C, UInt8(body.count)]
        } else if body.count <= Int(UInt32.max) {
            payload = [0x58] + littleEndian(UInt64(body.count), 4)
        } else {
            payload = [0x8D] + littleEndian(UInt64(body.count), 8)
        }
        payload += body
        payload += [0x94, 0x2E]
        var out: [UInt8] = [0x80, 4]
        if payload.count >= 4 {
            out += [0x95] + littleEndian(UInt64(payload.count), 8)
        }
        return out + payload
    }

    private static func littleEndian(_ v: UInt64, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) }
    }
}
