import Foundation
import Rewards
import Testing

@Suite struct PassAtKTests {
    /// The share of k-subsets of n samples (the first c correct) that contain a correct sample, by enumeration.
    func bruteForce(n: Int, c: Int, k: Int) -> Double {
        var hits = 0, total = 0
        for mask in 0..<(1 << n) where mask.nonzeroBitCount == k {
            total += 1
            if mask & ((1 << c) - 1) != 0 { hits += 1 }
        }
        return Double(hits) / Double(total)
    }

    @Test func matchesEnumerationOfEverySubsetForSmallN() {
        for n in 1...10 {
            for c in 0...n {
                for k in 1...n {
                    #expect(abs(passAtK(n: n, c: c, k: k) - bruteForce(n: n, c: c, k: k)) < 1e-12, "n=\(n) c=\(c) k=\(k)")
                }
            }
        }
    }

    @Test func handValuesAndLargeNStayFinite() {
        #expect(passAtK(n: 4, c: 1, k: 2) == 0.5)  // 1 − C(3,2)/C(4,2) = 1 − 3/6
        #expect(passAtK(n: 16, c: 0, k: 16) == 0)
        #expect(passAtK(n: 16, c: 1, k: 16) == 1)
        // C(1000, 500) overflows a Double; the product form does not. 1 − C(990,100)/C(1000,100):
        let value = passAtK(n: 1000, c: 10, k: 100)
        var logRatio = 0.0
        for i in 991...1000 { logRatio += log(1 - 100 / Double(i)) }
        #expect(abs(value - (1 - exp(logRatio))) < 1e-12)
        #expect(value > 0.65 && value < 0.66)
        #expect(averageAccuracy(n: 16, c: 4) == 0.25)
    }
}

@Suite struct MajorityTests {
    func s(_ answer: String?, _ correct: Bool) -> ScoredSample { ScoredSample(correct: correct, answer: answer) }

    @Test func majorityWinsAndTiesScoreTheMeanOfTheTiedCredits() {
        #expect(majorityAtK([s("1", true), s("1", true), s("2", false)], k: 3) == 1)
        #expect(majorityAtK([s("2", false), s("2", false), s("1", true)], k: 3) == 0)
        // A two-way tie between a correct and a wrong answer: expected credit of a random tie-break.
        #expect(majorityAtK([s("1", true), s("2", false)], k: 2) == 0.5)
        // Three-way tie, one correct.
        #expect(abs(majorityAtK([s("a", false), s("b", true), s("c", false)], k: 3)! - 1.0 / 3) < 1e-15)
        // Only the first k vote.
        #expect(majorityAtK([s("1", true), s("2", false), s("2", false)], k: 1) == 1)
        // Samples without an answer do not vote; no votes at all scores 0; k > n is undefined.
        #expect(majorityAtK([s(nil, false), s(nil, false), s("1", true)], k: 3) == 1)
        #expect(majorityAtK([s(nil, false), s(nil, true)], k: 2) == 0)
        #expect(majorityAtK([s("1", true)], k: 2) == nil)
        // A grader that disagrees within one answer: that answer's credit is its share of correct voters.
        #expect(majorityAtK([s("1", true), s("1", false), s("2", false)], k: 3) == 0.5)
    }
}

@Suite struct BootstrapTests {
    @Test func ninetyFivePercentIntervalsCoverTheTrueMeanAboutNinetyFivePercentOfTheTime() {
        // Problems with Bernoulli(0.3) outcomes over 8 samples: the true mean accuracy is 0.3.
        var data = SeededRandom(seed: 42)
        var covered = 0
        let trials = 300
        for trial in 0..<trials {
            let values = (0..<150).map { _ in
                Double((0..<8).filter { _ in Double(data.next() >> 11) / Double(1 << 53) < 0.3 }.count) / 8
            }
            let e = Bootstrap(resamples: 400, seed: UInt64(trial)).interval(values)
            #expect(e.low <= e.value && e.value <= e.high)
            if e.low <= 0.3 && 0.3 <= e.high { covered += 1 }
        }
        let coverage = Double(covered) / Double(trials)
        #expect(coverage > 0.90 && coverage < 0.985, "coverage \(coverage)")
    }

    @Test func sameSeedSameIntervalAndConstantDataHasZeroWidth() {
        let values = (0..<50).map { Double($0 % 7) / 7 }
        #expect(Bootstrap(seed: 9).interval(values) == Bootstrap(seed: 9).interval(values))
        let constant = Bootstrap().interval([Double](repeating: 0.4, count: 30))
        #expect(abs(constant.low - 0.4) < 1e-12 && abs(constant.high - 0.4) < 1e-12)
    }
}

@Suite struct PairedTestTests {
    @Test func identicalRunsGivePOneAndZeroDifference() {
        let a = (0..<80).map { Double($0 % 5) / 4 }
        let result = PairedTest().compare(a, a)
        #expect(result.pValue == 1)
        #expect(result.difference.value == 0 && result.difference.low == 0 && result.difference.high == 0)
        #expect(result.problems == 80)
    }

    @Test func clearlyDifferentRunsGiveASmallPAndAnIntervalAwayFromZero() {
        var rng = SeededRandom(seed: 3)
        let b = (0..<100).map { _ in Double(rng.next() % 5) / 10 }  // 0 … 0.4
        let a = b.map { $0 + 0.3 + Double(rng.next() % 3) / 20 }      // 0.3 … 0.4 better
        let result = PairedTest().compare(a, b)
        #expect(result.pValue < 0.001)
        #expect(result.difference.low > 0.3 && result.difference.high < 0.4)
        // Swapping the sides flips the sign and keeps p.
        let swapped = PairedTest().compare(b, a)
        #expect(swapped.difference.value == -result.difference.value && swapped.pValue == result.pValue)
    }

    @Test func aSingleSmallDifferenceIsNotSignificant() {
        // One problem differs by 1 among 40: about half of the sign flips are as extreme, so p ≈ 1.
        var a = [Double](repeating: 0.5, count: 40)
        let b = a
        a[0] = 0.6
        #expect(PairedTest().compare(a, b).pValue > 0.9)
    }
}

@Suite struct GroupRewardsTests {
    @Test func momentsZScoresAndTargetWeights() {
        let g = GroupRewards(rewards: [1, 0, 0, 1])
        #expect(g.mean == 0.5)
        #expect(abs(g.variance - 1.0 / 3) < 1e-15)  // unbiased: 4 × 0.25 / 3
        let z = 0.5 / ((1.0 / 3).squareRoot() + 1e-6)
        #expect(abs(g.normalized[0] - z) < 1e-12 && abs(g.normalized[1] + z) < 1e-12)
        // softmax(15 r̂): the two correct samples share almost all the weight.
        let high = 1 / (2 + 2 * exp(-30 * z))
        #expect(abs(g.targetWeights[0] - high) < 1e-12 && abs(g.targetWeights.reduce(0, +) - 1) < 1e-12)
        #expect(abs(g.targetEntropy - log(2)) < 1e-6)
        #expect(abs(g.effectiveSampleSize - 2) < 1e-6)
    }

    @Test func constantGroupsAreUniformAndAGroupOfOneKeepsItsReward() {
        let constant = GroupRewards(rewards: [1, 1, 1, 1])
        #expect(constant.normalized == [0, 0, 0, 0])
        #expect(constant.targetWeights.allSatisfy { abs($0 - 0.25) < 1e-15 })
        #expect(abs(constant.targetEntropy - log(4)) < 1e-12 && abs(constant.effectiveSampleSize - 4) < 1e-12)
        let one = GroupRewards(rewards: [0.7])
        #expect(one.variance == 0 && abs(one.normalized[0] - 0.7 / (1 + 1e-6)) < 1e-12 && one.targetWeights == [1])
    }

    @Test func histogramBinsAndClampsTheUpperEdge() {
        let h = Histogram([0, 0.5, 1, 0.25, -3], low: 0, high: 1, bins: 2)
        #expect(h.counts == [3, 2])  // -3 clamps into the first bin, 1 into the last
        #expect(h.edges == [0, 0.5, 1])
        #expect(Histogram.range(of: [2, 2]) == (1.5, 2.5))
    }
}
