// LiveCodeBench `code_generation_lite` rows. Public tests are a JSON string; private tests are a JSON string or
// base64(zlib(pickle(JSON string))). Both are validated completely here (every test an object with string input
// and output) so that a bad row fails at ingest, not at grading time.
import FlowRLCore

/// Reads LiveCodeBench rows; ids are `lcb/` + `question_id` (e.g. `lcb/1873_A`).
public struct LiveCodeBenchAdapter: BenchmarkAdapter {
    public let benchmark = "livecodebench"
    /// Decoded private tests larger than this are refused (decompression bombs).
    public var maxDecodedTestBytes: Int

    public init(maxDecodedTestBytes: Int = IngestLimits.standard.maxDecodedTestBytes) {
        self.maxDecodedTestBytes = maxDecodedTestBytes
    }

    public func score(_ row: JSONObject, context: RowContext) -> Int {
        guard row.has("question_id") else { return 0 }
        return row.has("public_test_cases") || row.has("private_test_cases") ? 10 : 4
    }

    /// The encoded private tests (often tens of megabytes of base64) are decoded where they lie in the record.
    public var rawStringMember: String? { "private_test_cases" }

    public func problem(from row: JSONObject, context: RowContext) throws -> Problem? {
        try problem(from: row, rawString: nil, context: context)
    }

    public func problem(from row: JSONObject, rawString rawPrivateTests: UnsafeRawBufferPointer?,
                        context: RowContext) throws -> Problem? {
        let questionID = try row.requiredString("question_id")
        guard !questionID.isEmpty else { throw RowError("field \"question_id\" is empty") }
        let content = try row.requiredString("question_content")
        let release = LiveCodeBenchRelease.release(ofFile: context.entryName)
        if let filter = context.filters.release {
            guard let release else {
                throw RowError("cannot tell the LiveCodeBench release of \"\(context.entryName)\" "
                               + "(release files are named test.jsonl, test2.jsonl … test\(LiveCodeBenchRelease.latest).jsonl)")
            }
            if !filter.includes(release) { return nil }
        }
        let date = try row.scalarText("contest_date")
        if context.filters.from != nil || context.filters.to != nil {
            guard let date, !date.isEmpty else { throw RowError("missing field \"contest_date\" needed by --from/--to") }
            if let from = context.filters.from, date < from { return nil }
            if let to = context.filters.to, String(date.prefix(to.count)) > to { return nil }
        }

        var segments: [TestBlob.Segment] = []
        if let publicText = try optionalString(row, "public_test_cases") {
            segments.append(try jsonSegment(publicText, field: "public_test_cases"))
        }
        if let rawPrivateTests {
            segments.append(try privateSegment(rawPrivateTests))
        } else if var privateText = try optionalString(row, "private_test_cases") {
            segments.append(try privateText.withUTF8 { try privateSegment(UnsafeRawBufferPointer($0)) })
        }
        var extra: [(String, JSONValue)] = []
        if let meta = try optionalString(row, "metadata"), !meta.isEmpty {
            let parsed: JSONValue
            do { parsed = try JSONParser.parse(meta) } catch { throw RowError("field \"metadata\": \(error)") }
            guard case .object(let object) = parsed else { throw RowError("field \"metadata\" must hold a JSON object") }
            extra.append(("metadata", parsed))
            if let name = object["func_name"]?.stringValue { extra.append(("func_name", .string(name))) }
        }
        if let release { extra.append(("release", .string("v\(release)"))) }
        let blob = TestBlob(segments: segments)
        return Problem(id: "lcb/" + questionID, benchmark: benchmark, kind: .code, prompt: content, reference: nil,
                       tests: blob, testCount: blob.testCount,
                       metadataJSON: row.metadata(excluding: ["question_content", "public_test_cases",
                                                              "private_test_cases", "metadata"], adding: extra))
    }

    private func optionalString(_ row: JSONObject, _ key: String) throws -> String? {
        switch row[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw RowError("field \"\(key)\" must be a string, found \(other.kindName)")
        }
    }

    private func jsonSegment(_ text: String, field: String) throws -> TestBlob.Segment {
        var copy = text
        return try copy.withUTF8 { try jsonSegment(UnsafeRawBufferPointer($0), field: field) }
    }

    private func jsonSegment(_ raw: UnsafeRawBufferPointer, field: String) throws -> TestBlob.Segment {
        let count: Int
        do { count = try JSONParser.validateTestArray(raw) } catch { throw RowError("field \"\(field)\": \(error)") }
        return TestBlob.Segment(codec: .jsonTests, testCount: count, decompressedSize: raw.count,
                                compressed: Deflate.compress(raw))
    }

    /// Decompression buffers shared by the decoding threads (a row's pickled tests are only validated, not kept).
    private static let scratch = ScratchPool()

    private func privateSegment(_ text: UnsafeRawBufferPointer) throws -> TestBlob.Segment {
        let field = "private_test_cases"
        let firstByte = text.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
        if firstByte == UInt8(ascii: "[") { return try jsonSegment(text, field: field) }
        let compressed: [UInt8]
        do {
            compressed = try Base64.decode(text)
        } catch {
            throw RowError("field \"\(field)\" is neither a JSON test list nor base64: \(error)")
        }
        let (count, pickledSize) = try Self.scratch.withBuffer { scratch -> (Int, Int) in
            let size: Int
            do {
                size = try compressed.withUnsafeBytes { try Deflate.decompress($0, into: scratch, limit: maxDecodedTestBytes) }
            } catch {
                throw RowError("field \"\(field)\": \(error)")
            }
            let pickled = UnsafeRawBufferPointer(rebasing: scratch.bytes[0..<size])
            let range: Range<Int>
            // The JSON validation below checks every string's UTF-8 (and everything else is JSON syntax).
            do { range = try PickleString.stringRange(in: pickled, validatingUTF8: false) } catch {
                throw RowError("field \"\(field)\": \(error)")
            }
            do {
                return (try JSONParser.validateTestArray(UnsafeRawBufferPointer(rebasing: pickled[range])), size)
            } catch {
                throw RowError("field \"\(field)\" (decoded): \(error)")
            }
        }
        return TestBlob.Segment(codec: .pickledJSONTests, testCount: count, decompressedSize: pickledSize,
                                compressed: compressed)
    }
}
