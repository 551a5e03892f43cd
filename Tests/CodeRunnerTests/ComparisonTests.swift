import Testing
import FlowRLCore
import CodeRunner

@Suite struct ComparisonTests {
    @Test func extractionTakesTheLastFencedBlock() {
        let r = "text\n```python\nprint(1)\n```\nmore\n```python\nprint(2)\nprint(3)\n```\nbye"
        #expect(CodeExtraction.extract(from: r) == "print(2)\nprint(3)")
        #expect(CodeExtraction.extract(from: "no code here") == "")
        #expect(CodeExtraction.extract(from: "```\nonly one fence") == "")
    }

    @Test func stdoutRulesFollowLiveCodeBench() {
        #expect(StdoutComparison.mismatch(output: "  3 \n4.50  \n\n", expected: "3\n4.5") == nil)
        #expect(StdoutComparison.mismatch(output: "1e2 -0 Infinity", expected: "100 0 inf") == nil)
        #expect(StdoutComparison.mismatch(output: "0.30000000000000004", expected: "0.3") != nil)
        #expect(StdoutComparison.mismatch(output: "yes", expected: "YES") != nil)
        #expect(StdoutComparison.mismatch(output: "1\n2", expected: "1\n2\n3") == "Wrong answer: mismatched output length")
        #expect(StdoutComparison.mismatch(output: "NaN", expected: "NaN") == nil) // exact string match first
        #expect(StdoutComparison.mismatch(output: "nan 1", expected: "NaN 1") != nil)
        #expect(StdoutComparison.mismatch(output: "1_000", expected: "1000") == nil)
    }

}
