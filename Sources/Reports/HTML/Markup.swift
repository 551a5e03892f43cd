// Escaping and number formatting for the report: the one place text becomes markup. The report is XHTML-style
// HTML5 (every tag closed, every attribute quoted), so libxml2's XML parser can check it.

/// Markup helpers.
enum Markup {
    /// Escapes text for element content and attribute values (`&`, `<`, `>`, `"`, `'`), and drops characters XML
    /// does not allow (C0 controls other than tab, newline and carriage return).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `name="value"` pairs, escaped.
    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// A number with a fixed count of decimals ("0.375" → "37.5" via `percent`).
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if decimals == 0 { return String(Int(rounded)) }
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let whole = Int(magnitude)
        let fraction = Int(((magnitude - Double(whole)) * scale).rounded())
        var fractionText = String(fraction)
        while fractionText.count < decimals { fractionText = "0" + fractionText }
        return (negative ? "−" : "") + "\(whole).\(fractionText)"
    }

    /// A share in [0, 1] as a percentage with one decimal ("37.5").
    static func percent(_ value: Double) -> String { fixed(value * 100, 1) }

    /// A machine-readable number for `data-value` (full precision, plain ASCII).
    static func raw(_ value: Double) -> String { value.isFinite ? "\(value)" : "nan" }

    /// A p-value: "< 0.001" below 0.001, otherwise three decimals.
    static func pValue(_ p: Double) -> String { p < 0.001 ? "< 0.001" : fixed(p, 3) }
}
