import FlowRLCore
import Testing

@Suite struct JSONParserTests {
    @Test func parsesNestedValuesKeepingOrderAndNumberText() throws {
        let value = try JSONParser.parse(#"{"b": [1, 27.0, -0.5e3, true, null], "a": {"x": "y"}, "c": false}"#)
        guard case .object(let o) = value else { Issue.record("not an object"); return }
        #expect(o.keys == ["b", "a", "c"])
        #expect(o["b"] == .array([.number("1"), .number("27.0"), .number("-0.5e3"), .bool(true), .null]))
        #expect(o["a"]?.objectValue?["x"] == .string("y"))
        #expect(o["c"] == .bool(false))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\n\té😀"))
    }

    @Test func decodesOneStringLiteralInPlace() throws {
        func decode(_ literal: String) throws -> String {
            try Array(literal.utf8).withUnsafeBytes { try JSONParser.decodeString($0) }
        }
        #expect(try decode(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == "a\"b\\c/d\n\té😀")
        #expect(try decode(#""""#) == "")
        #expect(try decode("\"π \\u03c0\"") == "π π")
        #expect(try decode(#""\u0000\u001F""#) == "\u{0}\u{1F}")
        for bad in [#""a\qb""#, #""a"b""#, #""\ud83d""#, "\"a\u{01}b\"", #""abc"#, #"abc""#, #"""#] {
            #expect(throws: JSONSyntaxError.self, "\(bad)") { try decode(bad) }
        }
        let brokenUTF8: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]   // "a" + a broken two-byte sequence
        #expect(throws: JSONSyntaxError.self) { try brokenUTF8.withUnsafeBytes { try JSONParser.decodeString($0) } }
    }

    @Test func keepsRawUTF8AndLongPlainStrings() throws {
        let long = String(repeating: "abcdefgh", count: 1000) + "é"
        #expect(try JSONParser.parse("\"\(long)\"") == .string(long))
        #expect(try JSONParser.parse("\"π ≈ 3.14\"") == .string("π ≈ 3.14"))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "expected a string key"),
        ("[1, 2", "unexpected end of input"),
        ("\"abc", "unterminated string"),
        ("\"a\\qb\"", "invalid escape"),
        ("\"a\u{01}b\"", "control character"),
        ("01", "after the JSON value"),
        ("1.", "expected a digit after '.'"),
        ("tru", "invalid literal"),
        ("\"\\ud83d\"", "unpaired UTF-16 surrogate"),
        ("{} {}", "after the JSON value"),
        ("", "empty input"),
    ])
    func rejectsMalformedInputWithAReason(text: String, reason: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch let error as JSONSyntaxError {
            #expect(error.reason.contains(reason), "\(error.reason)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func reportsTheByteOffsetOfTheError() {
        #expect(throws: JSONSyntaxError(offset: 5, reason: "expected ',' or ']' in an array")) {
            try JSONParser.parse("[1, 2}")
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]   // "a" + a broken two-byte sequence
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect((try? JSONParser.parse(ok)) != nil)
    }

    @Test func validatesTestArraysWithoutBuildingThem() throws {
        let tests = #"[{"input": "1 2\n", "output": "3\n", "testtype": "stdin"}, {"output": "x", "input": "y", "extra": [1]}]"#
        var copy = tests
        let n = try copy.withUTF8 { try JSONParser.validateTestArray(UnsafeRawBufferPointer($0)) }
        #expect(n == 2)
        for bad in [#"[{"input": "1"}]"#, #"[{"input": 1, "output": "2"}]"#, #"[{"input": "1", "output": "2", "testtype": "magic"}]"#,
                    #"{"input": "1"}"#, #"[{"input": "\q", "output": ""}]"#] {
            var b = bad
            #expect(throws: JSONSyntaxError.self, "\(bad)") {
                try b.withUTF8 { try JSONParser.validateTestArray(UnsafeRawBufferPointer($0)) }
            }
        }
    }

    @Test func writerEscapesAndRoundTrips() throws {
        let value = JSONValue.object(["k\"": .string("line\nbreak\u{01}\\"), "n": .number("1e5"), "a": .array([.null, true])])
        #expect(value.jsonText == #"{"k\"":"line\nbreak\u0001\\","n":1e5,"a":[null,true]}"#)
        #expect(try JSONParser.parse(value.jsonText) == value)
    }
}
