// Exact numbers of the form Σ qₖ·√rₖ·(1 or i), rₖ square-free: a canonical form for the rationals, radicals and
// Gaussian-style complex numbers that make up most math answers, so 4√2 = √32 and i(2−i) = 1+2i are decided exactly.
import BigInt

/// One basis element √radicand, times i when `imaginary`.
struct RadicalKey: Hashable, Sendable, Comparable {
    let radicand: BigUInt   // square-free, ≥ 1
    let imaginary: Bool
    static let one = RadicalKey(radicand: 1, imaginary: false)
    static let i = RadicalKey(radicand: 1, imaginary: true)
    static func < (a: RadicalKey, b: RadicalKey) -> Bool {
        a.imaginary != b.imaginary ? !a.imaginary : a.radicand < b.radicand
    }
}

/// A finite sum of rational multiples of square-free radicals (and i times them), zero terms dropped.
struct ExactNumber: Hashable, Sendable {
    private(set) var terms: [RadicalKey: Rational]

    init(_ q: Rational) { terms = q.isZero ? [:] : [.one: q] }
    init(terms: [RadicalKey: Rational]) { self.terms = terms.filter { !$0.value.isZero } }

    static let zero = ExactNumber(.zero)
    static let imaginaryUnit = ExactNumber(terms: [.i: .one])

    var isZero: Bool { terms.isEmpty }
    /// The rational value when there is no radical or imaginary part.
    var rational: Rational? {
        if terms.isEmpty { return .zero }
        if terms.count == 1, let q = terms[.one] { return q }
        return nil
    }
    var bitSize: Int { terms.values.reduce(0) { $0 + $1.bitSize } + terms.keys.reduce(0) { $0 + $1.radicand.bitWidth } }

    static func + (a: ExactNumber, b: ExactNumber) -> ExactNumber {
        if let x = a.rational, let y = b.rational { return ExactNumber(x + y) }
        var t = a.terms
        for (k, q) in b.terms { t[k] = (t[k] ?? .zero) + q }
        return ExactNumber(terms: t)
    }
    static prefix func - (a: ExactNumber) -> ExactNumber { ExactNumber(terms: a.terms.mapValues { -$0 }) }
    static func - (a: ExactNumber, b: ExactNumber) -> ExactNumber { a + (-b) }

    static func * (a: ExactNumber, b: ExactNumber) -> ExactNumber {
        if let x = a.rational, let y = b.rational { return ExactNumber(x * y) }
        var t: [RadicalKey: Rational] = [:]
        for (k1, q1) in a.terms {
            for (k2, q2) in b.terms {
                let g = Rational.gcd(k1.radicand, k2.radicand)
                let rad = (k1.radicand / g) * (k2.radicand / g)
                var coef = g == 1 ? q1 * q2 : q1 * q2 * Rational(BigInt(g))
                let both = k1.imaginary && k2.imaginary
                if both { coef = -coef }
                let key = RadicalKey(radicand: rad, imaginary: k1.imaginary != k2.imaginary)
                t[key] = (t[key] ?? .zero) + coef
            }
        }
        return ExactNumber(terms: t)
    }

    /// The value of a basis element squared (rational): r or −r.
    private static func square(_ k: RadicalKey) -> Rational {
        let r = Rational(BigInt(k.radicand))
        return k.imaginary ? -r : r
    }

    /// 1/x for up to two terms (one conjugation makes the denominator rational); nil otherwise or for zero.
    func reciprocal() -> ExactNumber? {
        let sorted = terms.sorted { $0.key < $1.key }
        switch sorted.count {
        case 1:
            let (k, q) = sorted[0]
            guard let c = Rational.one / (q * Self.square(k)) else { return nil }
            return ExactNumber(terms: [k: c])
        case 2:
            let conj = ExactNumber(terms: [sorted[0].key: sorted[0].value, sorted[1].key: -sorted[1].value])
            guard let d = (self * conj).rational, let inv = Rational.one / d else { return nil }
            return conj * ExactNumber(inv)
        default:
            return nil
        }
    }

    /// x^k by repeated squaring, stopping (nil) when the budget's size cap would be passed.
    func power(_ k: Int, budget: Budget) -> ExactNumber? {
        if k < 0 { return reciprocal()?.power(-k, budget: budget) }
        if let q = rational {
            guard budget.allowBits(q.bitSize * max(k, 1)) else { return nil }
            return q.power(k).map { ExactNumber($0) }
        }
        var result = ExactNumber(.one), base = self, e = k
        while e > 0 {
            guard budget.spend(terms.count * terms.count), budget.allowBits(result.bitSize + base.bitSize) else { return nil }
            if e & 1 == 1 { result = result * base }
            e >>= 1
            if e > 0 { base = base * base }
        }
        return result
    }

    /// √q for a rational q, exact when the square-free part can be found by trial division within the budget.
    static func squareRoot(of q: Rational, budget: Budget) -> ExactNumber? {
        if q.isZero { return .zero }
        // √(n/d) = √(n·d)/d
        let product = (q.num * q.den).magnitude
        guard let (outside, inside) = squareFreeSplit(product, budget: budget) else { return nil }
        let coef = Rational(BigInt(outside), q.den)
        return ExactNumber(terms: [RadicalKey(radicand: inside, imaginary: q.isNegative): coef])
    }

    /// n = outside²·inside with inside square-free; nil when a large cofactor cannot be classified cheaply.
    static func squareFreeSplit(_ n: BigUInt, budget: Budget) -> (BigUInt, BigUInt)? {
        var rest = n, outside: BigUInt = 1, inside: BigUInt = 1
        var p: BigUInt = 2
        while p * p <= rest {
            guard budget.spend() else { return nil }
            if p > 20_000 { break }
            var count = 0
            while rest % p == 0 { rest /= p; count += 1 }
            if count > 0 {
                outside *= p.power(count / 2)
                if count % 2 == 1 { inside *= p }
            }
            p += p == 2 ? 1 : 2
        }
        if rest > 1 {
            let s = rest.squareRoot()
            if s * s == rest { outside *= s }
            else if p * p > rest { inside *= rest }  // rest is prime
            else if rest < p * p * p { inside *= rest } // no prime factor < p, at most two factors: p·q with p ≠ q
            else { return nil }
        }
        return (outside, inside)
    }

    /// The exact integer k-th root of a rational that is a perfect k-th power; nil otherwise.
    static func exactRoot(of q: Rational, degree k: Int, budget: Budget) -> Rational? {
        guard k >= 1, k <= 64 else { return nil }
        if k == 1 { return q }
        if q.isNegative && k % 2 == 0 { return nil }
        func root(_ n: BigUInt) -> BigUInt? {
            if n < 2 { return n }
            // Newton from a power-of-two upper bound.
            var x = BigUInt(1) << ((n.bitWidth + k - 1) / k + 1)
            while true {
                guard budget.spend() else { return nil }
                let y = ((BigUInt(k - 1) * x) + n / x.power(k - 1)) / BigUInt(k)
                if y >= x { break }
                x = y
            }
            return x.power(k) == n ? x : nil
        }
        guard let n = root(q.num.magnitude), let d = root(q.den.magnitude) else { return nil }
        let r = Rational(BigInt(n), BigInt(d))
        return q.isNegative ? -r : r
    }

    /// Numeric value as a complex double.
    var complexValue: Complex {
        var re = 0.0, im = 0.0
        for (k, q) in terms {
            let v = q.doubleValue * Double(k.radicand).squareRoot()
            if k.imaginary { im += v } else { re += v }
        }
        return Complex(re, im)
    }

    /// A canonical spelling, e.g. "3/2+2*sqrt(3)-i", identical for equal values.
    var canonical: String {
        if terms.isEmpty { return "0" }
        var out = ""
        for (k, q) in terms.sorted(by: { $0.key < $1.key }) {
            var part: String
            let unit = (k.radicand == 1 ? "" : "sqrt(\(k.radicand))") + (k.imaginary ? (k.radicand == 1 ? "i" : "*i") : "")
            if unit.isEmpty { part = q.description }
            else if q == .one { part = unit }
            else if q == -.one { part = "-" + unit }
            else { part = q.description + "*" + unit }
            if !out.isEmpty && !part.hasPrefix("-") { out += "+" }
            out += part
        }
        return out
    }
}
