// The bulk path reads rows in place (RawRow, raw string members); it must give exactly the problems, metadata
// text and errors of the JSONObject path the adapters document.
import FlowRLCore
@testable import Ingest
import Testing

@Suite struct InPlaceRowTests {
    /// The problem (or the error text) from the bulk path and from the parsed-row path.
    func bothPaths(_ adapter: any BenchmarkAdapter, _ json: String) -> (inPlace: String, parsed: String) {
        func describe(_ body: () throws -> Problem?) -> String {
            do { return try body().map { "\($0)" } ?? "filtered" } catch { return "error: \(error)" }
        }
        let bytes = Array(json.utf8)
        let inPlace = describe { try bytes.withUnsafeBytes { try adapter.problem(fromRecord: $0, context: context()) } }
        let parsed = describe { try bytes.withUnsafeBytes { try adapter.problem(from: JSONObject.row($0), context: context()) } }
        return (inPlace, parsed)
    }

    @Test func mathRowsGiveTheSameProblemsBothWays() {
        let rows = [
            #"{"problem": "What is $1+1$?", "solution": "\\boxed{2}", "answer": " 2 ", "subject": "Algebra", "level": 3, "unique_id": "test/algebra/17.json"}"#,
            #"{"problem": "caf\u00e9 \"q\"", "answer": 27.0, "level": "4", "tags": [1, {"a" : null}], "unique_id": 5}"#,
            #"{"level": "2", "problem": "P", "answer": "1", "level": "x", "subject": "dup", "subject": "Geometry"}"#,
            #"{"problem": "P", "answer": true}"#,
            #"{"problem": "P"}"#,
            #"{"problem": "P", "answer": "1", "unique_id": ".json"}"#,
            #"[1, 2]"#,
            #"{"problem": "P", "answer": "1",}"#,
            // Escapes: canonical ones are copied through, others (\/, \b, \u00e9, upper-case hex) rewritten.
            #"{"problem": "\ud83d\ude00 x\/y \u00e9", "solution": "a\/b \u00e9 \u001f \u001F \b\f\t \u0000\n", "answer": "1", "s\u006Flution": "k", "unique_id": "u"}"#,
            #"{"problem": "P", "solution": "\\boxed{\\frac{1}{2}} \"q\" \r\n\t \u001b", "answer": "\\frac12", "unique_id": "u"}"#,
            #"{"problem": "bad \ud83d", "answer": "1"}"#,
            #"{"problem": "P", "solution": "bad \x", "answer": "1"}"#,
            "{\"problem\": \"raw\u{09}tab\", \"answer\": \"1\"}",
        ]
        for json in rows {
            let (inPlace, parsed) = bothPaths(MATH500Adapter(), json)
            #expect(inPlace == parsed, "\(json)")
        }
    }

    @Test func mathMetadataIsCompactWithTheLevelAsANumber() throws {
        let bytes = Array(#"{"problem": "P", "solution": "a \"b\"\n", "answer": "1", "level": "3", "x": [1, 2], "unique_id": "u"}"#.utf8)
        let p = try #require(try bytes.withUnsafeBytes { try MATH500Adapter().problem(fromRecord: $0, context: context()) })
        #expect(p.metadataJSON == #"{"solution":"a \"b\"\n","level":3,"x":[1,2],"unique_id":"u"}"#)
        // Escapes other than the ones JSON output uses are rewritten: \/ and \u00E9 as the characters, \b as \u0008.
        let other = Array(#"{"problem": "P", "solution": "x\/y \u00E9\b \u001f", "answer": "1", "unique_id": "u"}"#.utf8)
        let q = try #require(try other.withUnsafeBytes { try MATH500Adapter().problem(fromRecord: $0, context: context()) })
        #expect(q.metadataJSON == #"{"solution":"x/y é\u0008 \u001f","unique_id":"u"}"#)
    }

    @Test func liveCodeBenchPrivateTestsReadInPlaceMatchTheParsedRow() {
        let encoded = CodeAdapterTests.encodedPrivate(#"[{"input": "1", "output": "1", "testtype": "stdin"}]"#)
        let rows = [
            CodeAdapterTests.lcbRow(privateTests: encoded),
            CodeAdapterTests.lcbRow(privateTests: #"[{\"input\": \"1\\n\", \"output\": \"2\\n\", \"testtype\": \"stdin\"}]"#),
            CodeAdapterTests.lcbRow(privateTests: "not*base64!"),
            #"{"question_id": "q", "question_content": "C", "private_test_cases": ""# + encoded
                + #"", "private_test_cases": [1]}"#,
        ]
        for json in rows {
            let (inPlace, parsed) = bothPaths(LiveCodeBenchAdapter(), json)
            #expect(inPlace == parsed, "\(json.prefix(80))")
        }
    }
}
