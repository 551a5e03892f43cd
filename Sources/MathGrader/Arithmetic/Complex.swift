// Complex doubles for randomised evaluation. Principal branches throughout (log, sqrt, powers), so both sides of a
// comparison take the same branch at the same point.
import Foundation

/// A complex double with the few operations answer expressions need.
struct Complex: Sendable, Equatable {
    var re: Double
    var im: Double
    init(_ re: Double, _ im: Double = 0) { self.re = re; self.im = im }

    static let i = Complex(0, 1)
    var magnitude: Double { hypot(re, im) }
    var isFinite: Bool { re.isFinite && im.isFinite }
    var isReal: Bool { im == 0 }

    static func + (a: Complex, b: Complex) -> Complex { Complex(a.re + b.re, a.im + b.im) }
    static func - (a: Complex, b: Complex) -> Complex { Complex(a.re - b.re, a.im - b.im) }
    static prefix func - (a: Complex) -> Complex { Complex(-a.re, -a.im) }
    static func * (a: Complex, b: Complex) -> Complex {
        if a.im == 0 && b.im == 0 { return Complex(a.re * b.re) }
        return Complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    static func / (a: Complex, b: Complex) -> Complex {
        if a.im == 0 && b.im == 0 { return Complex(a.re / b.re) }
        // Smith's algorithm: |b|² overflows past 1e154 (fuzzing found an equation whose difference, divided by
        // itself, came out NaN), so scale by the larger part instead.
        if abs(b.re) >= abs(b.im) {
            let r = b.im / b.re, d = b.re + b.im * r
            return Complex((a.re + a.im * r) / d, (a.im - a.re * r) / d)
        }
        let r = b.re / b.im, d = b.re * r + b.im
        return Complex((a.re * r + a.im) / d, (a.im * r - a.re) / d)
    }

    func exp() -> Complex {
        if im == 0 { return Complex(Foundation.exp(re)) }
        let m = Foundation.exp(re)
        return Complex(m * Foundation.cos(im), m * Foundation.sin(im))
    }
    func log() -> Complex {
        if im == 0 && re > 0 { return Complex(Foundation.log(re)) }
        return Complex(Foundation.log(magnitude), atan2(im, re))
    }
    func sqrt() -> Complex {
        if im == 0 && re >= 0 { return Complex(re.squareRoot()) }
        let m = magnitude
        let r = ((m + re) / 2).squareRoot()
        let s = ((m - re) / 2).squareRoot()
        return Complex(r, im < 0 ? -s : s)
    }
    func power(_ e: Complex) -> Complex {
        if e.im == 0, e.re == e.re.rounded(), abs(e.re) <= 64 {
            var result = Complex(1), base = self, k = Int(abs(e.re))
            while k > 0 { if k & 1 == 1 { result = result * base }; base = base * base; k >>= 1 }
            return e.re < 0 ? Complex(1) / result : result
        }
        if im == 0 && re > 0 && e.im == 0 { return Complex(Foundation.pow(re, e.re)) }
        if im == 0 && re < 0 && e.im == 0, let q = Complex.oddRootDenominator(e.re) {
            // Real odd roots of negatives (∛(−8) = −2), the reading a math answer intends.
            let v = Foundation.pow(-re, e.re)
            return Complex(q.numeratorOdd ? -v : v)
        }
        if re == 0 && im == 0 { return e.re > 0 ? Complex(0) : Complex(.infinity) }
        return (e * log()).exp()
    }
    /// For e = p/q with q odd (small), whether p is odd; nil when e has no small odd denominator.
    private static func oddRootDenominator(_ e: Double) -> (numeratorOdd: Bool, Void)? {
        for q in stride(from: 3, through: 15, by: 2) {
            let p = e * Double(q)
            if abs(p - p.rounded()) < 1e-12 { return (Int(p.rounded()) & 1 == 1, ()) }
        }
        return nil
    }
    func sin() -> Complex {
        if im == 0 { return Complex(Foundation.sin(re)) }
        return Complex(Foundation.sin(re) * cosh(im), Foundation.cos(re) * sinh(im))
    }
    func cos() -> Complex {
        if im == 0 { return Complex(Foundation.cos(re)) }
        return Complex(Foundation.cos(re) * cosh(im), -Foundation.sin(re) * sinh(im))
    }

    /// Relative closeness: |a−b| ≤ tol·max(|a|,|b|), or both exactly zero.
    func isClose(to b: Complex, relative tol: Double) -> Bool {
        let d = (self - b).magnitude
        if d == 0 { return true }
        return d <= tol * max(magnitude, b.magnitude)
    }
}
