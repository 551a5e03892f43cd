// Splits a byte stream into JSON records with their line numbers, in bounded memory: JSONL line by line, or the
// elements of a top-level JSON array one at a time. A record is handed out as soon as it is complete, so a 1 GB
// file never sits in memory whole; only the current record and one read buffer do.
import FlowRLCore
#if canImport(Glibc)
import Glibc
#endif

/// One JSON record's bytes and the 1-based line where it starts.
public struct Record: Sendable {
    public var bytes: [UInt8]
    public var line: Int

    /// `bytes` as an array of their own (in huge pages when they are large).
    static func copy(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        guard bytes.count >= HugePages.minimumBytes else { return Array(bytes) }
        return HugePages.array(count: bytes.count) { $0.copyMemory(from: bytes) }
    }
}

/// How records are laid out in a stream.
public enum RecordLayout: Sendable, Equatable {
    /// One JSON value per line (blank lines are skipped).
    case jsonLines
    /// A single top-level JSON array whose elements are the records.
    case jsonArray
}

/// Reads records from a `ByteSource`.
public struct RecordReader {
    private var source: any ByteSource
    private let location: InputLocation
    private let maxRecordBytes: Int
    private let chunkSize: Int
    private var buffer: [UInt8]
    private var start = 0          // first unconsumed byte in buffer
    private var end = 0            // one past the last valid byte in buffer
    private var eof = false
    private var line = 1           // line number of buffer[start]
    private(set) public var layout: RecordLayout?
    private var arrayState = ArrayState.beforeOpen
    private var lastRecordBytes = 0
    /// Bytes consumed so far (for progress).
    public private(set) var bytesRead = 0

    private enum ArrayState { case beforeOpen, expectElement, afterElement, closed }

    /// - Parameter layout: nil to decide from the first non-space byte ('[' -> array, otherwise lines).
    public init(source: any ByteSource, location: InputLocation, layout: RecordLayout? = nil,
                maxRecordBytes: Int, chunkSize: Int = 1 << 20) {
        self.source = source
        self.location = location
        self.layout = layout
        self.maxRecordBytes = maxRecordBytes
        self.chunkSize = chunkSize
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// The next record, or nil at the end of the stream.
    public mutating func next() throws -> Record? {
        guard let (range, line) = try nextRange() else { return nil }
        return Record(bytes: copy(range), line: line)
    }

    /// The next record's bytes lent in place, with its line, to `body` (they are valid only inside it; no copy
    /// is made), or nil at the end of the stream.
    public mutating func withNextRecord<R>(_ body: (UnsafeRawBufferPointer, _ line: Int) throws -> R) throws -> R? {
        guard let (range, line) = try nextRange() else { return nil }
        return try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range]), line) }
    }

    /// The next record as a range of `buffer` (valid until the buffer is next filled), and its line.
    private mutating func nextRange() throws -> (Range<Int>, Int)? {
        // After an unusually long record, give the grown buffer back rather than keep it for the whole file; but
        // keep it while records stay that long (growing it again for every record of a file of 10 MB rows
        // allocated and zero-filled some 30 MB per record).
        if buffer.count > 4 * max(chunkSize, lastRecordBytes) && end - start <= chunkSize {
            var smaller = [UInt8](repeating: 0, count: chunkSize)
            let live = end - start
            smaller.withUnsafeMutableBytes { dst in
                buffer.withUnsafeBytes { src in
                    guard let d = dst.baseAddress, let s = src.baseAddress else { return }
                    d.copyMemory(from: s + start, byteCount: live)
                }
            }
            buffer = smaller
            start = 0
            end = live
        }
        if layout == nil { try decideLayout() }
        switch layout {
        case .jsonArray: return try nextArrayElement()
        default: return try nextLine()
        }
    }

    // MARK: - Buffer management

    /// Reads more bytes, keeping buffer[start..<end] and moving it to the front. Returns false at EOF.
    private mutating func fill() throws -> Bool {
        if eof { return false }
        if start > 0 {
            let live = end - start
            if live > 0 {
                buffer.withUnsafeMutableBytes { b in
                    guard let base = b.baseAddress else { return }
                    memmove(base, base + start, live)
                }
            }
            end = live
            start = 0
        }
        if end == buffer.count {
            guard buffer.count < maxRecordBytes else {
                throw InputError(InputLocation(file: location.file, entry: location.entry, line: line),
                                 "record longer than \(maxRecordBytes) bytes (the record size cap)")
            }
            buffer += [UInt8](repeating: 0, count: min(buffer.count, maxRecordBytes - buffer.count))
        }
        let n = try buffer.withUnsafeMutableBytes { b in
            try source.read(into: UnsafeMutableRawBufferPointer(rebasing: b[end...]))
        }
        if n == 0 {
            eof = true
            return false
        }
        end += n
        bytesRead += n
        return true
    }

    private mutating func decideLayout() throws {
        // Skip a UTF-8 byte order mark and leading space to find the first meaningful byte.
        while true {
            while start < end, isSpace(buffer[start]) { consumeByte() }
            if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF {
                start += 3
                continue
            }
            if start < end { break }
            if !(try fill()) { break }
        }
        layout = start < end && buffer[start] == UInt8(ascii: "[") ? .jsonArray : .jsonLines
    }

    @inline(__always) private func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    @inline(__always) private mutating func consumeByte() {
        if buffer[start] == 0x0A { line += 1 }
        start += 1
    }

    // MARK: - JSON Lines

    private mutating func nextLine() throws -> (Range<Int>, Int)? {
        while true {
            var searchFrom = start
            var newline = -1
            while true {
                newline = buffer.withUnsafeBytes { b -> Int in
                    guard let base = b.baseAddress, end > searchFrom,
                          let hit = memchr(base + searchFrom, 0x0A, end - searchFrom) else { return -1 }
                    return base.distance(to: UnsafeRawPointer(hit))
                }
                if newline >= 0 { break }
                let consumedBefore = start
                searchFrom = end
                if !(try fill()) { break }
                searchFrom -= consumedBefore   // the live region moved to the front
            }
            let lineEnd = newline >= 0 ? newline : end
            if newline < 0 && start == end { return nil }
            var contentEnd = lineEnd
            if contentEnd > start, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let thisLine = line
            let range = start..<contentEnd
            let blank = range.allSatisfy { isSpace(buffer[$0]) }
            if !blank { lastRecordBytes = range.count }
            start = newline >= 0 ? newline + 1 : end
            line += 1
            if !blank { return (range, thisLine) }
        }
    }

    // MARK: - JSON array elements

    private mutating func nextArrayElement() throws -> (Range<Int>, Int)? {
        while true {
            guard try skipSpace() else {
                if arrayState == .closed { return nil }
                throw error("unexpected end of file inside the top-level JSON array")
            }
            let b = buffer[start]
            switch arrayState {
            case .beforeOpen:
                guard b == UInt8(ascii: "[") else { throw error("expected '[' to open the top-level JSON array") }
                start += 1
                arrayState = .expectElement
                guard try skipSpace() else { throw error("unexpected end of file inside the top-level JSON array") }
                if buffer[start] == UInt8(ascii: "]") {
                    start += 1
                    arrayState = .closed
                }
            case .afterElement:
                if b == UInt8(ascii: ",") {
                    start += 1
                    arrayState = .expectElement
                } else if b == UInt8(ascii: "]") {
                    start += 1
                    arrayState = .closed
                } else {
                    throw error("expected ',' or ']' after an array element")
                }
            case .expectElement:
                let record = try scanElement()
                arrayState = .afterElement
                return record
            case .closed:
                throw error("unexpected data after the top-level JSON array")
            }
        }
    }

    /// Skips whitespace; false at EOF.
    private mutating func skipSpace() throws -> Bool {
        while true {
            while start < end, isSpace(buffer[start]) { consumeByte() }
            if start < end { return true }
            if !(try fill()) { return false }
        }
    }

    /// Scans one element (string-aware, depth-tracking) starting at `start`.
    private mutating func scanElement() throws -> (Range<Int>, Int) {
        let firstLine = line
        var i = start
        var depth = 0
        var inString = false
        var escaped = false
        var newlines = 0
        while true {
            if i == end {
                let offset = i - start
                guard try fill() else { throw error("unexpected end of file inside an array element", line: firstLine) }
                i = start + offset
                continue
            }
            let b = buffer[i]
            if inString {
                if escaped { escaped = false }
                else if b == UInt8(ascii: "\\") { escaped = true }
                else if b == UInt8(ascii: "\"") { inString = false }
            } else {
                switch b {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return finishElement(upTo: i, firstLine: firstLine, newlines: newlines) }
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 { return finishElement(upTo: i, firstLine: firstLine, newlines: newlines) }
                default: break
                }
            }
            if b == 0x0A { newlines += 1 }
            i += 1
            if depth == 0 && !inString && (b == UInt8(ascii: "}") || b == UInt8(ascii: "]")) {
                return finishElement(upTo: i, firstLine: firstLine, newlines: newlines)
            }
        }
    }

    private mutating func finishElement(upTo i: Int, firstLine: Int, newlines: Int) -> (Range<Int>, Int) {
        let range = start..<i
        lastRecordBytes = range.count
        start = i
        line += newlines
        return (range, firstLine)
    }

    /// A record's bytes, copied out of the read buffer (into huge pages when the record is large).
    private func copy(_ range: Range<Int>) -> [UInt8] {
        buffer.withUnsafeBytes { Record.copy(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    private func error(_ reason: String, line: Int? = nil) -> InputError {
        InputError(InputLocation(file: location.file, entry: location.entry, line: line ?? self.line), reason)
    }
}
