import FlowRLCore
import Testing

@Suite struct Base64Tests {
    @Test(arguments: [("", ""), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg==", "foob"),
                      ("Zm9vYmE=", "fooba"), ("Zm9vYmFy", "foobar")])
    func decodesRFC4648Vectors(encoded: String, plain: String) throws {
        #expect(try Base64.decode(encoded) == Array(plain.utf8))
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
    }

    @Test func rejectsBadLengthAndCharacters() {
        #expect(throws: Base64Error.self) { try Base64.decode("Zm9") }
        #expect(throws: Base64Error(offset: 2, reason: "unexpected character")) { try Base64.decode("Zm*v") }
        #expect(throws: Base64Error.self) { try Base64.decode("Zm9v\nYmFy") }
    }

    @Test func roundTripsAllByteValues() throws {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        #expect(try Base64.decode(Base64.encode(bytes)) == bytes)
    }
}

@Suite struct PickleStringTests {
    /// `pickle.dumps("hi", protocol=4)` as CPython writes it.
    static let hi: [UInt8] = [0x80, 0x04, 0x95, 0x06, 0, 0, 0, 0, 0, 0, 0, 0x8C, 0x02, 0x68, 0x69, 0x94, 0x2E]

    func string(_ bytes: [UInt8]) throws -> String {
        let range = try bytes.withUnsafeBytes { try PickleString.stringRange(in: $0) }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    @Test func readsCPythonsShortStringPickle() throws {
        #expect(try string(Self.hi) == "hi")
        #expect(PickleString.encode("hi") == Self.hi)
    }

    @Test func readsBINUNICODEAndBINUNICODE8() throws {
        let text = String(repeating: "é", count: 200)   // 400 bytes: BINUNICODE
        #expect(try string(PickleString.encode(text)) == text)
        // BINUNICODE8 (0x8D) with an 8-byte length, hand-built, no frame.
        let b8: [UInt8] = [0x80, 0x04, 0x8D, 3, 0, 0, 0, 0, 0, 0, 0] + Array("abc".utf8) + [0x94, 0x2E]
        #expect(try string(b8) == "abc")
        // A large string is written outside the frame, with MEMOIZE and STOP in a second frame.
        let split: [UInt8] = [0x80, 0x04, 0x95, 5, 0, 0, 0, 0, 0, 0, 0, 0x58, 3, 0, 0, 0] + Array("xyz".utf8)
            + [0x95, 2, 0, 0, 0, 0, 0, 0, 0, 0x94, 0x2E]
        #expect(try string(split) == "xyz")
    }

    @Test(arguments: [
        ([0x80, 0x04, 0x63, 0x6F, 0x73, 0x0A] as [UInt8], "unsupported opcode 0x63"),   // GLOBAL "os\n…"
        ([0x80, 0x04, 0x8C, 0x02, 0x68, 0x69, 0x52, 0x2E], "unsupported opcode 0x52"),   // REDUCE
        ([0x80, 0x04, 0x8C, 0x05, 0x68, 0x69], "overruns"),
        ([0x80, 0x04, 0x8C, 0x02, 0x68, 0x69, 0x94], "no STOP"),
        ([0x80, 0x04, 0x8C, 0x02, 0x68, 0x69, 0x2E, 0x00], "after STOP"),
        ([0x80, 0x04, 0x8C, 0x01, 0x61, 0x8C, 0x01, 0x62, 0x2E], "more than one value"),
        ([0x80, 0x04, 0x2E], "empty stack"),
        ([0x80, 0x04, 0x8C, 0x02, 0xC3, 0x28, 0x2E], "not valid UTF-8"),
        ([0x80, 0x09, 0x8C, 0x01, 0x61, 0x2E], "unsupported protocol"),
        ([0x80, 0x04, 0x95, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0x2E], "overruns the data"),
    ])
    func rejectsEverythingButAPickledString(bytes: [UInt8], reason: String) {
        do {
            _ = try string(bytes)
            Issue.record("accepted \(bytes)")
        } catch let error as PickleError {
            #expect(error.reason.contains(reason), "\(error.reason)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct ContentHashTests {
    // Reference digests from the python `xxhash` package (xxh64, seed 0 unless noted).
    @Test func matchesXXH64ReferenceDigests() {
        func digest(_ bytes: [UInt8], seed: UInt64 = 0) -> String {
            var h = ContentHasher(seed: seed)
            h.update(bytes)
            return ContentHasher.hex(h.finalize())
        }
        #expect(digest([]) == "ef46db3751d8e999")
        #expect(digest(Array("a".utf8)) == "d24ec4f1a98c6e5b")
        #expect(digest(Array("abc".utf8)) == "44bc2cf5ad770999")
        #expect(digest(Array("0123456789abcdef0123456789abcdef".utf8)) == "642a94958e71e6c5")
        #expect(digest(Array(repeating: Array(0...255) as [UInt8], count: 3).flatMap { $0 } + Array("xyz".utf8)) == "e921a1b45bd779f8")
        #expect(digest(Array("abc".utf8), seed: 1) == "bea9ca8199328908")
    }

    @Test func streamingEqualsOneShot() {
        let bytes = (0..<777).map { UInt8(truncatingIfNeeded: $0 * 31) }
        var one = ContentHasher()
        one.update(bytes)
        var parts = ContentHasher()
        for chunk in stride(from: 0, to: bytes.count, by: 13) {
            parts.update(Array(bytes[chunk..<min(chunk + 13, bytes.count)]))
        }
        #expect(one.finalize() == parts.finalize())
    }

    @Test func fieldSeparationMatters() {
        var a = ContentHasher()
        a.update("ab"); a.update("c")
        var b = ContentHasher()
        b.update("a"); b.update("bc")
        #expect(a.finalize() != b.finalize())
    }
}

@Suite struct DeflateAndTestBlobTests {
    @Test func deflateRoundTripsAndEnforcesTheCap() throws {
        let text = Array(String(repeating: "1 2 3\n", count: 10_000).utf8)
        let z = Deflate.compress(text)
        #expect(z.count < text.count / 10)
        #expect(z.first == 0x78)   // a zlib header
        #expect(try Deflate.decompress(z, limit: 1 << 20) == text)
        #expect(throws: DeflateError.self) { try Deflate.decompress(z, limit: 1000) }
        var corrupt = z
        corrupt[corrupt.count / 2] ^= 0xFF
        #expect(throws: DeflateError.self) { try Deflate.decompress(corrupt, limit: 1 << 20) }
    }

    @Test func blobRoundTripsEveryCodec() throws {
        let json = Array(#"[{"input": "1\n", "output": "2\n", "testtype": "stdin"}]"#.utf8)
        let pickled = PickleString.encode(#"[{"input": "[1]", "output": "1", "testtype": "functional"}, {"input": "[]", "output": "0", "testtype": "functional"}]"#)
        let blob = TestBlob(segments: [
            TestBlob.jsonSegment(json, testCount: 1),
            TestBlob.Segment(codec: .pickledJSONTests, testCount: 2, decompressedSize: pickled.count,
                             compressed: Deflate.compress(pickled)),
            TestBlob.programSegment("def check(candidate):\n    assert candidate(1) == 2\n"),
        ])
        let decoded = try TestBlob(encoded: blob.encoded)
        #expect(decoded == blob)
        #expect(decoded.testCount == 4)
        let tests = try decoded.decodeTests()
        #expect(tests == [
            TestCase(input: "1\n", output: "2\n", kind: .stdin),
            TestCase(input: "[1]", output: "1", kind: .functional),
            TestCase(input: "[]", output: "0", kind: .functional),
            TestCase(input: "def check(candidate):\n    assert candidate(1) == 2\n", output: "", kind: .program),
        ])
    }

    @Test func corruptBlobsAreErrors() {
        #expect(throws: TestBlobError.self) { try TestBlob(encoded: Array("nope".utf8)) }
        var bytes = TestBlob(segments: [TestBlob.programSegment("x")]).encoded
        bytes.removeLast()
        #expect(throws: TestBlobError.self) { try TestBlob(encoded: bytes) }
    }

    @Test func utf8ValidationRejectsOverlongsAndSurrogates() {
        func valid(_ b: [UInt8]) -> Bool { b.withUnsafeBytes { UTF8Validation.isValid($0) } }
        #expect(valid(Array("plain ascii text, longer than eight bytes".utf8)))
        #expect(valid(Array("é😀€".utf8)))
        #expect(!valid([0xC0, 0xAF]))          // overlong '/'
        #expect(!valid([0xED, 0xA0, 0x80]))    // a UTF-16 surrogate
        #expect(!valid([0xF4, 0x90, 0x80, 0x80]))   // above U+10FFFF
        #expect(!valid([0xE2, 0x82]))          // truncated
    }
}
