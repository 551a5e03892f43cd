// Inputs found by scripts/fuzz-math.sh (libFuzzer), kept so the fixes stay fixed. Each test asserts the verdict a
// careful grader gives and, where the finding was slowness, that the work stays within a small step count (the
// budget's own counter, not a clock).
import Testing
@testable import MathGrader

@Suite struct FuzzRegressionTests {
    let grader = MathGrader()

    /// Steps the comparison spends, on a fresh budget.
    private func steps(_ answer: String, _ reference: String) -> (Tri, Int) {
        let budget = Budget(MathGradingBudget())
        guard let g = try? MathParser.parse(reference, budget: budget), let a = try? MathParser.parse(answer, budget: budget) else {
            return (.undecided("unparsed"), budget.steps)
        }
        return (AnswerComparator(budget: budget, mode: .eval).compare(gold: g, answer: a), budget.steps)
    }

    /// Seed finding: 1/2004! against 1/2006! took 100 ms under ASan (factorials multiplied one factor at a time and
    /// recomputed for the canonical form). Now a product tree, shared within one grade.
    @Test func nearbyFactorialReciprocals() {
        #expect(grader.grade(response: "\\boxed{\\frac{1}{2006!}}", reference: "\\frac{1}{2004!}").verdict == .wrong)
        #expect(grader.gradeAnswer("\\frac{1}{2004!}", reference: "\\frac{1}{2004!}").verdict == .correct)
        #expect(grader.gradeAnswer("\\frac{2005\\cdot 2006}{2006!}", reference: "\\frac{1}{2004!}").verdict == .correct)
        let (verdict, spent) = steps("\\frac{1}{2006!}", "\\frac{1}{2004!}")
        #expect(!verdict.isEqual)
        #expect(spent < 10_000)
    }

    /// crash-06620e53…: \frac{3}{2007!} took 285 ms under ASan (50 ms without): reducing 3/2007! ran BigInt's
    /// binary gcd, one subtraction of 3 per step from a 19 000-bit number. Now Euclid with division.
    @Test func smallNumeratorOverHugeFactorial() {
        let response = "\\boxed{\\frac{3}{2007!}}sec^* yA\\boxed{\u{01}\0\\$\0\0\0\0_{ +A\u{FFFD}1}"
        let g = grader.grade(response: response, reference: "\\frac{1}{2004!}")
        #expect(g.verdict == .wrong)
        #expect(g.extracted == "\\frac{3}{2007!}")
        #expect(grader.gradeAnswer("\\frac{3}{2007!}", reference: "\\frac{1}{669 \\cdot 2006!}").verdict == .correct)
    }

    /// Found while making extraction linear: every unclosed \boxed{ rescanned the rest of the text (quadratic).
    @Test func manyUnclosedBoxesStayLinear() {
        let response = String(repeating: "\\boxed{", count: 20_000) + " so \\boxed{4}"
        let g = grader.grade(response: response, reference: "4")
        #expect(g.verdict == .correct)
        #expect(g.extracted == "4")
    }

    /// crash-b7d63d46…: an unparseable reference with the answer "0\\06666!,80" took 102 ms under ASan: the
    /// canonical form computed 6666! (and 10000! against 9999! took 40 ms). Factorials now stop at 4000!.
    @Test func hugeFactorialsAreUndecidedQuickly() {
        let g = grader.grade(response: "The  1$0\\06666!,80$66.61", reference: "f66\0\0\0\0666v66666{10,}66080")
        #expect(g.verdict == .undecided)
        #expect(grader.gradeAnswer("6666!", reference: "5").verdict == .undecided)
        #expect(grader.gradeAnswer("10000!", reference: "9999!").verdict == .undecided)
        #expect(grader.gradeAnswer("3999! \\cdot 4000", reference: "4000!").verdict == .correct)
        #expect(grader.gradeAnswer("3999!", reference: "4000!").verdict == .wrong)
    }

    /// Probing the same path by hand: \binom{1000000}{50000} took 4 s and \binom{10^{30}}{3000} 1.2 s, one
    /// big-rational step per factor. Now a size estimate first, then product trees; values unchanged.
    @Test func largeBinomialsAreBoundedAndSmallOnesExact() {
        #expect(grader.gradeAnswer("\\binom{1000000}{50000}", reference: "5").verdict == .undecided)
        #expect(grader.gradeAnswer("\\binom{10^{30}}{3000}", reference: "5").verdict == .undecided)
        #expect(grader.gradeAnswer("\\binom{10}{3}", reference: "120").verdict == .correct)
        #expect(grader.gradeAnswer("\\binom{10}{7}", reference: "120").verdict == .correct)
        #expect(grader.gradeAnswer("\\binom{5}{7}", reference: "0").verdict == .correct)
        #expect(grader.gradeAnswer("\\binom{-1}{3}", reference: "-1").verdict == .correct)
        #expect(grader.gradeAnswer("\\binom{1000000}{500}", reference: "\\binom{1000000}{999500}").verdict == .correct)
        #expect(grader.gradeAnswer("\\binom{52}{5}", reference: "2598961").verdict == .wrong)
    }

    /// crash (fuzz round 4): comparing 2514^5816 (65 000 bits) with itself took over 100 ms under ASan: BigInt's
    /// power squares once past the last bit, and the canonical form recomputed the value. Now the same tree is
    /// equal without evaluation, powers go from the top bit down, and canonical forms skip values past 8192 bits.
    @Test func largeExactPowers() {
        #expect(grader.gradeAnswer("2514^{5816}", reference: "2514^5816").verdict == .correct)
        #expect(grader.gradeAnswer("2514^{5815}", reference: "2514^5816").verdict == .wrong)
        #expect(grader.gradeAnswer("2514^{5815}\\cdot 2514", reference: "2514^5816").verdict == .correct)
        #expect(grader.gradeAnswer("(-3)^{5}", reference: "-243").verdict == .correct)
        #expect(grader.gradeAnswer("(-\\frac{2}{3})^{-3}", reference: "-\\frac{27}{8}").verdict == .correct)
        #expect(grader.normalize("2^{10}") == "1024")
    }

    /// crash-48c402f5… (fuzz round 5): "16578E86806" built 10^86806 before the size check (1.4 s under ASan).
    @Test func hugeScientificExponentsAreUndecided() {
        let text = "00000016578E86806;4.%744\u{FFFD}\u{FFFD}j\u{FFFD}\u{FFFD}\u{FFFD}4444446444444444\\(2"
        #expect(grader.gradeAnswer("16578E86806", reference: "5").verdict == .undecided)
        #expect(grader.grade(response: "\\boxed{1.5e20000}", reference: "5").verdict == .undecided)
        #expect(grader.gradeAnswer("1.5e3", reference: "1500").verdict == .correct)
        #expect(grader.grade(response: text, reference: text).verdict == .undecided)   // the reference itself is too large
    }

    /// crash-a0fd895d…: a reference 0.00142^{2005}{2005} (an implicit product) took 2.4 s under ASan, 70 ms without:
    /// the product's 33 000-bit parts were reduced by Euclid afterwards. Now the factors are reduced against each
    /// other first (and powers of reduced fractions need no reduction at all).
    @Test func productWithAHugeDecimalPower() {
        let reference = "0.00142^{2005}{2005}"
        #expect(grader.grade(response: "\\bo8\n\\boxe{{:.3xed{2^{20\n\\box^ed", reference: reference).verdict == .wrong)
        #expect(grader.gradeAnswer("2005 \\cdot 0.00142^{2005}", reference: reference).verdict == .correct)
        #expect(grader.gradeAnswer("2006 \\cdot 0.00142^{2005}", reference: reference).verdict == .wrong)
    }

    /// crash-b7dd6111…: an equation compared with itself came out "not multiples": its difference at a sample point
    /// was about 1e200 (1e200 + 1e200i here), and dividing it by itself overflowed |b|² to give NaN.
    @Test func equationWithHugeValuesEqualsItself() throws {
        let big = Complex(1e200, 1e200)
        let one = big / big
        #expect(abs(one.re - 1) < 1e-15 && abs(one.im) < 1e-15)
        let bytes = Array("\\pi/ andd10^{rac{\\pi}{mathbf6}}f(x)=x^".utf8) + [UInt8](repeating: 0xFF, count: 39)
            + Array("the answer is".utf8) + [UInt8](repeating: 0xFF, count: 26) + Array("2".utf8)
        let text = String(decoding: bytes, as: UTF8.self)
        let budget = Budget(MathGradingBudget())
        let node = try MathParser.parse(text, budget: budget)
        for mode in MathGradingMode.allCases {
            let r = AnswerComparator(budget: budget, mode: mode).compare(gold: node, answer: node)
            if case .different(let why) = r { Issue.record("differs from itself: \(why)") }
        }
    }
}

