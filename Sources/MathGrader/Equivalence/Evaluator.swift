// Evaluation of a MathNode: exactly (rationals and radicals, under the budget) or numerically at a point
// (complex doubles, principal branches) for the randomised comparison of everything else.
import BigInt
import Foundation

struct Evaluator {
    let budget: Budget

    // MARK: exact

    /// The exact value, or nil when the tree has variables, transcendental parts, or the budget forbids it.
    func exact(_ n: MathNode) -> ExactNumber? {
        guard budget.spend() else { return nil }
        switch n {
        case .number(let q, _): return ExactNumber(q)
        case .constant(.i): return .imaginaryUnit
        case .constant, .symbol, .text: return nil
        case .sum(let xs):
            var acc = ExactNumber.zero
            for x in xs { guard let v = exact(x) else { return nil }; acc = acc + v }
            return acc
        case .product(let xs):
            var acc = ExactNumber(.one)
            for x in xs {
                guard let v = exact(x) else { return nil }
                acc = acc * v
                guard budget.allowBits(acc.bitSize) else { return nil }
            }
            return acc
        case .negate(let x): return exact(x).map { -$0 }
        case .power(let b, let e): return exactPower(b, e)
        case .annotated(let x, _): return exact(x)
        case .function(let name, let args): return exactFunction(name, args)
        default: return nil
        }
    }

    private func exactPower(_ b: MathNode, _ e: MathNode) -> ExactNumber? {
        guard let ev = exact(e), let q = ev.rational else { return nil }
        guard q.den.magnitude.bitWidth <= 8, q.num.magnitude.bitWidth <= 40 else {
            budget.exhaust("exponent \(q) too large for exact arithmetic"); return nil
        }
        guard let base = exact(b) else { return nil }
        let k = Int(q.num)
        if let r = base.rational, !r.isZero, !(r.num.magnitude == 1 && r.den == 1) {
            let estimate = r.bitSize * abs(k) / Int(q.den)
            guard budget.allowBits(estimate) else { return nil }
        }
        if q.den == 1 { return base.power(k, budget: budget) }
        guard let r = base.rational else { return nil }
        let d = Int(q.den)
        if d == 2 {
            guard let s = ExactNumber.squareRoot(of: r, budget: budget) else { return nil }
            return s.power(k, budget: budget)
        }
        guard let root = ExactNumber.exactRoot(of: r, degree: d, budget: budget) else { return nil }
        return ExactNumber(root).power(k, budget: budget)
    }

    private func exactFunction(_ name: String, _ args: [MathNode]) -> ExactNumber? {
        switch name {
        case "sqrt":
            guard let v = exact(args[0]), let r = v.rational else { return nil }
            return ExactNumber.squareRoot(of: r, budget: budget)
        case "root":
            guard let nv = exact(args[0])?.rational, nv.isInteger, nv.num > 0, nv.num < 64 else { return nil }
            return exactPower(args[1], .power(.number(nv, nil), .int(-1)))
        case "abs":
            guard let r = exact(args[0])?.rational else { return nil }
            return ExactNumber(r.isNegative ? -r : r)
        case "floor", "ceil":
            guard let r = exact(args[0])?.rational else { return nil }
            let (q, rem) = r.num.quotientAndRemainder(dividingBy: r.den)
            var f = q
            if rem != 0 && r.num < 0 { f -= 1 }
            if name == "ceil" && rem != 0 { f += 1 }
            return ExactNumber(Rational(f))
        case "factorial":
            guard let r = exact(args[0])?.rational, r.isInteger, !r.isNegative else { return nil }
            guard r.num <= BigInt(budget.limits.maxFactorial) else { budget.exhaust("factorial of \(r) too large"); return nil }
            let n = Int(r.num)
            guard budget.spend(n) else { return nil }
            let acc = factorial(n)
            guard budget.allowBits(acc.bitWidth) else { return nil }
            return ExactNumber(Rational(BigInt(acc)))
        case "binom":
            guard let n = exact(args[0])?.rational, let k = exact(args[1])?.rational, n.isInteger, k.isInteger,
                  !k.isNegative else { return nil }
            var kk = k.num
            if !n.isNegative, kk > n.num { return .zero }
            if !n.isNegative, kk * 2 > n.num { kk = n.num - kk }   // C(n, k) = C(n, n − k)
            // n(n−1)…(n−k+1)/k! by product trees, after a size estimate (fuzzing-style probes found
            // \binom{1000000}{50000} taking 4 s when multiplied out one factor at a time).
            guard kk <= BigInt(budget.limits.maxFactorial) else { budget.exhaust("binomial with k = \(kk) too large"); return nil }
            let kInt = Int(kk)
            if kInt == 0 { return ExactNumber(.one) }
            let termBits = max(n.num.magnitude.bitWidth, (n.num.magnitude + BigUInt(kInt)).bitWidth)
            guard budget.spend(kInt), budget.allowBits(termBits * kInt) else { return nil }
            let falling = Self.product((0..<kInt).map { n.num - BigInt($0) })
            return ExactNumber(Rational(falling / BigInt(factorial(kInt))))
        default:
            return nil
        }
    }

    /// n!, from the largest factorial already computed in this grade, times the rest by a balanced product tree
    /// over word-sized partial products (much faster than multiplying in order).
    func factorial(_ n: Int) -> BigUInt {
        if let known = budget.factorials[n] { return known }
        let start = budget.factorials.keys.filter { $0 < n }.max()
        var base: BigUInt = start.flatMap { budget.factorials[$0] } ?? 1
        var words: [BigUInt] = []
        var w: UInt = 1
        var k = UInt(max((start ?? 1) + 1, 2))
        while k <= UInt(max(n, 1)) {
            let (p, overflow) = w.multipliedReportingOverflow(by: k)
            if overflow { words.append(BigUInt(w)); w = k } else { w = p }
            k += 1
        }
        words.append(BigUInt(w))
        base *= Self.product(words)
        budget.factorials[n] = base
        return base
    }

    /// The product of `xs` by a balanced tree (operands of similar size, so far fewer word operations than in order).
    static func product<T: BinaryInteger>(_ xs: [T]) -> T {
        func tree(_ lo: Int, _ hi: Int) -> T {
            if hi - lo == 1 { return xs[lo] }
            let mid = (lo + hi) / 2
            return tree(lo, mid) * tree(mid, hi)
        }
        return xs.isEmpty ? 1 : tree(0, xs.count)
    }

    // MARK: numeric

    /// The value at the point `env` (variable name → value), or nil where undefined there.
    func numeric(_ n: MathNode, _ env: [String: Complex]) -> Complex? {
        guard budget.spend() else { return nil }
        switch n {
        case .number(let q, _): return Complex(q.doubleValue)
        case .constant(.pi): return Complex(Double.pi)
        case .constant(.e): return Complex(M_E)
        case .constant(.i): return .i
        case .constant(.infinity): return nil
        case .symbol(let s): return env[s]
        case .text: return nil
        case .sum(let xs):
            var acc = Complex(0)
            for x in xs { guard let v = numeric(x, env) else { return nil }; acc = acc + v }
            return acc
        case .product(let xs):
            var acc = Complex(1)
            for x in xs { guard let v = numeric(x, env) else { return nil }; acc = acc * v }
            return acc
        case .negate(let x): return numeric(x, env).map { -$0 }
        case .power(let b, let e):
            guard let bv = numeric(b, env), let ev = numeric(e, env) else { return nil }
            if ev.re.magnitude > 1e6 { return nil }
            return bv.power(ev)
        case .annotated(let x, _): return numeric(x, env)
        case .function(let name, let args):
            let vals = args.compactMap { numeric($0, env) }
            guard vals.count == args.count else { return nil }
            return numericFunction(name, vals)
        default: return nil
        }
    }

    private func numericFunction(_ name: String, _ v: [Complex]) -> Complex? {
        let x = v[v.count - 1]
        switch name {
        case "sqrt": return x.sqrt()
        case "root": return x.power(Complex(1) / v[0])
        case "sin": return x.sin()
        case "cos": return x.cos()
        case "tan": return x.sin() / x.cos()
        case "sec": return Complex(1) / x.cos()
        case "csc": return Complex(1) / x.sin()
        case "cot": return x.cos() / x.sin()
        case "sinh": return (x.exp() - (-x).exp()) / Complex(2)
        case "cosh": return (x.exp() + (-x).exp()) / Complex(2)
        case "tanh": return (x.exp() - (-x).exp()) / (x.exp() + (-x).exp())
        case "exp": return x.exp()
        case "ln": return x.log()
        case "log": return x.log() / v[0].log()
        case "arcsin", "arccos", "arctan":
            guard x.isReal else { return nil }
            if name == "arctan" { return Complex(atan(x.re)) }
            guard abs(x.re) <= 1 else { return nil }
            return Complex(name == "arcsin" ? asin(x.re) : acos(x.re))
        case "abs": return Complex(x.magnitude)
        case "floor": return x.isReal ? Complex(x.re.rounded(.down)) : nil
        case "ceil": return x.isReal ? Complex(x.re.rounded(.up)) : nil
        case "factorial":
            guard x.isReal, x.re >= 0, x.re < 171 else { return nil }
            return Complex(tgamma(x.re + 1))
        case "binom":
            let n = v[0], k = v[1]
            guard n.isReal, k.isReal, k.re >= 0, k.re == k.re.rounded(), k.re < 1000 else { return nil }
            var acc = 1.0
            var j = 0.0
            while j < k.re { acc = acc * (n.re - j) / (j + 1); j += 1 }
            return Complex(acc)
        default: return nil
        }
    }
}
