// Canonical strings for answers, so that equal answers vote together: exact values print in one normal form,
// sets and lists sort their items, everything else prints its tree without layout.

struct CanonicalForm {
    let budget: Budget

    /// The canonical spelling of `n`, or nil when it has none.
    func render(_ n: MathNode) -> String? {
        let node = AnswerComparator.stripUnits(n)
        if case .relation = node, let v = AnswerComparator.assignedValue(node) { return render(v) }
        switch node {
        case .list, .set:
            let items = AnswerComparator.expandPlusMinus(node).compactMap(render).sorted()
            return "{" + items.joined(separator: ",") + "}"
        case .plusMinus:
            let items = AnswerComparator.expandPlusMinus(node).compactMap(render).sorted()
            return "{" + items.joined(separator: ",") + "}"
        case .sequence(let o, let c, let xs):
            return String(o) + xs.map { render($0) ?? "?" }.joined(separator: ",") + String(c)
        case .union(let xs):
            return xs.map { render($0) ?? "?" }.sorted().joined(separator: "∪")
        case .matrix(let rows):
            return "[" + rows.map { $0.map { render($0) ?? "?" }.joined(separator: ",") }.joined(separator: ";") + "]"
        case .text(let t):
            return TextNormalizer.flatten(t)
        case .constant(.infinity): return "∞"
        case .negate(.constant(.infinity)): return "-∞"
        default:
            if !node.hasVariables, let v = Evaluator(budget: budget).exact(node) {
                // Huge exact values (2006!) would cost more to print than to grade: keep their written form.
                return v.bitSize <= 4096 ? v.canonical : nil
            }
            return plain(node)
        }
    }

    /// A layout-free rendering of the tree (not unique for symbolic expressions, but stable).
    private func plain(_ n: MathNode) -> String {
        switch n {
        case .number(let q, _): return q.description
        case .symbol(let s): return s
        case .constant(let c): return c.rawValue
        case .sum(let xs): return "(" + xs.map(plain).joined(separator: "+") + ")"
        case .product(let xs): return xs.map(plain).joined(separator: "*")
        case .power(let a, let b): return plain(a) + "^" + plain(b)
        case .negate(let a): return "-" + plain(a)
        case .function(let f, let args): return f + "(" + args.map(plain).joined(separator: ",") + ")"
        case .relation(let xs, let ops):
            var s = plain(xs[0])
            for (op, x) in zip(ops, xs.dropFirst()) { s += op.rawValue + plain(x) }
            return s
        case .annotated(let x, _): return plain(x)
        default: return render(n) ?? "?"
        }
    }
}
