// The stored form of a code problem's tests: a small container of compressed segments.
//
// Layout (little-endian): "FRTB", version (1 byte, = 1), segment count (1 byte), then per segment:
// codec (1 byte), test count (u32), compressed length (u64), decompressed length (u64), compressed bytes.
// LiveCodeBench's encoded private tests are kept exactly as they arrived (zlib of a pickled JSON string):
// ingest validates them fully but never re-compresses gigabytes of test data.

/// The tests of one code problem, compressed.
public struct TestBlob: Sendable, Equatable {
    /// How one segment's bytes are encoded.
    public enum Codec: UInt8, Sendable {
        /// zlib of a JSON array of `{"input", "output", "testtype"}` objects.
        case jsonTests = 0
        /// zlib of a protocol-4 pickle of a str holding such a JSON array (LiveCodeBench private tests).
        case pickledJSONTests = 1
        /// zlib of a Python test program (HumanEval's `check`), run as one test.
        case program = 2
    }

    /// One compressed segment.
    public struct Segment: Sendable, Equatable {
        public var codec: Codec
        public var testCount: Int
        public var decompressedSize: Int
        public var compressed: [UInt8]

        public init(codec: Codec, testCount: Int, decompressedSize: Int, compressed: [UInt8]) {
            self.codec = codec
            self.testCount = testCount
            self.decompressedSize = decompressedSize
            self.compressed = compressed
        }
    }

    /// The segments, in test order (public tests first for LiveCodeBench).
    public var segments: [Segment]

    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Total number of tests over all segments.
    public var testCount: Int { segments.reduce(0) { $0 + $1.testCount } }

    /// A segment holding JSON test text (already validated by the caller), compressed here.
    public static func jsonSegment(_ json: [UInt8], testCount: Int) -> Segment {
        Segment(codec: .jsonTests, testCount: testCount, decompressedSize: json.count, compressed: Deflate.compress(json))
    }

    /// A segment holding a Python test program.
    public static func programSegment(_ program: String) -> Segment {
        let bytes = Array(program.utf8)
        return Segment(codec: .program, testCount: 1, decompressedSize: bytes.count, compressed: Deflate.compress(bytes))
    }

    // MARK: - Serialisation

    private static let magic: [UInt8] = Array("FRTB".utf8)

    /// The container bytes, as stored in the database.
    public var encoded: [UInt8] {
        // Sized exactly up front and written in place: the private tests of one row can be hundreds of megabytes.
        let size = 6 + segments.reduce(0) { $0 + 21 + $1.compressed.count }
        return HugePages.array(count: size) { out in
            var i = 0
            func put(_ v: UInt64, _ width: Int) {
                for k in 0..<width { out[i + k] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(k))) }
                i += width
            }
            for b in Self.magic { put(UInt64(b), 1) }
            put(1, 1)
            put(UInt64(segments.count), 1)
            for s in segments {
                put(UInt64(s.codec.rawValue), 1)
                put(UInt64(s.testCount), 4)
                put(UInt64(s.compressed.count), 8)
                put(UInt64(s.decompressedSize), 8)
                s.compressed.withUnsafeBytes { bytes in
                    if let source = bytes.baseAddress, let target = out.baseAddress {
                        (target + i).copyMemory(from: source, byteCount: bytes.count)
                    }
                }
                i += s.compressed.count
            }
        }
    }

    /// Reads container bytes written by `encoded`.
    public init(encoded bytes: [UInt8]) throws {
        guard bytes.count >= 6, Array(bytes[0..<4]) == Self.magic else { throw TestBlobError("not a test blob") }
        guard bytes[4] == 1 else { throw TestBlobError("unsupported test blob version \(bytes[4])") }
        var i = 6
        func read(_ width: Int) throws -> Int {
            guard i + width <= bytes.count else { throw TestBlobError("truncated test blob") }
            var v: UInt64 = 0
            for k in 0..<width { v |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            i += width
            guard v <= UInt64(Int.max) else { throw TestBlobError("corrupt test blob") }
            return Int(v)
        }
        var segments: [Segment] = []
        for _ in 0..<Int(bytes[5]) {
            guard i < bytes.count, let codec = Codec(rawValue: bytes[i]) else { throw TestBlobError("unknown segment codec") }
            i += 1
            let count = try read(4)
            let length = try read(8)
            let size = try read(8)
            guard length <= bytes.count - i else { throw TestBlobError("truncated test blob") }
            segments.append(Segment(codec: codec, testCount: count, decompressedSize: size,
                                    compressed: Array(bytes[i..<(i + length)])))
            i += length
        }
        guard i == bytes.count else { throw TestBlobError("trailing bytes after the last segment") }
        self.segments = segments
    }

    /// Feeds the blob's content to a content hasher (without building the container bytes).
    public func hash(into hasher: inout ContentHasher) {
        for s in segments {
            hasher.update("\(s.codec.rawValue):\(s.testCount):\(s.decompressedSize):\(s.compressed.count)")
            hasher.update(s.compressed)
        }
    }

    // MARK: - Decoding tests

    /// Decompresses and parses every test.
    public func decodeTests() throws -> [TestCase] {
        var tests: [TestCase] = []
        for segment in segments {
            let raw = try Deflate.decompress(segment.compressed, expectedSize: segment.decompressedSize,
                                             limit: max(segment.decompressedSize, 1))
            switch segment.codec {
            case .program:
                tests.append(TestCase(input: String(decoding: raw, as: UTF8.self), output: "", kind: .program))
            case .jsonTests:
                tests += try Self.parseTests(raw)
            case .pickledJSONTests:
                let range = try raw.withUnsafeBytes { try PickleString.stringRange(in: $0) }
                tests += try Self.parseTests(Array(raw[range]))
            }
        }
        return tests
    }

    /// Parses a JSON array of test objects.
    public static func parseTests(_ json: [UInt8]) throws -> [TestCase] {
        guard case .array(let elements) = try JSONParser.parse(json) else { throw TestBlobError("tests are not a JSON array") }
        return try elements.enumerated().map { i, element in
            guard let object = element.objectValue,
                  let input = object["input"]?.stringValue, let output = object["output"]?.stringValue else {
                throw TestBlobError("test \(i + 1) lacks string input/output")
            }
            let type = object["testtype"]?.stringValue ?? "stdin"
            guard let kind = TestCase.Kind(rawValue: type) else { throw TestBlobError("test \(i + 1): unknown testtype \(type)") }
            return TestCase(input: input, output: output, kind: kind)
        }
    }
}

/// A stored test blob could not be read.
public struct TestBlobError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
