// Hand-written cases per answer form. Every expected verdict was decided by hand from the mathematics.
import Testing
@testable import MathGrader

private let eval = MathGrader(mode: .eval)

/// Grades an extracted answer against a gold.
private func same(_ answer: String, _ gold: String) -> MathVerdict { eval.gradeAnswer(answer, reference: gold).verdict }

@Suite struct NumberTests {
    @Test(arguments: [
        ("420", "420"), ("025", "25"), ("27.0", "27"), ("10,\\!080", "10080"), ("10{,}000", "10000"),
        ("3,\\!250", "3,250"), ("58,500", "58500"), ("11,\\! 111,\\! 111,\\! 100", "11111111100"), ("1 000", "1000"),
        ("\\frac12", "0.5"), ("\\dfrac{1}{9}", "1/9"), ("\\tfrac{14}{3}", "14/3"), ("\\frac9{19}", "\\frac{9}{19}"),
        ("\\frac 34", "0.75"), (".35625", "0.35625"), ("12\\frac{3}{5}", "63/5"), ("1\\frac{1}{4}", "5/4"),
        ("137 \\frac{1}{2}", "137.5"), ("2.3148\\times10^{-3}", "0.0023148"), ("1.2e-3", "\\frac{3}{2500}"),
        ("25\\%", "25"), ("198\\%", "198"), ("145^\\circ", "145"), ("120^{\\circ}", "120"), ("\\$18.90", "18.9"),
        ("\\$32,\\!348", "32348"), ("15\\mbox{ cm}^2", "15"), ("100\\text{ square units}", "100"),
        ("5.4 \\text{ cents}", "5.4"), ("\\frac{270}7\\text{ degrees}", "270/7"), ("37.50", "37.5"),
        ("-\\frac{24}{25}", "-0.96"), ("2^{2005}", "2^{2005}"), ("\\frac{1}{2004!}", "\\frac{2005\\cdot 2006}{2006!}"),
    ])
    func equalNumbers(_ gold: String, _ answer: String) {
        #expect(same(answer, gold) == .correct, "\(answer) should equal \(gold)")
    }

    @Test(arguments: [
        ("420", "421"), ("10000", "9999"), ("28", "0.28"), ("\\frac{1}{3}", "0.333"), ("\\frac{1}{2004!}", "\\frac{1}{2006!}"),
        ("12\\frac{3}{5}", "36/5"), ("2^{2005}", "2^{2005}+1"), ("-3", "3"), ("0.15", "0.16"), ("\\frac{1}{2}", "\\frac{1}{3}"),
    ])
    func differentNumbers(_ gold: String, _ answer: String) {
        #expect(same(answer, gold) == .wrong, "\(answer) should differ from \(gold)")
    }

    @Test func longDecimalsMatchTheirExactValue() {
        #expect(same("0.333333", "\\frac13") == .correct)   // six significant digits: documented long-decimal rule
        #expect(same("0.3333", "\\frac13") == .wrong)       // four digits are an exact different rational
        #expect(same("37.69911", "12\\pi") == .correct)
        #expect(same("37.7", "12\\pi") == .wrong)
    }

    @Test func baseNumerals() {
        #expect(same("2516_8", "2516_8") == .correct)
        #expect(same("2516", "2516_8") == .correct)
        #expect(same("1358", "2516_8") == .correct)   // 2·512 + 5·64 + 1·8 + 6
        #expect(same("2517_8", "2516_8") == .wrong)
        #expect(same("4210_5", "4210_{5}") == .correct)
    }
}

@Suite struct RadicalAndComplexTests {
    @Test(arguments: [
        ("4\\sqrt{2}", "\\sqrt{32}"), ("4\\sqrt{2}", "4\\sqrt(2)"), ("11\\sqrt2", "11\\sqrt{2}"), ("\\frac{\\sqrt{3}}{3}", "\\frac{1}{\\sqrt{3}}"),
        ("2\\sqrt{5}", "\\sqrt{20}"), ("11 \\sqrt{5} + 11", "11(1+\\sqrt5)"), ("\\frac{3\\sqrt{3}}{4}", "\\frac{3}{4}\\sqrt{3}"),
        ("1+2i", "i(2-i)"), ("-2 + 7i", "7i-2"), ("6 - 5i", "6-5i"), ("\\sqrt[3]{8}", "2"), ("\\sqrt{-4}", "2i"),
        ("\\frac{1}{1+\\sqrt2}", "\\sqrt2-1"), ("12\\pi", "12 \\pi"), ("\\frac{20000}{\\pi}", "20000/\\pi"), ("18+2\\pi", "2\\pi+18"),
        ("-\\frac{\\pi}{6}", "-\\pi/6"), ("\\frac{\\pi^2}{8}", "\\pi^2/8"), ("1-\\frac1e", "\\frac{e-1}{e}"),
        ("\\binom{5}{2}", "10"), ("5!", "120"), ("\\log_2 8", "3"), ("\\lfloor 3.7 \\rfloor", "3"), ("|-4|", "4"),
    ])
    func equal(_ gold: String, _ answer: String) { #expect(same(answer, gold) == .correct, "\(answer) = \(gold)") }

    @Test(arguments: [
        ("4\\sqrt{2}", "4"), ("2i", "2"), ("1-\\frac1e", "1+\\frac1e"), ("\\sqrt{51}", "\\sqrt{53}"), ("1+2i", "1-2i"),
        ("\\frac{\\pi}{2}", "\\frac{\\pi}{3}"),
    ])
    func different(_ gold: String, _ answer: String) { #expect(same(answer, gold) == .wrong, "\(answer) ≠ \(gold)") }
}

@Suite struct StructureTests {
    @Test(arguments: [
        ("\\left( 3, \\frac{\\pi}{2} \\right)", "(3,\\pi/2)"), ("(1,-16,-4,43)", "1,-16,-4,43"), ("3, 5, 7", "7, 3, 5"),
        ("3, 5, 7", "\\{3,5,7\\}"), ("1 \\pm \\sqrt{19}", "1+\\sqrt{19}, 1-\\sqrt{19}"), ("\\{1\\pm\\sqrt{5},-2\\}", "-2, 1-\\sqrt5, 1+\\sqrt5"),
        ("(-\\infty, 0]", "(-\\infty,0]"), ("(2,\\infty)", "x>2"), ("x \\in [-2,7]", "[-2,7]"), ("[-2,7]", "-2 \\le x \\le 7"),
        ("(-\\infty, 2) \\cup (3, \\infty)", "(3,\\infty)\\cup(-\\infty,2)"), ("\\left(\\frac{3}{5},\\frac{8}{3}\\right]", "(0.6, 8/3]"),
        ("\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}", "\\begin{bmatrix} -1 & 0 \\\\ 0 & -1 \\end{bmatrix}"),
        ("\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}", "\\begin{pmatrix} \\frac15 \\\\ -\\frac{18}{5} \\end{pmatrix}"),
        ("(p,q)=(3,2)", "(3,2)"), ("-2,1", "1, -2"), ("3:1", "3 : 1"),
    ])
    func equal(_ gold: String, _ answer: String) { #expect(same(answer, gold) == .correct, "\(answer) = \(gold)") }

    @Test(arguments: [
        ("3, 5, 7", "7"), ("3, 5, 7", "3, 5"), ("(3,4]", "(3,4)"), ("(3,4]", "[3,4]"), ("(15,-29)", "(-29,15)"),
        ("1 \\pm \\sqrt{19}", "1+\\sqrt{19}"), ("(-\\infty, 2) \\cup (3, \\infty)", "(-\\infty, 2)"),
        ("\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}", "\\begin{pmatrix} -1 & 0 & 0 & -1 \\end{pmatrix}"),
        ("\\begin{pmatrix} -7 \\\\ 16 \\\\ 5 \\end{pmatrix}", "\\begin{pmatrix} -7 \\\\ 16 \\\\ 6 \\end{pmatrix}"), ("(2,\\infty)", "x \\ge 2"),
    ])
    func different(_ gold: String, _ answer: String) { #expect(same(answer, gold) == .wrong, "\(answer) ≠ \(gold)") }
}

@Suite struct SymbolicTests {
    @Test(arguments: [
        ("x^3+3x-6", "3x-6+x^3"), ("(a+5)(b+2)", "ab+2a+5b+10"), ("6r^2-4r-24", "2(3r^2-2r-12)"), ("\\frac{11+9a}{20}", "\\frac{9a}{20}+\\frac{11}{20}"),
        ("x^5 - x^4 + x^3 - x^2 + x - 1", "(x-1)(x^4+x^2+1)"), ("\\sec^2 y", "\\tan^2 y+1"), ("\\cot x", "\\frac{\\cos x}{\\sin x}"),
        ("y = 2x + 3", "2x+3"), ("2x+3", "y=2x+3"), ("x=5", "5"), ("5", "x = 5"), ("y = -2x", "y=-2x"),
        ("5x - 7y + 11z + 4 = 0", "-5x+7y-11z-4=0"), ("5x - 7y + 11z + 4 = 0", "10x-14y+22z+8=0"), ("2k+2", "2(k+1)"),
        ("\\sin^2 x + \\cos^2 x", "1"), ("\\sqrt{x^2}", "x"),
    ])
    func equal(_ gold: String, _ answer: String) { #expect(same(answer, gold) == .correct, "\(answer) = \(gold)") }

    @Test(arguments: [
        ("x^3+3x-6", "x^3+3x+6"), ("(a+5)(b+2)", "ab+10"), ("5x - 7y + 11z + 4 = 0", "5x-7y+11z-4=0"), ("y = 2x + 3", "x = 2y + 3"),
        ("p - q", "q - p"), ("2k", "2n"),
    ])
    func different(_ gold: String, _ answer: String) { #expect(same(answer, gold) == .wrong, "\(answer) ≠ \(gold)") }
}

@Suite struct TextTests {
    @Test func textAnswers() {
        #expect(same("Evelyn", "\\text{Evelyn}") == .correct)
        #expect(same("\\text{East}", "\\text{east}") == .correct)
        #expect(same("Navin", "\\text{Evelyn}") == .wrong)
        #expect(same("4:30 \\text{ p.m.}", "\\text{4:30 p.m.}") == .correct)
        #expect(same("\\frac{4}{30}", "\\text{4:30 p.m.}") == .wrong)
        #expect(same("\\text{(B)}", "\\text{(B)}") == .correct)
        #expect(same("B", "\\text{(B)}") == .correct)
        #expect(same("(C)", "\\text{(B)}") == .wrong)
        #expect(same("\\textbf{(A) }12", "A") == .correct)
        #expect(same("ellipse", "\\text{ellipse}") == .correct)
        #expect(same("parabola", "\\text{ellipse}") == .wrong)
    }
}
