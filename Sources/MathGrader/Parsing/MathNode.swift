// The typed syntax tree every answer and gold is parsed into, before any comparison.
import BigInt

/// How a decimal literal was written: the precision policy for decimals depends on it.
struct DecimalSpelling: Hashable, Sendable {
    /// Digits after the decimal point (0.333 → 3).
    let places: Int
    /// Significant digits written (0.0333 → 3, 12.50 → 4).
    let significant: Int
}

/// Relations that may join expressions into equations, inequalities and chains.
enum RelationOp: String, Hashable, Sendable {
    case eq = "=", lt = "<", gt = ">", le = "≤", ge = "≥", ne = "≠", member = "∈", approx = "≈"
}

/// Named constants.
enum MathConstant: String, Hashable, Sendable { case pi, e, i, infinity }

/// A parsed answer. Subtraction is `sum` with a `negate`, division is `product` with `power(_, -1)`.
indirect enum MathNode: Hashable, Sendable {
    case number(Rational, DecimalSpelling?)
    case symbol(String)
    case constant(MathConstant)
    case sum([MathNode])
    case product([MathNode])
    case power(MathNode, MathNode)
    case negate(MathNode)
    /// a ± b, read as the two values a+b and a−b.
    case plusMinus(MathNode, MathNode)
    /// sin, cos, tan, sec, csc, cot, arcsin…, ln, log (args: base, x), exp, sqrt, root (n, x), abs, floor, ceil,
    /// factorial, binom (n, k).
    case function(String, [MathNode])
    /// A bracketed sequence: tuple, point, vector in parentheses or an interval, keeping its delimiters.
    case sequence(open: Character, close: Character, [MathNode])
    case set([MathNode])
    case union([MathNode])
    case matrix([[MathNode]])
    /// a op b op c … (chains keep every operand).
    case relation([MathNode], [RelationOp])
    /// A bare comma- or "and"-separated list of answers.
    case list([MathNode])
    /// Words, as written inside \text{…} or a bare word.
    case text(String)
    /// x followed by a unit, a percent sign, a degree sign or a currency marker: `unit` names it.
    case annotated(MathNode, unit: String)

    static func int(_ v: Int) -> MathNode { .number(Rational(v), nil) }

    /// True when the tree mentions a free variable.
    var hasVariables: Bool {
        switch self {
        case .symbol: return true
        case .number, .constant, .text: return false
        case .sum(let xs), .product(let xs), .function(_, let xs), .set(let xs), .union(let xs), .list(let xs),
             .sequence(_, _, let xs), .relation(let xs, _):
            return xs.contains { $0.hasVariables }
        case .power(let a, let b), .plusMinus(let a, let b): return a.hasVariables || b.hasVariables
        case .negate(let a), .annotated(let a, _): return a.hasVariables
        case .matrix(let rows): return rows.contains { $0.contains { $0.hasVariables } }
        }
    }

    /// Free variable names, sorted.
    var variables: [String] {
        var out = Set<String>()
        func walk(_ n: MathNode) {
            switch n {
            case .symbol(let s): out.insert(s)
            case .number, .constant, .text: break
            case .sum(let xs), .product(let xs), .function(_, let xs), .set(let xs), .union(let xs), .list(let xs),
                 .sequence(_, _, let xs), .relation(let xs, _):
                xs.forEach(walk)
            case .power(let a, let b), .plusMinus(let a, let b): walk(a); walk(b)
            case .negate(let a), .annotated(let a, _): walk(a)
            case .matrix(let rows): rows.forEach { $0.forEach(walk) }
            }
        }
        walk(self)
        return out.sorted()
    }
}
