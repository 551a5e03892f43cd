import FlowRLCore
@testable import Ingest
import Testing

func row(_ json: String) throws -> JSONObject {
    guard case .object(let o) = try JSONParser.parse(json) else { throw HelperErrorLocal("not an object") }
    return o
}

struct HelperErrorLocal: Error { var text: String; init(_ t: String) { text = t } }

func context(_ entry: String = "rows.jsonl", row: Int = 1, filters: RowFilters = .none) -> RowContext {
    RowContext(entryName: entry, fileName: "/data/" + entry, rowIndex: row, filters: filters)
}

func metadata(_ p: Problem) throws -> JSONObject {
    try JSONParser.parse(p.metadataJSON).objectValue ?? JSONObject()
}

@Suite struct MathAdapterTests {
    @Test func math500RowKeepsItsUniqueIDAndFields() throws {
        let r = try row(#"{"problem": "What is $1+1$?", "solution": "\\boxed{2}", "answer": " 2 ", "subject": "Algebra", "level": 3, "unique_id": "test/algebra/17.json"}"#)
        #expect(Adapters.detect(r, context: context())?.benchmark == "math500")
        let p = try #require(try MATH500Adapter().problem(from: r, context: context()))
        #expect(p.id == "math500/test/algebra/17")
        #expect(p.reference == "2")
        #expect(p.prompt == "What is $1+1$?")
        let m = try metadata(p)
        #expect(m["subject"] == .string("Algebra"))
        #expect(m["level"] == .number("3"))
        #expect(m["solution"] == .string("\\boxed{2}"))
    }

    @Test func aimeFromUrlDropsLeadingZerosAndKeepsTheRawAnswer() throws {
        let r = try row(#"{"id": 60, "problem": "P", "question": "P", "solution": "S", "answer": "025", "url": "https://artofproblemsolving.com/wiki/index.php/2024_AIME_II_Problems/Problem_4"}"#)
        #expect(Adapters.detect(r, context: context())?.benchmark == "aime")
        let p = try #require(try AIMEAdapter().problem(from: r, context: context()))
        #expect(p.id == "aime/2024-II-4")
        #expect(p.reference == "25")
        let m = try metadata(p)
        #expect(m["answer_raw"] == .string("025"))
        #expect(m["year"] == .number("2024"))
        #expect(m["part"] == .string("II"))
        #expect(m["question"] == nil)   // the duplicate statement is not kept twice
    }

    @Test func aimePromptShapeWithIntegerAnswerUsesTheFileYear() throws {
        let r = try row(#"{"prompt": "Find $n$.\nPlease reason step by step, and put your final answer within \\boxed{}.", "answer": 70}"#)
        let ctx = context("aime25.jsonl", row: 7)
        #expect(Adapters.detect(r, context: ctx)?.benchmark == "aime")
        let p = try #require(try AIMEAdapter().problem(from: r, context: ctx))
        #expect(p.id == "aime/2025-7")
        #expect(p.prompt == "Find $n$.")
        #expect(p.reference == "70")
    }

    @Test func matharenaIdsAndQuestionAnswerShape() throws {
        let r = try row(#"{"id": "aime_2025_I_13", "contest": "aime_2025_I", "problem": "Q", "answer": "204"}"#)
        #expect(try AIMEAdapter().problem(from: r, context: context())?.id == "aime/2025-I-13")
        let q = try row(#"{"question": "Q2", "answer": "7", "year": 2023}"#)
        let p = try #require(try AIMEAdapter().problem(from: q, context: context("aime.jsonl", row: 2)))
        #expect(p.id == "aime/2023-2")
        #expect(p.prompt == "Q2")
    }

    @Test func amcFloatAnswersBecomeExactValues() throws {
        let r = try row(#"{"id": 3, "problem": "P", "answer": 27.0, "url": "https://x/2023_AMC_12B_Problems/Problem_9"}"#)
        #expect(Adapters.detect(r, context: context())?.benchmark == "amc")
        let p = try #require(try AMCAdapter().problem(from: r, context: context()))
        #expect(p.id == "amc/2023-12B-9")
        #expect(p.reference == "27")
        #expect(try metadata(p)["answer_raw"] == .number("27.0"))
    }

    @Test(arguments: [("27.0", "27"), ("2.50", "2.5"), ("-0.0", "0"), ("0.125", "0.125"), ("1e3", "1000"),
                      ("1.5e-2", "0.015"), ("100", "100"), ("007", "7"), ("-3.10", "-3.1")])
    func exactDecimalNormalisation(text: String, expected: String) {
        #expect(ExactDecimal.normalize(text) == expected)
    }

    @Test func rowsWithoutAStatementOrAnswerAreErrors() throws {
        #expect(throws: RowError.self) { try MATH500Adapter().problem(from: try row(#"{"problem": "P", "unique_id": "u"}"#), context: context()) }
        #expect(throws: RowError.self) { try AIMEAdapter().problem(from: try row(#"{"problem": 5, "answer": "1"}"#), context: context()) }
    }

    @Test func unrecognisableRowsAreNotGuessed() throws {
        #expect(Adapters.detect(try row(#"{"text": "hello", "label": 1}"#), context: context()) == nil)
        #expect(Adapters.detect(try row(#"{"question": "Q", "answer": "1"}"#), context: context("misc.jsonl")) == nil)
    }
}

@Suite struct CodeAdapterTests {
    static func lcbRow(privateTests: String, date: String = "2024-09-01T00:00:00", meta: String = #"{\"func_name\": \"f\"}"#) -> String {
        #"{"question_title": "T", "question_content": "Do it.", "platform": "leetcode", "question_id": "9001", "contest_id": "c", "contest_date": ""# + date + #"", "starter_code": "class Solution: ...", "difficulty": "easy", "public_test_cases": "[{\"input\": \"[1]\", \"output\": \"1\", \"testtype\": \"functional\"}]", "private_test_cases": ""# + privateTests + #"", "metadata": ""# + meta + #""}"#
    }

    static func encodedPrivate(_ json: String) -> String {
        Base64.encode(Deflate.compress(PickleString.encode(json)))
    }

    @Test func liveCodeBenchDecodesEncodedPrivateTests() throws {
        let privateJSON = #"[{"input": "[2]", "output": "2", "testtype": "functional"}, {"input": "[3]", "output": "3", "testtype": "functional"}]"#
        let r = try row(Self.lcbRow(privateTests: Self.encodedPrivate(privateJSON)))
        let ctx = context("test5.jsonl")
        #expect(Adapters.detect(r, context: ctx)?.benchmark == "livecodebench")
        let p = try #require(try LiveCodeBenchAdapter().problem(from: r, context: ctx))
        #expect(p.id == "lcb/9001")
        #expect(p.kind == .code)
        #expect(p.testCount == 3)
        let tests = try #require(p.tests).decodeTests()
        #expect(tests.map(\.input) == ["[1]", "[2]", "[3]"])
        #expect(tests.allSatisfy { $0.kind == .functional })
        let m = try metadata(p)
        #expect(m["func_name"] == .string("f"))
        #expect(m["release"] == .string("v5"))
        #expect(m["private_test_cases"] == nil)
    }

    @Test func liveCodeBenchAcceptsPlainJSONPrivateTests() throws {
        let plain = #"[{\"input\": \"1\\n\", \"output\": \"2\\n\", \"testtype\": \"stdin\"}]"#
        let p = try #require(try LiveCodeBenchAdapter().problem(from: try row(Self.lcbRow(privateTests: plain)), context: context()))
        #expect(p.testCount == 2)
        #expect(try p.tests?.decodeTests().last == TestCase(input: "1\n", output: "2\n", kind: .stdin))
    }

    @Test func liveCodeBenchRejectsBadPrivateTestsNamingTheStage() throws {
        func reason(_ privateTests: String) -> String {
            do {
                _ = try LiveCodeBenchAdapter().problem(from: try row(Self.lcbRow(privateTests: privateTests)), context: context())
                return "accepted"
            } catch { return "\(error)" }
        }
        #expect(reason("not*base64!").contains("neither a JSON test list nor base64"))
        #expect(reason(Base64.encode([1, 2, 3, 4, 5, 6])).contains("zlib"))
        let evil: [UInt8] = [0x80, 0x04, 0x63] + Array("os\nsystem\n".utf8) + [0x2E]
        #expect(reason(Base64.encode(Deflate.compress(evil))).contains("unsupported opcode 0x63"))
        #expect(reason(Self.encodedPrivate(#"[{"input": "1"}]"#)).contains("(decoded)"))
    }

    @Test func releaseAndDateFilters() throws {
        let r = try row(Self.lcbRow(privateTests: "[]", date: "2024-09-01T00:00:00"))
        func kept(_ entry: String, _ filters: RowFilters) throws -> Bool {
            try LiveCodeBenchAdapter().problem(from: r, context: context(entry, filters: filters)) != nil
        }
        #expect(try kept("test.jsonl", RowFilters(release: .cumulative(5))))
        #expect(try kept("test5.jsonl", RowFilters(release: .cumulative(5))))
        #expect(try !kept("test6.jsonl", RowFilters(release: .cumulative(5))))
        #expect(try kept("test3.jsonl", RowFilters(release: .only(3))))
        #expect(try !kept("test2.jsonl", RowFilters(release: .only(3))))
        #expect(throws: RowError.self) { try kept("other.jsonl", RowFilters(release: .only(3))) }
        #expect(try kept("t.jsonl", RowFilters(from: "2024-08-01", to: "2025-02-01")))
        #expect(try kept("t.jsonl", RowFilters(from: "2024-09-01", to: "2024-09-01")))
        #expect(try !kept("t.jsonl", RowFilters(from: "2024-09-02")))
        #expect(try !kept("t.jsonl", RowFilters(to: "2024-08-31")))
        #expect(LiveCodeBenchRelease.Filter("release_v6") == .cumulative(6))
        #expect(LiveCodeBenchRelease.Filter("v2") == .only(2))
        #expect(LiveCodeBenchRelease.Filter("v7") == nil)
        #expect(LiveCodeBenchRelease.release(ofFile: "dir/test.jsonl") == 1)
        #expect(LiveCodeBenchRelease.release(ofFile: "test4.jsonl") == 4)
        #expect(LiveCodeBenchRelease.release(ofFile: "train.jsonl") == nil)
    }

    @Test func humanEvalRowBecomesOneProgramTest() throws {
        let r = try row(#"{"task_id": "HumanEval/7", "prompt": "def f(x):\n", "entry_point": "f", "canonical_solution": "    return x\n", "test": "def check(candidate):\n    assert candidate(1) == 1\n    assert candidate(2) == 2\n"}"#)
        #expect(Adapters.detect(r, context: context())?.benchmark == "humaneval")
        let p = try #require(try HumanEvalAdapter().problem(from: r, context: context()))
        #expect(p.id == "humaneval/HumanEval-7")
        #expect(p.reference == "    return x\n")
        #expect(p.testCount == 1)
        #expect(try p.tests?.decodeTests().first?.kind == .program)
        let m = try metadata(p)
        #expect(m["entry_point"] == .string("f"))
        #expect(m["assertions"] == .number("2"))
    }
}
