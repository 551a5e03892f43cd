import FlowRLCore
@testable import Ingest
import Testing

/// A byte source over an array that hands out at most `step` bytes per read, to cross chunk boundaries.
struct ArraySource: ByteSource {
    var bytes: [UInt8]
    var position = 0
    var step: Int

    init(_ text: String, step: Int = 3) {
        bytes = Array(text.utf8)
        self.step = step
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(step, buffer.count, bytes.count - position)
        for i in 0..<n { buffer[i] = bytes[position + i] }
        position += n
        return n
    }
}

@Suite struct RecordReaderTests {
    func records(_ text: String, chunk: Int = 8, step: Int = 3, max: Int = 1 << 20) throws -> [(String, Int)] {
        var reader = RecordReader(source: ArraySource(text, step: step), location: InputLocation(file: "t.jsonl"),
                                  maxRecordBytes: max, chunkSize: chunk)
        var out: [(String, Int)] = []
        while let r = try reader.next() { out.append((String(decoding: r.bytes, as: UTF8.self), r.line)) }
        return out
    }

    @Test func splitsLinesSkippingBlanksAndCarriageReturns() throws {
        let got = try records("{\"a\":1}\r\n\n   \n{\"b\":\"long value here\"}\n{\"c\":3}")
        #expect(got.map(\.0) == ["{\"a\":1}", "{\"b\":\"long value here\"}", "{\"c\":3}"])
        #expect(got.map(\.1) == [1, 4, 5])
    }

    @Test func skipsAByteOrderMark() throws {
        let got = try records("\u{FEFF}{\"a\":1}\n")
        #expect(got.map(\.0) == ["{\"a\":1}"])
    }

    @Test func streamsTopLevelArrayElementsWithStartLines() throws {
        let text = "[\n  {\"a\": \"x, ] }\",\n   \"b\": [1, {\"c\": 2}]},\n  {\"d\": \"\\\"\"}\n]\n"
        let got = try records(text)
        #expect(got.map(\.0) == ["{\"a\": \"x, ] }\",\n   \"b\": [1, {\"c\": 2}]}", "{\"d\": \"\\\"\"}"])
        #expect(got.map(\.1) == [2, 4])
        #expect(try records("[]").isEmpty)
    }

    @Test func reportsTruncatedArraysAndOverlongRecords() {
        #expect(throws: InputError.self) { try records("[{\"a\": 1}, {\"b\": ") }
        #expect(throws: InputError.self) { try records("[{\"a\": 1} {\"b\": 2}]") }
        do {
            _ = try records("{\"short\":1}\n{\"this line is long\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}\n", max: 32)
            Issue.record("no error for an overlong record")
        } catch let error as InputError {
            #expect(error.location.line == 2)
            #expect(error.reason.contains("record size cap"))
        } catch {
            Issue.record("\(error)")
        }
    }
}
