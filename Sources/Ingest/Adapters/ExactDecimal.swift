// Exact normalisation of decimal number text: 27.0 -> 27, 2.50 -> 2.5, 1e3 -> 1000, -0.0 -> 0.

/// Rewrites JSON number text as the shortest exact decimal, without going through a binary float.
enum ExactDecimal {
    /// The normalised text, or nil when `text` is not a decimal number (or its exponent is absurdly large).
    static func normalize(_ text: String) -> String? {
        var s = Substring(text)
        var negative = false
        if s.first == "-" {
            negative = true
            s = s.dropFirst()
        } else if s.first == "+" {
            s = s.dropFirst()
        }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(s[s.index(after: e)...]), abs(x) <= 1000 else { return nil }
            exponent = x
            s = s[..<e]
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !s.isEmpty else { return nil }
        let intPart = parts[0]
        let fracPart = parts.count == 2 ? parts[1] : ""
        guard (intPart + fracPart).allSatisfy(\.isASCIIDigit), !(intPart + fracPart).isEmpty else { return nil }
        // digits × 10^(exponent - fraction length)
        var digits = Array(intPart + fracPart)
        var scale = exponent - fracPart.count
        while let first = digits.first, first == "0", digits.count > 1 { digits.removeFirst() }
        while scale < 0, digits.count > 1, digits.last == "0" {
            digits.removeLast()
            scale += 1
        }
        if digits == ["0"] { return "0" }
        if scale < 0, digits.last == "0" {   // a lone zero digit with negative scale is zero
            return "0"
        }
        var out: String
        if scale >= 0 {
            out = String(digits) + String(repeating: "0", count: scale)
        } else {
            let point = digits.count + scale
            if point > 0 {
                out = String(digits[0..<point]) + "." + String(digits[point...])
            } else {
                out = "0." + String(repeating: "0", count: -point) + String(digits)
            }
        }
        return negative ? "-" + out : out
    }
}
