// A byte-level JSON parser (RFC 8259) for bulk JSONL: ~10x JSONDecoder's speed on benchmark rows (STYLE.md).
// Strings without escapes are found eight bytes at a time and validated as UTF-8 once; numbers keep their text.

/// A JSON syntax error with the byte offset (0-based) in the parsed text.
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset of the problem in the parsed text.
    public var offset: Int
    /// What was wrong.
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(reason) (byte \(offset + 1))" }
}

/// Parses JSON text from bytes.
///
///     let row = try JSONParser.parse(Array(#"{"answer": 27.0}"#.utf8))
public struct JSONParser: ~Copyable {
    /// Nesting deeper than this is rejected (guards the recursive descent).
    public static let maximumDepth = 512

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var index = 0
    private var depth = 0

    private init(_ base: UnsafePointer<UInt8>, _ count: Int) {
        self.base = base
        self.count = count
    }

    /// Parses one complete JSON value; trailing non-space bytes are an error.
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws -> JSONValue {
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else {
            throw JSONSyntaxError(offset: 0, reason: "empty input, expected a JSON value")
        }
        var parser = JSONParser(start, bytes.count)
        let value = try parser.parseValue()
        try parser.expectEnd()
        return value
    }

    /// Parses one complete JSON value from a byte array.
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        try bytes.withUnsafeBytes { raw in try parse(raw) }
    }

    /// Parses one complete JSON value from a string.
    public static func parse(_ text: String) throws -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Parses one complete JSON value, except that when it is an object whose member `rawKey` holds a string
    /// without escapes, that string is not copied into a `String`: the member is left out of the object and the
    /// byte range of its contents in `bytes` (checked as UTF-8) is returned instead. For rows that carry one huge
    /// field (encoded tests) next to small ones. A later duplicate of `rawKey` wins, as in `parse`.
    public static func parse(_ bytes: UnsafeRawBufferPointer,
                             rawStringMember rawKey: String) throws -> (value: JSONValue, raw: Range<Int>?) {
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else {
            throw JSONSyntaxError(offset: 0, reason: "empty input, expected a JSON value")
        }
        var parser = JSONParser(start, bytes.count)
        parser.skipSpace()
        guard parser.index < parser.count, parser.base[parser.index] == UInt8(ascii: "{") else {
            let value = try parser.parseValue()
            try parser.expectEnd()
            return (value, nil)
        }
        let (object, raw) = try parser.parseObject(rawStringMember: rawKey)
        try parser.expectEnd()
        return (.object(object), raw)
    }

    /// The members of the top-level object in `bytes`, in source order (duplicates included), each value fully
    /// validated but not built; nil when the top-level value is valid JSON but not an object.
    ///
    /// For readers that need a few fields of each row and copy the rest through: a value's source text is its
    /// compact JSON text whenever `JSONMemberSpan.isCompact` (as `JSONValue.jsonText` would write it).
    /// - Throws: `JSONSyntaxError` exactly where `parse` would.
    public static func objectMembers(_ bytes: UnsafeRawBufferPointer) throws -> [JSONMemberSpan]? {
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else {
            throw JSONSyntaxError(offset: 0, reason: "empty input, expected a JSON value")
        }
        var parser = JSONParser(start, bytes.count)
        parser.skipSpace()
        guard parser.index < parser.count, parser.base[parser.index] == UInt8(ascii: "{") else {
            _ = try parser.parseValue()
            try parser.expectEnd()
            return nil
        }
        let members = try parser.memberSpans()
        try parser.expectEnd()
        return members
    }

    /// The contents of one JSON string literal (quotes included, e.g. a `JSONMemberSpan.value`), escapes
    /// resolved, written straight into the string's storage.
    /// - Throws: `JSONSyntaxError` when `literal` is not exactly one well-formed string literal.
    public static func decodeString(_ literal: UnsafeRawBufferPointer) throws -> String {
        guard let start = literal.baseAddress?.assumingMemoryBound(to: UInt8.self), literal.count >= 2,
              start[0] == UInt8(ascii: "\""), start[literal.count - 1] == UInt8(ascii: "\"") else {
            throw JSONSyntaxError(offset: 0, reason: "expected a string")
        }
        var parser = JSONParser(start, literal.count)
        parser.index = 1
        let end = literal.count - 1
        var failure: JSONSyntaxError?
        // Escapes only shrink: the decoded text is at most as long as the literal's contents.
        let text = String(unsafeUninitializedCapacity: end - 1) { out in
            var written = 0
            do {
                while parser.index < end {
                    let runStart = parser.index
                    if parser.scanPlainRun() && !UTF8Validation.isValid(start + runStart, parser.index - runStart) {
                        throw parser.fail("invalid UTF-8 in a string", at: runStart)
                    }
                    let run = parser.index - runStart
                    if run > 0 {
                        UnsafeMutableRawPointer(out.baseAddress! + written).copyMemory(from: start + runStart, byteCount: run)
                        written += run
                    }
                    if parser.index >= end { break }
                    guard start[parser.index] == UInt8(ascii: "\\") else {
                        throw parser.fail(start[parser.index] < 0x20
                            ? "control character \(parser.describe(start[parser.index])) inside a string (must be escaped)"
                            : "unexpected '\"' inside a string")
                    }
                    var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
                    let n = encode(try parser.readEscape(), into: &utf8)
                    withUnsafeBytes(of: utf8) { for k in 0..<n { out[written + k] = $0[k] } }
                    written += n
                }
            } catch {
                failure = error as? JSONSyntaxError ?? JSONSyntaxError(offset: parser.index, reason: "\(error)")
                return 0
            }
            return written
        }
        if let failure { throw failure }
        guard parser.index == end else { throw JSONSyntaxError(offset: parser.index, reason: "truncated string") }
        return text
    }

    /// Validates a JSON array of test objects without building its strings, and returns the element count.
    ///
    /// Each element must be an object whose `input` and `output` members are strings; when `testtype` is
    /// present it must be one of `allowedTypes`. Strings are checked for valid escapes and UTF-8.
    /// - Complexity: one pass over the bytes; allocates only member keys.
    public static func validateTestArray(_ bytes: UnsafeRawBufferPointer,
                                         allowedTypes: Set<String> = ["stdin", "functional"]) throws -> Int {
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else {
            throw JSONSyntaxError(offset: 0, reason: "empty test list")
        }
        var parser = JSONParser(start, bytes.count)
        let n = try parser.validateTests(allowedTypes)
        try parser.expectEnd()
        return n
    }

    // MARK: - Values

    private mutating func parseValue() throws -> JSONValue {
        skipSpace()
        guard index < count else { throw fail("unexpected end of input, expected a value") }
        switch base[index] {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw fail("unexpected character \(describe(base[index])), expected a value")
        }
    }

    private mutating func parseObject() throws -> JSONObject {
        var members: [(key: String, value: JSONValue)] = []
        try forEachMember { parser, key, _ in members.append((key, try parser.parseValue())) }
        return JSONObject(members)
    }

    /// `parseObject()` keeping the plain string value of `rawKey` as a byte range (see `parse(_:rawStringMember:)`).
    private mutating func parseObject(rawStringMember rawKey: String) throws -> (JSONObject, Range<Int>?) {
        var members: [(key: String, value: JSONValue)] = []
        var raw: Range<Int>?
        try forEachMember { parser, key, _ in
            if key == rawKey, let range = try parser.plainString() {
                members.removeAll { $0.key == rawKey }
                raw = range
            } else {
                let value = try parser.parseValue()
                if key == rawKey { raw = nil }
                members.append((key, value))
            }
        }
        return (JSONObject(members), raw)
    }

    /// The members of the object at `index` (see `objectMembers`).
    private mutating func memberSpans() throws -> [JSONMemberSpan] {
        var members: [JSONMemberSpan] = []
        try forEachMember { parser, key, keyText in
            let valueStart = parser.index
            var kind = JSONMemberSpan.Kind.other
            if parser.index < parser.count, parser.base[parser.index] == UInt8(ascii: "\"") {
                switch try parser.skipString() {
                case .plain: kind = .plainString
                case .canonical: kind = .canonicalString
                case .escaped: kind = .escapedString
                }
            } else {
                let first = parser.index < parser.count ? parser.base[parser.index] : 0
                _ = try parser.parseValue()
                if first != UInt8(ascii: "{") && first != UInt8(ascii: "[") { kind = .scalar }
            }
            let plainKey = keyText.count == key.utf8.count + 2   // no escapes: the text is the compact key
            members.append(JSONMemberSpan(key: key, keyText: plainKey ? keyText : nil, value: valueStart..<parser.index,
                                          kind: kind))
        }
        return members
    }

    /// Walks the object at `index`: for each member, parses the key and calls `value` with the parser at the
    /// member's value (spaces skipped), which must consume exactly that value, the key, and the key's text range.
    @inline(__always)
    private mutating func forEachMember(_ value: (inout JSONParser, String, Range<Int>) throws -> Void) throws {
        try enter()
        index += 1
        skipSpace()
        if index < count, base[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return
        }
        while true {
            skipSpace()
            guard index < count, base[index] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let keyStart = index
            let key = try parseString()
            let keyText = keyStart..<index
            try expectByte(UInt8(ascii: ":"), "expected ':' after an object key")
            skipSpace()
            try value(&self, key, keyText)
            if try endOfContainer(UInt8(ascii: "}"), "expected ',' or '}' in an object") { break }
        }
        depth -= 1
    }

    /// At a string without escapes: consumes it and returns the range of its contents (checked as UTF-8).
    /// Anywhere else (another value, or a string with escapes): consumes nothing and returns nil.
    private mutating func plainString() throws -> Range<Int>? {
        guard index < count, base[index] == UInt8(ascii: "\"") else { return nil }
        let quote = index
        index += 1
        let nonASCII = scanPlainRun()
        guard index < count, base[index] == UInt8(ascii: "\"") else {
            index = quote
            return nil
        }
        let contents = (quote + 1)..<index
        guard !nonASCII || UTF8Validation.isValid(base + contents.lowerBound, contents.count) else {
            throw fail("invalid UTF-8 in a string", at: contents.lowerBound)
        }
        index += 1
        return contents
    }

    private mutating func parseArray() throws -> [JSONValue] {
        try enter()
        index += 1
        var elements: [JSONValue] = []
        skipSpace()
        if index < count, base[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return elements
        }
        while true {
            elements.append(try parseValue())
            if try endOfContainer(UInt8(ascii: "]"), "expected ',' or ']' in an array") { break }
        }
        depth -= 1
        return elements
    }

    /// After a member or element: consumes ',' (returns false) or the closing byte (returns true).
    private mutating func endOfContainer(_ close: UInt8, _ message: String) throws -> Bool {
        skipSpace()
        guard index < count else { throw fail("unexpected end of input, \(message)") }
        let b = base[index]
        index += 1
        if b == UInt8(ascii: ",") { return false }
        if b == close { return true }
        index -= 1
        throw fail(message)
    }

    private mutating func enter() throws {
        depth += 1
        if depth > Self.maximumDepth { throw fail("nesting deeper than \(Self.maximumDepth) levels") }
    }

    // MARK: - Strings

    /// Parses a string starting at its opening quote.
    private mutating func parseString() throws -> String {
        index += 1
        let start = index
        scanPlainRun()
        guard index < count else { throw fail("unterminated string", at: start - 1) }
        if base[index] == UInt8(ascii: "\"") {
            let text = try makeString(start, index)
            index += 1
            return text
        }
        // Slow path: the string has escapes.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(index - start + 16)
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        while true {
            guard index < count else { throw fail("unterminated string", at: start - 1) }
            let b = base[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                break
            } else if b == UInt8(ascii: "\\") {
                try appendEscape(&bytes)
            } else if b < 0x20 {
                throw fail("control character \(describe(b)) inside a string (must be escaped)")
            } else {
                let runStart = index
                scanPlainRun()
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw fail("invalid UTF-8 in a string", at: start)
        }
        return text
    }

    /// How a string literal is written, as far as copying its text through is concerned.
    private enum StringForm {
        /// No escapes.
        case plain
        /// Every escape written as `JSONValue.writeString` writes it (the text is its compact JSON text).
        case canonical
        /// Other escapes.
        case escaped
    }

    /// Skips a string starting at its opening quote, validating escapes and UTF-8, and says how it is written.
    @discardableResult
    private mutating func skipString() throws -> StringForm {
        index += 1
        let start = index
        var form = StringForm.plain
        while true {
            let runStart = index
            if scanPlainRun() && !UTF8Validation.isValid(base + runStart, index - runStart) {
                throw fail("invalid UTF-8 in a string", at: runStart)
            }
            guard index < count else { throw fail("unterminated string", at: start - 1) }
            let b = base[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return form
            } else if b == UInt8(ascii: "\\") {
                if let length = canonicalEscapeLength(at: index) {
                    index += length
                    if form == .plain { form = .canonical }
                } else {
                    form = .escaped
                    _ = try readEscape()
                }
            } else {
                throw fail("control character \(describe(b)) inside a string (must be escaped)")
            }
        }
    }

    /// The length of the escape at `at` when it is one `JSONValue.writeString` writes (`\"`, `\\`, `\n`, `\r`, `\t`,
    /// or `\u00xx` in lowercase hex for the other control characters), else nil.
    @inline(__always)
    private func canonicalEscapeLength(at: Int) -> Int? {
        guard at + 1 < count else { return nil }
        switch base[at + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return 2
        case UInt8(ascii: "u"):
            guard at + 6 <= count, base[at + 2] == UInt8(ascii: "0"), base[at + 3] == UInt8(ascii: "0") else { return nil }
            let high = base[at + 4], low = base[at + 5]
            guard high == UInt8(ascii: "0") || high == UInt8(ascii: "1") else { return nil }
            let digit: UInt8
            switch low {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = low - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = low - UInt8(ascii: "a") + 10
            default: return nil
            }
            let value = (high - UInt8(ascii: "0")) << 4 | digit
            return value == 0x09 || value == 0x0A || value == 0x0D ? nil : 6
        default:
            return nil
        }
    }

    /// Advances `index` over bytes that are not '"', '\\' or control characters, eight at a time; returns true
    /// when any byte passed over is not ASCII (only then does the run need UTF-8 validation).
    @inline(__always) @discardableResult
    private mutating func scanPlainRun() -> Bool {
        let raw = UnsafeRawPointer(base)
        let highs: UInt64 = 0x8080_8080_8080_8080
        var seen: UInt64 = 0
        while index + 8 <= count {
            let w = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let q = w ^ (ones &* 0x22)
            let s = w ^ (ones &* 0x5C)
            let special = ((q &- ones) & ~q) | ((s &- ones) & ~s) | ((w &- ones &* 0x20) & ~w)
            if special & highs != 0 { break }
            seen |= w
            index += 8
        }
        while index < count {
            let b = base[index]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
            seen |= UInt64(b)
            index += 1
        }
        return seen & highs != 0
    }

    private mutating func appendEscape(_ bytes: inout [UInt8]) throws {
        var utf8: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        let n = Self.encode(try readEscape(), into: &utf8)
        withUnsafeBytes(of: utf8) { bytes.append(contentsOf: $0[..<n]) }
    }

    /// Reads the escape at `index` (a backslash), surrogate pairs joined, and returns the scalar it stands for.
    private mutating func readEscape() throws -> Unicode.Scalar {
        index += 1
        guard index < count else { throw fail("unterminated escape sequence") }
        let e = base[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 6 <= count, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                    throw fail("unpaired UTF-16 surrogate in \\u escape")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid UTF-16 low surrogate in \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw fail("unpaired UTF-16 surrogate in \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid \\u escape") }
            return unicode
        default:
            index -= 1
            throw fail("invalid escape \\\(describe(e))")
        }
    }

    /// Writes `scalar` as UTF-8 into `out`; returns the byte count (1...4).
    @inline(__always)
    private static func encode(_ scalar: Unicode.Scalar, into out: inout (UInt8, UInt8, UInt8, UInt8)) -> Int {
        let v = scalar.value
        switch v {
        case ..<0x80:
            out.0 = UInt8(v)
            return 1
        case ..<0x800:
            out = (UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F), 0, 0)
            return 2
        case ..<0x10000:
            out = (UInt8(0xE0 | v >> 12), UInt8(0x80 | (v >> 6) & 0x3F), UInt8(0x80 | v & 0x3F), 0)
            return 3
        default:
            out = (UInt8(0xF0 | v >> 18), UInt8(0x80 | (v >> 12) & 0x3F), UInt8(0x80 | (v >> 6) & 0x3F),
                   UInt8(0x80 | v & 0x3F))
            return 4
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= count else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = base[index]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw fail("invalid hex digit \(describe(b)) in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private func makeString(_ start: Int, _ end: Int) throws -> String {
        let buffer = UnsafeBufferPointer(start: base + start, count: end - start)
        // ASCII (keys, most values) needs no validation: decoding it cannot fail and is cheaper.
        if UTF8Validation.isASCII(base + start, end - start) { return String(decoding: buffer, as: UTF8.self) }
        guard let text = String(validating: buffer, as: UTF8.self) else {
            throw fail("invalid UTF-8 in a string", at: start)
        }
        return text
    }

    // MARK: - Numbers and words

    private mutating func parseNumber() throws -> String {
        let start = index
        if base[index] == UInt8(ascii: "-") { index += 1 }
        guard index < count, isDigit(base[index]) else { throw fail("invalid number: expected a digit") }
        if base[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if index < count, base[index] == UInt8(ascii: ".") {
            index += 1
            guard index < count, isDigit(base[index]) else { throw fail("invalid number: expected a digit after '.'") }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if index < count, base[index] == UInt8(ascii: "e") || base[index] == UInt8(ascii: "E") {
            index += 1
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            guard index < count, isDigit(base[index]) else { throw fail("invalid number: expected an exponent digit") }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        // Number text is ASCII by construction.
        return String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private mutating func expectWord(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard index + n <= count, memcmp(base + index, word.utf8Start, n) == 0 else {
            throw fail("invalid literal, expected \(word)")
        }
        index += n
    }

    private mutating func expectByte(_ byte: UInt8, _ message: String) throws {
        skipSpace()
        guard index < count, base[index] == byte else { throw fail(message) }
        index += 1
    }

    private mutating func expectEnd() throws {
        skipSpace()
        if index < count { throw fail("unexpected \(describe(base[index])) after the JSON value") }
    }

    @inline(__always)
    private mutating func skipSpace() {
        while index < count {
            let b = base[index]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            index += 1
        }
    }

    // MARK: - Validation without building values

    private mutating func validateTests(_ allowedTypes: Set<String>) throws -> Int {
        skipSpace()
        guard index < count, base[index] == UInt8(ascii: "[") else { throw fail("expected a JSON array of tests") }
        index += 1
        skipSpace()
        if index < count, base[index] == UInt8(ascii: "]") {
            index += 1
            return 0
        }
        var n = 0
        while true {
            skipSpace()
            guard index < count, base[index] == UInt8(ascii: "{") else { throw fail("test \(n + 1): expected an object") }
            let objectStart = index
            index += 1
            var sawInput = false
            var sawOutput = false
            skipSpace()
            if index < count, base[index] == UInt8(ascii: "}") {
                index += 1
            } else {
                while true {
                    skipSpace()
                    guard index < count, base[index] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                    let key = try parseString()
                    try expectByte(UInt8(ascii: ":"), "expected ':' after an object key")
                    skipSpace()
                    let isString = index < count && base[index] == UInt8(ascii: "\"")
                    switch key {
                    case "input", "output":
                        guard isString else { throw fail("test \(n + 1): \"\(key)\" must be a string") }
                        try skipString()
                        if key == "input" { sawInput = true } else { sawOutput = true }
                    case "testtype":
                        guard isString else { throw fail("test \(n + 1): \"testtype\" must be a string") }
                        let type = try parseString()
                        guard allowedTypes.contains(type) else {
                            throw fail("test \(n + 1): unknown testtype \"\(type)\"")
                        }
                    default:
                        try skipValue()
                    }
                    if try endOfContainer(UInt8(ascii: "}"), "expected ',' or '}' in an object") { break }
                }
            }
            guard sawInput, sawOutput else {
                throw fail("test \(n + 1): missing \"\(sawInput ? "output" : "input")\"", at: objectStart)
            }
            n += 1
            if try endOfContainer(UInt8(ascii: "]"), "expected ',' or ']' in an array") { break }
        }
        return n
    }

    /// Skips any value (validating it), building only what is small.
    private mutating func skipValue() throws {
        skipSpace()
        if index < count, base[index] == UInt8(ascii: "\"") {
            try skipString()
        } else {
            _ = try parseValue()
        }
    }

    // MARK: - Errors

    private func fail(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(offset: offset ?? index, reason: reason)
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One member of a JSON object as it stands in the source text (see `JSONParser.objectMembers`).
public struct JSONMemberSpan: Sendable, Equatable {
    /// What the value is, as far as copying its text through is concerned.
    public enum Kind: Sendable, Equatable {
        /// A string without escapes (its text is already compact JSON; its contents need no decoding).
        case plainString
        /// A string with escapes, each written as `JSONValue.writeString` writes it (its text is compact JSON).
        case canonicalString
        /// A string with other escapes (`\/`, `\b`, `\u00e9`, ...).
        case escapedString
        /// A number, `true`, `false` or `null` (its text is already compact JSON).
        case scalar
        /// An object or an array (its text may hold spaces).
        case other
    }

    /// The decoded key.
    public var key: String
    /// The byte range of the key's text, quotes included, when it has no escapes (so it is its compact JSON text).
    public var keyText: Range<Int>?
    /// The byte range of the value's text, quotes included for strings.
    public var value: Range<Int>
    public var kind: Kind

    /// True when the value's source text is exactly its compact JSON text.
    public var isCompact: Bool { kind != .escapedString && kind != .other }
}
