// One grade of an extracted answer against a reference: string-level checks that are always safe, then parse both
// into trees and compare them by type. Owns the policy for text golds, choice letters, percent and base-n numerals.

struct AnswerGrading {
    let mode: MathGradingMode
    let limits: MathGradingBudget
    /// Whether grades carry the canonical form of the answer.
    let normalizes: Bool

    func grade(answer rawAnswer: String, reference rawReference: String) -> MathGrade {
        let budget = Budget(limits)
        let answer = Self.prepare(rawAnswer)
        let reference = Self.prepare(Self.unboxed(rawReference))
        func result(_ v: MathVerdict, _ why: String, _ node: MathNode? = nil) -> MathGrade {
            MathGrade(verdict: v, extracted: rawAnswer, normalizedAnswer: normalizes ? canonical(answer, node, budget) : nil, reason: why)
        }
        guard answer.count <= limits.maxAnswerLength else {
            return result(.undecided, "answer longer than \(limits.maxAnswerLength) characters")
        }
        guard !answer.isEmpty else { return result(.noAnswer, "empty answer") }

        // 1. Identical up to spacing.
        if TextNormalizer.compact(answer) == TextNormalizer.compact(reference) { return result(.correct, "identical answer") }

        // 2. Multiple-choice golds: compare letters.
        if reference.utf8.count <= 16, let letter = TextNormalizer.choiceLetter(reference) {
            if let given = TextNormalizer.choiceLetter(answer) {
                return result(given == letter ? .correct : .wrong, given == letter ? "same choice" : "choice \(given) instead of \(letter)")
            }
        }

        // 3. Base-n gold written with its subscript, answer with the digits only.
        if reference.contains("_"), let (digits, _) = Self.baseNumeral(reference), TextNormalizer.compact(answer) == digits {
            return result(.correct, "same base-n digits")
        }

        // 4. Parse. Text golds compare as text.
        let gold: MathNode
        do { gold = try MathParser.parse(reference, budget: budget) } catch {
            if TextNormalizer.flatten(answer) == TextNormalizer.flatten(reference) { return result(.correct, "same text") }
            if budget.isExhausted { return result(.undecided, "reference: \(budget.exhaustedReason ?? "budget exhausted")") }
            return result(.undecided, "reference could not be parsed: \((error as? MathParseError)?.message ?? "\(error)")")
        }
        if Self.isTextLike(gold) {
            let same = TextNormalizer.flatten(answer) == TextNormalizer.flatten(reference)
            return result(same ? .correct : .wrong, same ? "same text" : "different text")
        }
        let given: MathNode
        do { given = try MathParser.parse(answer, budget: budget) } catch {
            if TextNormalizer.flatten(answer) == TextNormalizer.flatten(reference) { return result(.correct, "same text") }
            if budget.isExhausted { return result(.undecided, "answer: \(budget.exhaustedReason ?? "budget exhausted")") }
            return result(.wrong, "answer could not be parsed: \((error as? MathParseError)?.message ?? "\(error)")")
        }

        // 5. Typed comparison.
        let comparator = AnswerComparator(budget: budget, mode: mode)
        var outcome = comparator.compare(gold: gold, answer: given)
        if case .different = outcome, mode == .eval, let alt = Self.percentAlternative(gold, given) {
            let second = comparator.compare(gold: alt.0, answer: alt.1)
            if second.isEqual { outcome = .equal("equal as a percentage") }
        }
        switch outcome {
        case .equal(let why): return result(.correct, why, given)
        case .different(let why):
            if budget.isExhausted { return result(.undecided, budget.exhaustedReason ?? "budget exhausted", given) }
            return result(.wrong, why, given)
        case .undecided(let why): return result(.undecided, why, given)
        }
    }

    /// The canonical spelling used for `normalizedAnswer`.
    func normalized(_ raw: String) -> String {
        let budget = Budget(limits)
        let answer = Self.prepare(raw)
        return canonical(answer, try? MathParser.parse(answer, budget: budget), budget) ?? TextNormalizer.flatten(answer)
    }

    private func canonical(_ answer: String, _ node: MathNode?, _ budget: Budget) -> String? {
        if answer.isEmpty { return nil }
        let n: MathNode? = node ?? (try? MathParser.parse(answer, budget: Budget(limits)))
        guard let tree = n else { return TextNormalizer.flatten(answer) }
        // Values past 8192 bits print in their written form anyway, so their exact value is not computed for this
        // (fuzzing found 2514^5816 spending 4 ms here after the comparison had decided).
        var small = limits
        small.maxBits = min(limits.maxBits, 8192)
        return CanonicalForm(budget: Budget(small, sharingWith: budget)).render(tree) ?? TextNormalizer.flatten(answer)
    }

    // MARK: policies

    /// A gold or answer with a top-level percent sign: also compare it as a fraction of 100 (25% vs 0.25).
    static func percentAlternative(_ g: MathNode, _ a: MathNode) -> (MathNode, MathNode)? {
        let hundredth = MathNode.power(.int(100), .int(-1))
        if case .annotated(let x, "%") = g, !a.isPercent { return (.product([x, hundredth]), a) }
        if case .annotated(let x, "%") = a, !g.isPercent { return (g, .product([x, hundredth])) }
        return nil
    }

    /// Words (\text{Evelyn}, east, 4:30 p.m.) rather than mathematics.
    static func isTextLike(_ n: MathNode) -> Bool {
        switch n {
        case .text(let t): return !t.isEmpty
        case .product(let xs):
            // A bare word: at least three single letters in a row and nothing else.
            return xs.count >= 3 && xs.allSatisfy {
                switch $0 {
                case .symbol(let s): return s.count == 1
                case .constant(.e), .constant(.i): return true
                default: return false
                }
            }
        case .sequence(":", ":", let xs): return xs.contains { if case .annotated(_, let u) = $0 { return u.contains(".") }; return false }
        default: return false
        }
    }

    /// "2516_8" / "4210_{5}" → ("2516", 8).
    static func baseNumeral(_ s: String) -> (String, Int)? {
        let c = TextNormalizer.compact(s).replacingAll("{", with: "").replacingAll("}", with: "")
        let parts = c.split(separator: "_")
        guard parts.count == 2, let base = Int(parts[1]), base >= 2, parts[0].allSatisfy(\.isNumber) else { return nil }
        return (String(parts[0]), base)
    }

    /// The content of a reference's last box when it is a boxed solution; otherwise the reference itself.
    static func unboxed(_ s: String) -> String {
        guard s.utf8.count < 1_000_000, s.contains("\\boxed") || s.contains("\\fbox") else { return s }
        if case .success(let e) = AnswerExtractor.extract(s, mode: .reward), e.source == .box { return e.text }
        return s
    }

    /// Light clean-up common to golds and answers: plain thousands separators (58,500 and 1 000), a leading
    /// "\$", trailing punctuation, surrounding $…$.
    static func prepare(_ raw: String) -> String {
        var s = AnswerExtractor.clean(raw)
        if Self.isPlainThousands(s, separator: ",") || Self.isPlainThousands(s, separator: " ") {
            s.removeAll { $0 == "," || $0 == " " }
        }
        return s
    }

    /// -?d{1,3}(Sddd)+(.d+)? with S the separator.
    static func isPlainThousands(_ s: String, separator: Character) -> Bool {
        // Cheap rejection first (one pass over the bytes): only digits, the separator, "-" and "." may occur.
        guard let sep = separator.asciiValue else { return false }
        var sawSeparator = false
        for b in s.utf8 {
            if b == sep { sawSeparator = true } else if !((b >= 48 && b <= 57) || b == 45 || b == 46) { return false }
        }
        guard sawSeparator else { return false }
        var body = Substring(s)
        if body.first == "-" { body = body.dropFirst() }
        if let dot = body.firstIndex(of: ".") {
            guard body[body.index(after: dot)...].allSatisfy(\.isNumber) else { return false }
            body = body[..<dot]
        }
        let groups = body.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count) else { return false }
        return groups.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}

extension MathNode {
    var isPercent: Bool { if case .annotated(_, "%") = self { return true }; return false }
}
