import Foundation
import Rewards
import Testing

@Suite struct DiversityTests {
    func sample(_ text: String, correct: Bool = true, answer: String? = nil) -> ScoredSample {
        ScoredSample(correct: correct, answer: answer, text: text)
    }

    @Test func tokensAreLowerCasedWordsAndSingleSymbols() {
        #expect(Tokenizer.tokenHashes("x^2 = 4").count == 5)
        #expect(Tokenizer.tokenHashes("Hello,  World\n") == Tokenizer.tokenHashes("hello , world"))
        #expect(Tokenizer.tokenHashes("") == [])
        #expect(Tokenizer.tokenHashes("abc") != Tokenizer.tokenHashes("abd"))
    }

    @Test func distinctNPoolsTheNGramsOfAllSamples() {
        let stats = NGramStatistics(tokens: ["a b a b", "a b c"].map(Tokenizer.tokenHashes))
        // unigrams 3 distinct of 7; bigrams {ab, ba, bc} of 5; trigrams {aba, bab, abc} of 3; 4-grams {abab} of 1.
        #expect(stats.distinct == [3.0 / 7, 3.0 / 5, 1, 1])
    }

    @Test func selfBLEUByHand() {
        // Identical samples: every precision 1, no brevity penalty.
        let same = NGramStatistics(tokens: Array(repeating: Tokenizer.tokenHashes("a b c d e"), count: 3))
        #expect(abs(same.selfBLEU! - 1) < 1e-12)
        // "a b c d" vs "a b c e": p = 3/4, 2/3, 1/2, and 0/1 floored to 0.1/1; equal lengths.
        let pair = NGramStatistics(tokens: ["a b c d", "a b c e"].map(Tokenizer.tokenHashes))
        #expect(abs(pair.selfBLEU! - pow(0.75 * (2.0 / 3) * 0.5 * 0.1, 0.25)) < 1e-12)
        // Clipping, brevity penalty and effective order:
        // "the the the the" vs "the cat": p1 = 1/4 (clipped to one "the"), p2 = 0.1/3, p3 = 0.1/2, p4 = 0.1/1, BP 1.
        // "the cat" vs "the the the the": p1 = 1/2, p2 = 0.1/1, orders 3–4 absent; BP = exp(1 − 4/2).
        let clipped = NGramStatistics(tokens: ["the the the the", "the cat"].map(Tokenizer.tokenHashes))
        let first = pow(0.25 * (0.1 / 3) * (0.1 / 2) * 0.1, 0.25)
        let second = exp(-1.0) * (0.5 * 0.1).squareRoot()
        #expect(abs(clipped.selfBLEU! - (first + second) / 2) < 1e-12)
        #expect(NGramStatistics(tokens: [Tokenizer.tokenHashes("only one")]).selfBLEU == nil)
    }

    @Test func minHashEstimatesTrigramJaccard() {
        #expect(abs(exactTrigramJaccard("a b c d", "a b c e") - 1.0 / 3) < 1e-15)  // {abc, bcd} vs {abc, bce}
        let identical = MinHashSketch(tokens: Tokenizer.tokenHashes("we factor the quadratic and read off roots"))
        #expect(identical.jaccard(identical) == 1)
        let other = MinHashSketch(tokens: Tokenizer.tokenHashes("draw the triangle then apply the law of sines"))
        #expect(identical.jaccard(other) == 0)
        // Long texts sharing a known part: the estimate lands within 4 standard errors of the exact value.
        var rng = SeededRandom(seed: 11)
        let words = (0..<3000).map { _ in "w\(rng.next() % 5000)" }
        for overlap in [0.2, 0.5, 0.8] {
            let shared = Int(Double(words.count) * overlap)
            let a = words.prefix(shared) + words[shared..<(shared + (words.count - shared) / 2)]
            let b = words.prefix(shared) + words[(shared + (words.count - shared) / 2)...]
            let (ta, tb) = (a.joined(separator: " "), b.joined(separator: " "))
            let exact = exactTrigramJaccard(ta, tb)
            let estimate = MinHashSketch(tokens: Tokenizer.tokenHashes(ta)).jaccard(MinHashSketch(tokens: Tokenizer.tokenHashes(tb)))
            let se = (exact * (1 - exact) / Double(MinHashSketch.bins)).squareRoot()
            #expect(abs(estimate - exact) < 4 * se + 0.01, "overlap \(overlap): exact \(exact) estimate \(estimate)")
        }
    }

    @Test func meanPairwiseJaccardEqualsTheMeanOfThePairs() {
        let texts = ["a b c d e f", "a b c d x y", "p q r s t u", "a b c d e f", "short"]
        let sketches = texts.map { MinHashSketch(tokens: Tokenizer.tokenHashes($0)) }
        var sum = 0.0, pairs = 0
        for i in sketches.indices { for j in sketches.indices where j > i { sum += sketches[i].jaccard(sketches[j]); pairs += 1 } }
        #expect(abs(MinHashSketch.meanPairwiseJaccard(sketches)! - sum / Double(pairs)) < 1e-12)
        #expect(MinHashSketch.meanPairwiseJaccard(Array(sketches.prefix(1))) == nil)
        // Many sketches with repeats (crowded bins), against the brute-force mean over pairs.
        let pool = ["a b c d e f g h", "a b c d e f x y", "p q r s t u v", "one two three four five", "z"]
        let many = (0..<40).map { MinHashSketch(tokens: Tokenizer.tokenHashes(pool[($0 * 7) % pool.count] + " w\($0 % 3)")) }
        var manySum = 0.0, manyPairs = 0
        for i in many.indices { for j in many.indices where j > i { manySum += many[i].jaccard(many[j]); manyPairs += 1 } }
        #expect(abs(MinHashSketch.meanPairwiseJaccard(many)! - manySum / Double(manyPairs)) < 1e-12)
        // A problem's diversity reports that mean.
        let problem = ProblemDiversity(texts.map { sample($0) })
        #expect(problem.jaccard == MinHashSketch.meanPairwiseJaccard(sketches))
        #expect(ProblemDiversity([sample("alone")]).jaccard == nil)
    }

    @Test func compressionSimilarityIsHighForCopiesAndLowForUnrelatedTexts() {
        var rng = SeededRandom(seed: 5)
        func randomText() -> String { String((0..<4000).map { _ in Character(UnicodeScalar(UInt8(97 + rng.next() % 26))) }) }
        let base = randomText()
        #expect(CompressionSimilarity.similarity([base, base, base])! > 0.9)
        #expect(CompressionSimilarity.similarity([randomText(), randomText(), randomText()])! < 0.1)
        let edited = String(base.prefix(2000)) + randomText().prefix(2000)
        let half = CompressionSimilarity.similarity([base, edited])!
        #expect(half > 0.3 && half < 0.7)
        // Too short to compress: left out rather than called unrelated.
        #expect(CompressionSimilarity.similarity(["abcd", "abcd", "abcd"]) == nil)
        #expect(CompressionSimilarity.similarity([base, "abcd", base, base])! > 0.9)
        #expect(CompressionSimilarity.similarity([base]) == nil)
    }

    @Test func answerCountsAndEntropy() {
        let a = AnswerDiversity(answers: ["1", "1", "2", nil, "3"])
        #expect(a.distinctAnswers == 3)
        #expect(abs(a.entropyBits - 1.5) < 1e-12)  // (1/2, 1/4, 1/4)
        #expect(AnswerDiversity(answers: ["7", "7"]).entropyBits == 0)
    }

    @Test func clustersAndTheStrategyScore() {
        let a = "we factor the quadratic into two linear terms and read off both roots directly"
        let b = "draw the triangle drop an altitude then apply the pythagorean theorem twice over"
        let c = "count the cases by complementary counting subtract the invalid arrangements at the end"
        let sketches = [a, a, a, b, b, c].map { MinHashSketch(tokens: Tokenizer.tokenHashes($0)) }
        #expect(SolutionClusters(sketches).sizes == [3, 2, 1])
        func score(_ texts: [String]) -> Int? {
            SolutionClusters(texts.map { MinHashSketch(tokens: Tokenizer.tokenHashes($0)) }).strategyScore
        }
        let distinct = (0..<16).map { "solution number \($0) uses method \($0 * 7919) with steps \($0 * 31) \($0 * 17)" }
        #expect(score(Array(repeating: a, count: 16)) == 1)        // 16 identical
        #expect(score(distinct) == 5)                                // 16 distinct
        #expect(score(Array(repeating: a, count: 8) + distinct.prefix(8)) == 3)   // largest 8 of 16
        #expect(score(Array(repeating: a, count: 12) + distinct.prefix(4)) == 2)  // largest 12 of 16
        #expect(score(Array(repeating: a, count: 5) + distinct.prefix(11)) == 4)  // largest 5 of 16
        #expect(score([a]) == nil)
    }

    @Test func problemDiversityCountsDistinctCorrectSolutions() {
        let a = "we factor the quadratic into two linear terms and read off both roots directly"
        let b = "draw the triangle drop an altitude then apply the pythagorean theorem twice over"
        let d = ProblemDiversity([sample(a, answer: "2"), sample(a, answer: "2"), sample(b, answer: "2"),
                                  sample(b, correct: false, answer: "3")])
        #expect(d.correctSolutions == 2)
        #expect(d.clusters.sizes == [2, 2])
        #expect(d.answers.distinctAnswers == 2)
        #expect(d.jaccard! > 0.3 && d.jaccard! < 0.36)  // 2 of 6 pairs identical, the rest disjoint: 1/3
        let none = ProblemDiversity([sample(a, correct: false), sample(b, correct: false)])
        #expect(none.correctSolutions == 0)
    }
}
