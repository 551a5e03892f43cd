// LiveCodeBench's stdout comparison: strip the whole output, split on "\n", strip each line; line counts must match;
// per line exact equality, else both lines split on whitespace and compared as lists of Python Decimals (so
// 1e2 = 100, -0 = 0, 2.5000 = 2.5, Infinity = inf; no float tolerance, NaN never equal).

/// Compares program output with the expected output the way the official grader does.
public enum StdoutComparison {
    /// nil when equal, else the reason (mirroring the official messages).
    public static func mismatch(output: String, expected: String) -> String? {
        let got = strippedLines(output)
        let want = strippedLines(expected)
        guard got.count == want.count else { return "Wrong answer: mismatched output length" }
        for (index, (a, b)) in zip(got, want).enumerated() where a != b {
            guard let da = decimals(a), let db = decimals(b), da.count == db.count,
                  zip(da, db).allSatisfy({ $0 == $1 }) else {
                return "Wrong answer at output_line_idx=\(index): \(a.prefix(200)) != \(b.prefix(200))"
            }
        }
        return nil
    }

    /// Python's `str.isspace` characters.
    static func isPythonSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default: return false
        }
    }

    static func strip(_ s: Substring.UnicodeScalarView) -> String {
        var view = s
        while let f = view.first, isPythonSpace(f) { view.removeFirst() }
        while let l = view.last, isPythonSpace(l) { view.removeLast() }
        return String(view)
    }

    static func strippedLines(_ text: String) -> [String] {
        let whole = strip(Substring(text).unicodeScalars)
        return whole.split(separator: "\n", omittingEmptySubsequences: false).map { strip($0.unicodeScalars) }
    }

    static func decimals(_ line: String) -> [PyDecimal]? {
        var out: [PyDecimal] = []
        var current = String.UnicodeScalarView()
        func flush() -> Bool {
            if current.isEmpty { return true }
            guard let d = PyDecimal(String(current)) else { return false }
            out.append(d)
            current = String.UnicodeScalarView()
            return true
        }
        for u in line.unicodeScalars {
            if isPythonSpace(u) { guard flush() else { return nil } } else { current.append(u) }
        }
        guard flush() else { return nil }
        return out
    }
}

/// A Python `decimal.Decimal` value parsed from a string, enough for equality.
struct PyDecimal: Equatable {
    enum Kind: Equatable { case finite, infinity, nan }
    var kind: Kind
    var negative: Bool
    /// Coefficient digits without leading/trailing zeros ("" for zero).
    var digits: [UInt8]
    var exponent: Int

    init?(_ text: String) {
        var s = Substring(text.lowercased())
        var negative = false
        if s.first == "+" || s.first == "-" { negative = s.first == "-"; s = s.dropFirst() }
        self.negative = negative
        if s == "inf" || s == "infinity" { kind = .infinity; digits = []; exponent = 0; return }
        if s == "nan" || s == "snan" || (s.hasPrefix("nan") && s.dropFirst(3).allSatisfy(\.isASCIIDigit)) {
            kind = .nan; digits = []; exponent = 0; return
        }
        kind = .finite
        var mantissa = s
        var exp = 0
        if let e = s.firstIndex(of: "e") {
            mantissa = s[..<e]
            var es = s[s.index(after: e)...]
            var eneg = false
            if es.first == "+" || es.first == "-" { eneg = es.first == "-"; es = es.dropFirst() }
            guard let v = Self.digitsValue(es) else { return nil }
            exp = eneg ? -v : v
        }
        var intPart = mantissa
        var fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        guard !(intPart.isEmpty && fracPart.isEmpty) else { return nil }
        guard Self.validDigits(intPart), Self.validDigits(fracPart) else { return nil }
        var all = (intPart + fracPart).filter { $0 != "_" }.map { UInt8($0.asciiValue! - 48) }
        exp -= fracPart.filter { $0 != "_" }.count
        while let f = all.first, f == 0 { all.removeFirst() }
        while let l = all.last, l == 0 { all.removeLast(); exp += 1 }
        if all.isEmpty { exp = 0; self.negative = false }
        digits = all
        exponent = exp
    }

    /// Python allows single underscores between digits.
    private static func validDigits(_ s: Substring) -> Bool {
        if s.isEmpty { return true }
        guard s.first != "_", s.last != "_", !s.contains("__") else { return false }
        return s.allSatisfy { $0.isASCIIDigit || $0 == "_" }
    }

    private static func digitsValue(_ s: Substring) -> Int? {
        guard !s.isEmpty, validDigits(s) else { return nil }
        var v = 0
        for c in s where c != "_" {
            guard let a = c.asciiValue else { return nil }
            v = min(v * 10 + Int(a - 48), 1 << 40)
        }
        return v
    }

    static func == (a: PyDecimal, b: PyDecimal) -> Bool {
        if a.kind == .nan || b.kind == .nan { return false }
        return a.kind == b.kind && a.negative == b.negative && a.digits == b.digits && a.exponent == b.exponent
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
