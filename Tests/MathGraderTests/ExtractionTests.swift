// Extraction in both modes, with hand-written responses.
import Testing
@testable import MathGrader

private func extracted(_ response: String, _ mode: MathGradingMode = .eval) -> String? {
    if case .success(let e) = AnswerExtractor.extract(response, mode: mode) { return e.text }
    return nil
}

@Suite struct ExtractionTests {
    @Test func boxes() {
        #expect(extracted("so $\\boxed{\\frac{1}{2}}$.") == "\\frac{1}{2}")
        #expect(extracted("thus \\boxed{\\left(3, \\frac{\\pi}{2}\\right)}") == "\\left(3, \\frac{\\pi}{2}\\right)")
        #expect(extracted("the answer is \\boxed 5.") == "5")
        #expect(extracted("\\fbox{3}") == "3")
        #expect(extracted("Solutions: $\\boxed{2}$, $\\boxed{3}$") == "2, 3")
        #expect(extracted("\\boxed{2} and \\boxed{3}") == "2, 3")
        #expect(extracted("First \\boxed{2}. Wait, that is wrong; recomputing gives \\boxed{3}.") == "3")
        #expect(extracted("\\boxed{\\boxed{7}}") == "7")
        #expect(extracted("\\boxed{x^{2^{3}}}") == "x^{2^{3}}")
    }

    @Test func phrasesBoldMathAndNumbers() {
        #expect(extracted("Final Answer: The final answer is $42$. I hope it is correct.") == "42")
        #expect(extracted("Answer: 42") == "42")
        #expect(extracted("so the answer is 17. Done") == "17")
        #expect(extracted("The result is **73**") == "73")
        #expect(extracted("We get $x = 5$ in the end") == "x = 5")
        #expect(extracted("We get \\(y=3\\) and then \\[ z = 4 \\]") == "z = 4")
        #expect(extracted("there are 17 apples") == "17")
        #expect(extracted("no digits here") == nil)
    }

    @Test func thinking() {
        #expect(extracted("<think>maybe \\boxed{4}") == nil)
        #expect(extracted("<think>maybe \\boxed{4}</think> The answer is \\boxed{5}") == "5")
        #expect(extracted("<think>long thought</think>So $7$") == "7")
    }

    @Test func rewardModeIsStrict() {
        #expect(extracted("there are 17 apples", .reward) == nil)
        #expect(extracted("The result is **73**", .reward) == nil)
        #expect(extracted("We get $x = 5$", .reward) == nil)
        #expect(extracted("Answer: 42", .reward) == "42")
        #expect(extracted("\\boxed{9}", .reward) == "9")
        let reward = MathGrader(mode: .reward)
        #expect(reward.grade(response: "It is \\boxed{3} or \\boxed{5}", reference: "3").verdict == .wrong)
        #expect(reward.grade(response: "\\boxed{3, 5, 7}", reference: "5").verdict == .wrong)
        #expect(reward.grade(response: "<think>\\boxed{5}", reference: "5").verdict == .noAnswer)
        #expect(reward.grade(response: "the answer 5 is clear", reference: "5").verdict == .noAnswer)
        #expect(reward.grade(response: "so \\boxed{5}", reference: "5").verdict == .correct)
    }

    /// The boxes-only pass (the fast path) must record exactly the boxes the full scan records.
    @Test func boxesOnlyPassAgreesWithFullScan() {
        func boxes(_ s: AnswerExtractor.Scan) -> [[Int]] {
            s.boxes.map { [$0.start, $0.end, $0.content.lowerBound, $0.content.upperBound] }
        }
        func same(_ text: String) -> Bool {
            let bytes = Array(text.utf8)
            return boxes(AnswerExtractor.Scan(bytes)) == boxes(AnswerExtractor.Scan(boxesOf: bytes))
        }
        let handMade = [
            "\\\\boxed{1} then \\\\\\boxed{2}",     // an escaped backslash before "boxed" is no box
            "\\boxed{\\boxed{7}} and \\fbox{8}",           // nested: only the outer one
            "\\boxed{unclosed \\boxed{3}",                  // a failed box lets the scan go on inside it
            "$\\boxed 5$, **\\boxed{6}** \\boxed",          // token box, box in bold, a bare name at the end
            "\\{ \\boxed{\\}} \\boxed{a\\{b}",             // escaped braces
            "\\", "", "\\boxed{", "x\\\\",
        ]
        for text in handMade { #expect(same(text), "\(text)") }
        // Random mixtures of the bytes that matter, seeded.
        let pieces = ["\\", "boxed", "fbox", "{", "}", " ", "$", "**", "\n", "answer is ", "x", "\\(", "\\)"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<24 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            #expect(same(text), "\(text)")
        }
    }
}
