// Exact rational arithmetic: sums, products and quotients in lowest terms, checked against the definitions
// (cross-multiplication for equality, an independent gcd for lowest terms) on seeded random operands of mixed sizes.
import Testing
import BigInt
@testable import MathGrader

@Suite struct RationalTests {
    /// Euclid on BigUInt by subtraction-free remainders, written here independently of Rational.
    private func gcd(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        var (x, y) = (a, b)
        while !y.isZero { (x, y) = (y, x % y) }
        return x
    }

    private func isLowestTerms(_ q: Rational) -> Bool {
        q.den > 0 && (q.num == 0 ? q.den == 1 : gcd(q.num.magnitude, q.den.magnitude) == 1)
    }

    /// n1/d1 == n2/d2 by cross-multiplication.
    private func same(_ q: Rational, _ n: BigInt, _ d: BigInt) -> Bool { q.num * d == n * q.den }

    @Test func sumsProductsAndQuotientsAreExactAndReduced() {
        var state: UInt64 = 12345
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
        // Operands with shared factors (powers of 2, 3, 5, 7) and sizes from one word to a few hundred bits.
        func operand() -> BigInt {
            var x = BigInt(Int(next() % 1000) + 1)
            for p in [2, 3, 5, 7] { x *= BigInt(p).power(Int(next() % 40)) }
            return next() % 3 == 0 ? -x : x
        }
        for _ in 0..<300 {
            let (an, ad, bn, bd) = (operand(), operand().magnitude, operand(), operand().magnitude)
            let a = Rational(an, BigInt(ad)), b = Rational(bn, BigInt(bd))
            let sum = a + b, product = a * b, difference = a - b
            #expect(same(sum, an * BigInt(bd) + bn * BigInt(ad), BigInt(ad * bd)))
            #expect(same(difference, an * BigInt(bd) - bn * BigInt(ad), BigInt(ad * bd)))
            #expect(same(product, an * bn, BigInt(ad * bd)))
            #expect(isLowestTerms(sum) && isLowestTerms(difference) && isLowestTerms(product))
            if let quotient = a / b {
                #expect(same(quotient, an * BigInt(bd), BigInt(ad) * bn))
                #expect(isLowestTerms(quotient))
            }
            let k = Int(next() % 7) - 3
            if let p = a.power(k) {
                #expect(isLowestTerms(p))
                let expected = k >= 0 ? (an.power(k), BigInt(ad).power(k)) : (BigInt(ad).power(-k), an.power(-k))
                #expect(same(p, expected.0, expected.1))
            }
        }
        #expect((Rational(3, 4) - Rational(3, 4)) == Rational.zero)
        #expect(Rational(-6, -4) == Rational(3, 2))
    }
}
