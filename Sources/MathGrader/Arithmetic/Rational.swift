// Exact rational numbers on attaswift/BigInt: the ground truth for every comparison that has no irrational part.
import BigInt

/// A fraction in lowest terms with a positive denominator.
struct Rational: Hashable, Sendable, CustomStringConvertible {
    let num: BigInt
    let den: BigInt

    init(_ num: BigInt, _ den: BigInt = 1) {
        precondition(den != 0, "zero denominator")
        // Word-sized fast path: most answers are small fractions, and BigInt gcd and division allocate.
        if num.magnitude.bitWidth <= 62, den.magnitude.bitWidth <= 62 {
            var n = Int(num), d = Int(den)
            if d < 0 { n = -n; d = -d }
            var a = n.magnitude, b = UInt(d)
            while b != 0 { (a, b) = (b, a % b) }
            let g = Int(a)
            if g > 1 { n /= g; d /= g }
            if n == 0 { d = 1 }
            self.num = BigInt(n)
            self.den = BigInt(d)
            return
        }
        // gcd with 1 (or of an integer) is 1, and BigInt's gcd on 10⁴-bit numbers is not free.
        let trivial = den == 1 || num.magnitude == 1 || den == -1 || num == 0
        let g: BigUInt = trivial ? (num == 0 ? den.magnitude : 1) : Self.gcd(num.magnitude, den.magnitude)
        let flip = den < 0
        var n = flip ? -num : num, d = flip ? -den : den
        if g > 1 {
            n /= BigInt(g)
            d /= BigInt(g)
        }
        self.num = n
        self.den = d
    }

    /// Euclid's algorithm with division, in machine words once both fit. (BigInt's binary gcd takes one
    /// subtraction per step, which is quadratic in the size gap: gcd(3, 2007!) took 50 ms, found by fuzzing.)
    static func gcd(_ x: BigUInt, _ y: BigUInt) -> BigUInt {
        var a = x, b = y
        while !b.isZero {
            if a.bitWidth <= 64, b.bitWidth <= 64 {
                var u = UInt(a), v = UInt(b)
                while v != 0 { (u, v) = (v, u % v) }
                return BigUInt(u)
            }
            (a, b) = (b, a % b)
        }
        return a
    }

    init(_ value: Int) { self.num = BigInt(value); self.den = 1 }

    /// Parts known to be coprime (only the sign is normalised).
    private init(coprime num: BigInt, _ den: BigInt) {
        precondition(den != 0, "zero denominator")
        if den < 0 { self.num = -num; self.den = -den } else { self.num = num; self.den = den }
    }

    static let zero = Rational(0)
    static let one = Rational(1)

    var isZero: Bool { num == 0 }
    var isInteger: Bool { den == 1 }
    var isNegative: Bool { num < 0 }
    /// Size in bits of numerator plus denominator, for budgets.
    var bitSize: Int { num.magnitude.bitWidth + den.magnitude.bitWidth }

    var description: String { den == 1 ? num.description : "\(num)/\(den)" }

    /// Both operands' parts fit in 31 bits, so products fit in a word and the word-sized reduction is cheapest.
    private static func small(_ a: Rational, _ b: Rational) -> Bool {
        a.num.magnitude.bitWidth <= 31 && a.den.magnitude.bitWidth <= 31 && b.num.magnitude.bitWidth <= 31 && b.den.magnitude.bitWidth <= 31
    }

    /// gcd of two magnitudes as a BigInt, with the trivial cases first.
    private static func gcd(_ x: BigInt, _ y: BigInt) -> BigInt {
        if x.magnitude == 1 || y.magnitude == 1 { return 1 }
        return BigInt(gcd(x.magnitude, y.magnitude))
    }

    // Sums and products reduce their operands' parts against each other before multiplying (Knuth, TAOCP 4.5.1), so
    // the gcds run on the smaller numbers and the result needs no reduction of its own: 0.00142^{2005}·2005 spent
    // 70 ms in Euclid over two 33 000-bit parts when reduced afterwards (found by fuzzing).
    static func + (a: Rational, b: Rational) -> Rational {
        if a.den == b.den { return Rational(a.num + b.num, a.den) }
        if small(a, b) { return Rational(a.num * b.den + b.num * a.den, a.den * b.den) }
        let d1 = gcd(a.den, b.den)
        if d1 == 1 { return Rational(coprime: a.num * b.den + b.num * a.den, a.den * b.den) }
        let t = a.num * (b.den / d1) + b.num * (a.den / d1)
        if t == 0 { return .zero }
        let d2 = gcd(t, d1)
        return Rational(coprime: t / d2, (a.den / d1) * (b.den / d2))
    }
    static func - (a: Rational, b: Rational) -> Rational { a + (-b) }
    static prefix func - (a: Rational) -> Rational { Rational(coprime: -a.num, a.den) }
    static func * (a: Rational, b: Rational) -> Rational {
        if small(a, b) || a.isZero || b.isZero { return Rational(a.num * b.num, a.den * b.den) }
        let g1 = gcd(a.num, b.den), g2 = gcd(b.num, a.den)
        return Rational(coprime: (a.num / g1) * (b.num / g2), (a.den / g2) * (b.den / g1))
    }
    /// Division; nil for division by zero.
    static func / (a: Rational, b: Rational) -> Rational? {
        b.isZero ? nil : a * Rational(coprime: b.den, b.num)
    }

    /// a^k for an integer k with |k| small enough that the caller's budget allows it; nil for 0^negative.
    func power(_ k: Int) -> Rational? {
        if k == 0 { return .one }
        if k < 0 {
            guard !isZero else { return nil }
            return Rational(coprime: Self.power(den, -k), Self.power(num, -k))
        }
        // Powers of coprime parts stay coprime: no gcd (Euclid on 0.00142^2005's 33 000-bit parts took 100 ms,
        // found by fuzzing).
        return Rational(coprime: Self.power(num, k), Self.power(den, k))
    }

    /// x^k (k ≥ 1) from the top bit down: square, then multiply by x (often one word). BigInt's own power squares
    /// once more after the last bit, the costliest step; fuzzing found 2514^5816 taking 16 ms that way.
    static func power(_ x: BigInt, _ k: Int) -> BigInt {
        if k == 0 { return 1 }
        let base = x.magnitude
        var result = base
        var bit = Int.bitWidth - k.leadingZeroBitCount - 2
        while bit >= 0 {
            result = result * result
            if (k >> bit) & 1 == 1 { result = result * base }
            bit -= 1
        }
        let negative = x.sign == .minus && k & 1 == 1
        return negative ? -BigInt(result) : BigInt(result)
    }

    /// The nearest Double; both parts are shifted first so values beyond 2^1024 in either part still convert.
    var doubleValue: Double {
        let shift = max(0, max(num.magnitude.bitWidth, den.magnitude.bitWidth) - 1000)
        if shift == 0 { return Double(num) / Double(den) }
        let d = Double(den >> shift)
        let n = Double(num >> shift)
        if d == 0 { return n > 0 ? .infinity : (n < 0 ? -.infinity : 0) }
        return n / d
    }

    static func < (a: Rational, b: Rational) -> Bool { a.num * b.den < b.num * a.den }

    /// Parses "123", "-4.50", "1.2e-3" (already stripped of separators). Nil when not a number.
    init?(decimalString s: Substring) {
        var mantissa = s
        var exponent = 0
        if let eIdx = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[s.startIndex..<eIdx]
            guard let e = Int(s[s.index(after: eIdx)...]), abs(e) < 100_000 else { return nil }
            exponent = e
        }
        var negative = false
        if mantissa.first == "-" { negative = true; mantissa = mantissa.dropFirst() }
        var digits = ""
        var fraction = 0
        var seenDot = false
        var small = 0, count = 0   // the value while it has at most 18 digits (no BigInt parse needed)
        for b in mantissa.utf8 {
            if b == 46 /* . */ { if seenDot { return nil }; seenDot = true; continue }
            guard b >= 48, b <= 57 else { return nil }
            count += 1
            if count <= 18 { small = small * 10 + Int(b - 48) } else {
                if count == 19 { digits = String(small) }
                digits.unicodeScalars.append(Unicode.Scalar(b))
            }
            if seenDot { fraction += 1 }
        }
        guard count > 0 else { return nil }
        let n: BigInt
        if count <= 18 { n = BigInt(small) } else {
            guard let big = BigInt(digits) else { return nil }
            n = big
        }
        let scale = exponent - fraction
        let signed = negative ? -n : n
        if scale == 0 { self.init(signed, 1) }
        else if scale > 0 { self.init(signed * BigInt(10).power(scale), 1) } else { self.init(signed, BigInt(10).power(-scale)) }
    }
}
