// Typed comparison of a parsed gold and a parsed answer: structures by their own rules (ordered tuples, unordered
// sets, intervals with openness, matrices by shape), equations up to scale, assignments unwrapped, scalars exactly
// when possible and by randomised evaluation otherwise.
import BigInt

/// The outcome of one comparison.
enum Tri: Sendable, Equatable {
    case equal(String)
    case different(String)
    case undecided(String)

    var isEqual: Bool { if case .equal = self { return true }; return false }
}

struct AnswerComparator {
    let budget: Budget
    let mode: MathGradingMode
    var evaluator: Evaluator { Evaluator(budget: budget) }

    /// Fixed generic sample values (deterministic), offset per variable so variables never coincide.
    static let samples: [Double] = [0.5377, 1.8339, 2.2588, 0.8622, 1.3188, 1.3077, 0.4336, 2.3426, 3.5784, 2.7694,
                                    1.4897, 1.4090, 1.4172, 0.6715, 1.2075, 0.7172]

    // MARK: entry

    func compare(gold: MathNode, answer: MathNode) -> Tri {
        guard budget.spend() else { return .undecided(budget.exhaustedReason ?? "budget exhausted") }
        let g = Self.stripUnits(gold), a = Self.stripUnits(answer)

        // Assignments and memberships: x = 5 vs 5, y = 2x+3 vs 2x+3, x ∈ [a,b] vs [a,b].
        if case .relation = g, case .relation = a { return compareRelations(g, a) }
        if case .relation = a, let rhs = Self.assignedValue(a) { return compare(gold: g, answer: rhs) }
        if case .relation = g, let rhs = Self.assignedValue(g) { return compare(gold: rhs, answer: a) }
        // Inequality vs interval.
        if case .relation = a, let interval = Self.interval(fromInequality: a) { return compare(gold: g, answer: interval) }
        if case .relation = g, let interval = Self.interval(fromInequality: g) { return compare(gold: interval, answer: a) }

        let gItems = Self.expandPlusMinus(g), aItems = Self.expandPlusMinus(a)
        if gItems.count > 1 || aItems.count > 1 || Self.isCollection(g) || Self.isCollection(a) {
            return compareCollections(g, a, gItems, aItems)
        }
        return compareSingle(g, a)
    }

    // MARK: collections

    private static func isCollection(_ n: MathNode) -> Bool {
        switch n {
        case .list, .set: return true
        default: return false
        }
    }

    /// Items of a list/set with ± expanded: {1±√5, −2} → [1+√5, 1−√5, −2].
    static func expandPlusMinus(_ n: MathNode) -> [MathNode] {
        switch n {
        case .plusMinus(let a, let b): return [.sum([a, b]), .sum([a, .negate(b)])]
        case .list(let xs), .set(let xs): return xs.flatMap(expandPlusMinus)
        case .annotated(let x, _): return expandPlusMinus(x)
        default: return [n]
        }
    }

    private func compareCollections(_ g: MathNode, _ a: MathNode, _ gItems: [MathNode], _ aItems: [MathNode]) -> Tri {
        // A tuple written without parentheses in one side: (1,-16,-4,43) vs 1,-16,-4,43 → ordered comparison.
        if case .sequence(let o, _, let xs) = g, o == "(", case .list = a, mode == .eval {
            return compareOrdered(xs, aItems)
        }
        if case .sequence(let o, _, let xs) = a, o == "(", case .list = g, mode == .eval, xs.count == gItems.count {
            return compareOrdered(gItems, xs)
        }
        // Several spellings of one value (\boxed{15\frac{39}{40}} or \boxed{\frac{639}{40}}): every one must match.
        if gItems.count == 1, aItems.count > 1, case .list = a {
            let all = aItems.map { compare(gold: gItems[0], answer: $0) }
            if all.allSatisfy(\.isEqual) { return .equal("every listed form equals the reference") }
        }
        guard gItems.count == aItems.count else {
            return .different("\(gItems.count) item(s) expected, \(aItems.count) given")
        }
        if gItems.count == 1 { return compare(gold: gItems[0], answer: aItems[0]) }
        return compareUnordered(gItems, aItems)
    }

    func compareOrdered(_ gs: [MathNode], _ as_: [MathNode]) -> Tri {
        guard gs.count == as_.count else { return .different("length \(as_.count) instead of \(gs.count)") }
        var undecided: String?
        for (x, y) in zip(gs, as_) {
            switch compare(gold: x, answer: y) {
            case .different(let why): return .different(why)
            case .undecided(let why): undecided = why
            case .equal: continue
            }
        }
        if let u = undecided { return .undecided(u) }
        return .equal("equal element by element")
    }

    /// Multiset matching: every gold item must pair with a distinct answer item (so a partial list fails).
    func compareUnordered(_ gs: [MathNode], _ as_: [MathNode]) -> Tri {
        guard gs.count <= 64 else { budget.exhaust("more than 64 items"); return .undecided("more than 64 items") }
        var used = [Bool](repeating: false, count: as_.count)
        var undecided = false
        for x in gs {
            var found = false
            for (j, y) in as_.enumerated() where !used[j] {
                let r = compare(gold: x, answer: y)
                if r.isEqual { used[j] = true; found = true; break }
                if case .undecided = r { undecided = true }
            }
            if !found {
                return undecided ? .undecided(budget.exhaustedReason ?? "an item could not be decided") : .different("an expected item is missing")
            }
        }
        return .equal("same items in any order")
    }

    // MARK: relations

    /// The value of an assignment `name = value` (x = 5, f(x) = …, (p,q) = (3,2), x ∈ S).
    static func assignedValue(_ n: MathNode) -> MathNode? {
        guard case .relation(let xs, let ops) = n, ops.count == 1 else { return nil }
        if ops[0] == .member { return xs[1] }
        guard ops[0] == .eq || ops[0] == .approx else { return nil }
        if isName(xs[0]) { return xs[1] }
        return nil
    }

    /// Whether `n` looks like the name of a quantity: x, x_1, f(x), AB, (p, q), \theta.
    static func isName(_ n: MathNode) -> Bool {
        switch n {
        case .symbol: return true
        case .product(let xs): return xs.allSatisfy { if case .symbol = $0 { return true }; return false } && xs.count <= 4
        case .sequence("(", ")", let xs): return xs.allSatisfy(isName)
        case .function(let f, let args): return f == "prime" && args.allSatisfy(isName)
        default: return false
        }
    }

    private func compareRelations(_ g: MathNode, _ a: MathNode) -> Tri {
        guard case .relation(let gx, let gops) = g, case .relation(let ax, let aops) = a else { return .different("not relations") }
        // x ∈ S on one side only: compare S with the other side (an inequality becomes an interval).
        if gops == [.member], aops != [.member] { return compare(gold: gx[1], answer: a) }
        if aops == [.member], gops != [.member] { return compare(gold: g, answer: ax[1]) }
        // Same name assigned on both sides: compare values.
        if let gv = Self.assignedValue(g), let av = Self.assignedValue(a), gx[0] == ax[0] || gops == [.member] || aops == [.member] {
            return compare(gold: gv, answer: av)
        }
        if gops == [.eq], aops == [.eq] {
            // Assignment names that differ (y = … vs x = …) are different answers.
            if Self.isName(gx[0]), Self.isName(ax[0]), gx[0] != ax[0], case .symbol = gx[0], case .symbol = ax[0] {
                return .different("assigns \(ax[0]) instead of \(gx[0])")
            }
            return compareEquations(gx[0], gx[1], ax[0], ax[1])
        }
        if let gi = Self.interval(fromInequality: g), let ai = Self.interval(fromInequality: a) {
            return compare(gold: gi, answer: ai)
        }
        // Same chain, possibly mirrored (a < b ⇔ b > a).
        if gops.count == aops.count {
            if gops == aops { return compareOrdered(gx, ax) }
            let mirrored = aops.reversed().map(Self.mirror)
            if gops == mirrored { return compareOrdered(gx, ax.reversed()) }
        }
        return .different("different relations")
    }

    static func mirror(_ op: RelationOp) -> RelationOp {
        switch op {
        case .lt: return .gt
        case .gt: return .lt
        case .le: return .ge
        case .ge: return .le
        default: return op
        }
    }

    /// x > a → (a, ∞); a ≤ x < b → [a, b); for a relation in a single variable with constant bounds.
    static func interval(fromInequality n: MathNode) -> MathNode? {
        guard case .relation(let xs, let ops) = n, !ops.contains(.eq), !ops.contains(.member), !ops.contains(.ne),
              !ops.contains(.approx) else { return nil }
        let inf = MathNode.constant(.infinity)
        if xs.count == 2 {
            let (v, c, op): (MathNode, MathNode, RelationOp)
            if case .symbol = xs[0], !xs[1].hasVariables { (v, c, op) = (xs[0], xs[1], ops[0]) }
            else if case .symbol = xs[1], !xs[0].hasVariables { (v, c, op) = (xs[1], xs[0], mirror(ops[0])) }
            else { return nil }
            _ = v
            switch op {
            case .gt: return .sequence(open: "(", close: ")", [c, inf])
            case .ge: return .sequence(open: "[", close: ")", [c, inf])
            case .lt: return .sequence(open: "(", close: ")", [.negate(inf), c])
            case .le: return .sequence(open: "(", close: "]", [.negate(inf), c])
            default: return nil
            }
        }
        if xs.count == 3, case .symbol = xs[1], !xs[0].hasVariables, !xs[2].hasVariables {
            let ascending = (ops[0] == .lt || ops[0] == .le) && (ops[1] == .lt || ops[1] == .le)
            let descending = (ops[0] == .gt || ops[0] == .ge) && (ops[1] == .gt || ops[1] == .ge)
            if ascending {
                return .sequence(open: ops[0] == .lt ? "(" : "[", close: ops[1] == .lt ? ")" : "]", [xs[0], xs[2]])
            }
            if descending {
                return .sequence(open: ops[1] == .gt ? "(" : "[", close: ops[0] == .gt ? ")" : "]", [xs[2], xs[0]])
            }
        }
        return nil
    }

    /// l₁ = r₁ vs l₂ = r₂: equal when l₂ − r₂ = c·(l₁ − r₁) for one non-zero constant c at every sample point.
    private func compareEquations(_ l1: MathNode, _ r1: MathNode, _ l2: MathNode, _ r2: MathNode) -> Tri {
        let d1 = MathNode.sum([l1, .negate(r1)]), d2 = MathNode.sum([l2, .negate(r2)])
        let vars = Array(Set(d1.variables + d2.variables)).sorted()
        if vars.isEmpty {
            // Two numeric facts: compare both sides in order or swapped.
            let direct = compareOrdered([l1, r1], [l2, r2])
            if direct.isEqual { return direct }
            return compareOrdered([l1, r1], [r2, l2])
        }
        var ratio: Complex?
        var valid = 0
        for k in 0..<Self.samples.count / 2 {
            let env = point(k, vars)
            guard let v1 = evaluator.numeric(d1, env), let v2 = evaluator.numeric(d2, env), v1.isFinite, v2.isFinite else { continue }
            if v1.magnitude == 0 || v2.magnitude == 0 {
                if v1.magnitude == 0 && v2.magnitude == 0 { continue }
                return .different("equations differ")
            }
            let r = v2 / v1
            guard r.isFinite else { continue }   // a ratio past Double's range says nothing
            if let q = ratio { if !q.isClose(to: r, relative: 1e-8) { return .different("equations are not multiples") } }
            else { ratio = r }
            valid += 1
        }
        if budget.isExhausted { return .undecided(budget.exhaustedReason ?? "budget exhausted") }
        return valid >= 3 ? .equal("equations agree up to a constant factor") : .undecided("equations could not be evaluated")
    }

    /// The k-th sample point.
    func point(_ k: Int, _ vars: [String]) -> [String: Complex] {
        var env: [String: Complex] = [:]
        for (j, v) in vars.enumerated() {
            env[v] = Complex(Self.samples[(k * 3 + j * 5) % Self.samples.count] + Double(j) * 0.0371)
        }
        return env
    }

    // MARK: single values and structures

    /// Removes units, percent and degree marks (evaluation mode tolerates them); keeps base-n values.
    static func stripUnits(_ n: MathNode) -> MathNode {
        switch n {
        case .annotated(let x, _): return stripUnits(x)
        case .product(let xs):
            // 5.4 \text{ cents}: a trailing text factor is a unit.
            let kept = xs.filter { if case .text = $0 { return false }; return true }
            if kept.count < xs.count, !kept.isEmpty { return kept.count == 1 ? stripUnits(kept[0]) : .product(kept) }
            return n
        default: return n
        }
    }

    private func compareSingle(_ g: MathNode, _ a: MathNode) -> Tri {
        switch (g, a) {
        case (.sequence(let go, let gc, let gx), .sequence(let ao, let ac, let ax)):
            guard go == ao, gc == ac || (go == ":" && ao == ":") else {
                return .different("delimiters \(ao)…\(ac) instead of \(go)…\(gc)")
            }
            return compareOrdered(gx, ax)
        case (.union(let gx), .union(let ax)):
            guard gx.count == ax.count else { return .different("union of \(ax.count) instead of \(gx.count)") }
            return compareUnordered(gx, ax)
        case (.matrix(let gr), .matrix(let ar)):
            guard gr.count == ar.count, gr.first?.count == ar.first?.count else { return .different("matrix shape differs") }
            return compareOrdered(gr.flatMap { $0 }, ar.flatMap { $0 })
        case (.matrix(let gr), .sequence("(", ")", let ax)) where mode == .eval:
            let flat = gr.flatMap { $0 }
            guard gr.count == 1 || gr.first?.count == 1 else { return .different("matrix vs tuple") }
            return compareOrdered(flat, ax)
        case (.sequence("(", ")", let gx), .matrix(let ar)) where mode == .eval:
            guard ar.count == 1 || ar.first?.count == 1 else { return .different("matrix vs tuple") }
            return compareOrdered(gx, ar.flatMap { $0 })
        case (.text(let x), .text(let y)):
            return TextNormalizer.flatten(x) == TextNormalizer.flatten(y) ? .equal("same text") : .different("different text")
        case (.constant(.infinity), .constant(.infinity)): return .equal("both ∞")
        case (.negate(.constant(.infinity)), .negate(.constant(.infinity))): return .equal("both −∞")
        default: break
        }
        if Self.isStructure(g) || Self.isStructure(a) { return .different("different kinds of answer") }
        return compareScalars(g, a)
    }

    static func isStructure(_ n: MathNode) -> Bool {
        switch n {
        case .sequence, .set, .union, .matrix, .list, .relation, .text, .constant(.infinity), .negate(.constant(.infinity)):
            return true
        default: return false
        }
    }

    // MARK: scalars

    /// Exact comparison first; randomised numeric comparison for what has no exact form; decimal precision policy.
    func compareScalars(_ g: MathNode, _ a: MathNode) -> Tri {
        // The same tree has the same value (and, for expressions, the same domain): nothing to evaluate.
        if g == a { return .equal("same expression") }
        if g.hasVariables || a.hasVariables { return compareExpressions(g, a) }
        let ge = evaluator.exact(g), ae = evaluator.exact(a)
        if let x = ge, let y = ae {
            if x == y { return .equal("equal exact values") }
            if let t = decimalPolicy(g, a, exactGold: x, exactAnswer: y) { return t }
            return .different(x.bitSize + y.bitSize < 512 ? "different values \(y.canonical) vs \(x.canonical)" : "different values")
        }
        guard let gv = evaluator.numeric(g, [:]), let av = evaluator.numeric(a, [:]) else {
            if budget.isExhausted { return .undecided(budget.exhaustedReason ?? "budget exhausted") }
            return .undecided("value could not be evaluated")
        }
        guard gv.isFinite, av.isFinite else {
            return .undecided(budget.exhaustedReason ?? "value too large to compare in floating point")
        }
        if let tol = Self.decimalTolerance(g) ?? Self.decimalTolerance(a) {
            return (gv - av).magnitude <= tol ? .equal("equal to the written decimal precision") : .different("different values")
        }
        if gv.isClose(to: av, relative: 1e-10) { return .equal("numerically equal") }
        return .different("different values")
    }

    /// A decimal literal standing alone with at least `minSignificant` digits: half a unit in its last place.
    static func decimalTolerance(_ n: MathNode) -> Double? {
        var node = n, negative = false
        if case .negate(let x) = node { node = x; negative = true }
        _ = negative
        guard case .number(_, let spelling?) = node, spelling.significant >= MathGradingBudget.longDecimalDigits else { return nil }
        var tol = 0.5
        for _ in 0..<spelling.places { tol /= 10 }
        return tol * 1.000001
    }

    /// Long decimals (≥ 6 significant digits) match an exact value that rounds or truncates to them; shorter
    /// decimals are exact rationals (0.333 ≠ 1/3, 0.5 = 1/2).
    private func decimalPolicy(_ g: MathNode, _ a: MathNode, exactGold: ExactNumber, exactAnswer: ExactNumber) -> Tri? {
        for (lit, other, litValue) in [(a, exactGold, exactAnswer), (g, exactAnswer, exactGold)] {
            var node = lit
            if case .negate(let x) = node { node = x }
            guard case .number(_, let spelling?) = node, spelling.significant >= MathGradingBudget.longDecimalDigits,
                  let lv = litValue.rational else { continue }
            let unit = Rational(1, BigInt(10).power(spelling.places))
            if let ov = other.rational {
                let diff = ov - lv
                let absDiff = diff.isNegative ? -diff : diff
                if absDiff < unit { return .equal("decimal agrees to its \(spelling.places) written places") }
            } else {
                let d = abs(other.complexValue.re - lv.doubleValue)
                if other.complexValue.im == 0 && d < unit.doubleValue { return .equal("decimal agrees to its written places") }
            }
        }
        return nil
    }

    /// Symbolic expressions: equal at every sample point (at least three where both sides are defined).
    private func compareExpressions(_ g: MathNode, _ a: MathNode) -> Tri {
        let vars = Array(Set(g.variables + a.variables)).sorted()
        guard vars.count <= 8 else { return .undecided("more than 8 variables") }
        var valid = 0
        for k in 0..<Self.samples.count {
            let env = point(k, vars)
            guard let gv = evaluator.numeric(g, env), let av = evaluator.numeric(a, env) else { continue }
            guard gv.isFinite, av.isFinite else { continue }
            if !gv.isClose(to: av, relative: 1e-9) { return .different("differ at \(vars.first ?? "x")=\(env[vars[0]]?.re ?? 0)") }
            valid += 1
            if valid >= 6 { break }
        }
        if budget.isExhausted { return .undecided(budget.exhaustedReason ?? "budget exhausted") }
        return valid >= 3 ? .equal("equal at \(valid) random points") : .undecided("expressions undefined at the sample points")
    }
}
