import Rewards
import Testing

@Suite struct DiversityEncodingTests {
    @Test func theEncodingRoundTripsExactlyIncludingAbsentValues() throws {
        let many = ProblemDiversity([ScoredSample(correct: true, answer: "2", text: "we factor the quadratic x^2 - 4 into linear factors"),
                                     ScoredSample(correct: false, answer: "3", text: "we guess three and check it in the equation"),
                                     ScoredSample(correct: true, text: "we factor the quadratic x^2 - 4 into linear factors again")])
        #expect(many.selfBLEU != nil && many.compressionSimilarity != nil)
        #expect(ProblemDiversity(encoded: many.encoded) == many)
        let one = ProblemDiversity([ScoredSample(correct: false, text: "alone")])
        #expect(one.selfBLEU == nil && one.jaccard == nil)
        #expect(ProblemDiversity(encoded: one.encoded) == one)
    }

    @Test func truncatedOrPaddedBytesAreRejected() {
        let bytes = ProblemDiversity([ScoredSample(correct: true, text: "a b c"),
                                      ScoredSample(correct: true, text: "a b d")]).encoded
        #expect(ProblemDiversity(encoded: Array(bytes.dropLast())) == nil)
        #expect(ProblemDiversity(encoded: bytes + [0]) == nil)
        #expect(ProblemDiversity(encoded: []) == nil)
    }
}
