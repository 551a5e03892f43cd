// One linear pass from LaTeX or plain-text math to tokens. Layout-only macros (\left, \displaystyle, spacing) vanish
// here, synonyms collapse (\dfrac → frac, \leq → ≤), and thousands separators in their LaTeX spellings are joined.

/// A lexical token of an answer.
enum Token: Equatable, Sendable {
    /// Digits with an optional point and exponent, separators removed: "10080", "3.5", "1.2e-3".
    case number(String)
    /// A single-letter variable or a Greek/ named symbol kept whole ("alpha", "theta").
    case identifier(String)
    /// A function or structural command: frac, sqrt, sin, log, binom, lfloor, begin…
    case command(String)
    /// Punctuation and operators: + - * / ^ _ ( ) [ ] { } , = < > ≤ ≥ ≠ ± ! | & : ; % ∪ ∈ ≈ ∞ π ° $ '
    case symbol(Character)
    /// The raw content of \text{…}, \mathrm{…}, \mbox{…} and friends.
    case text(String)
    case beginEnvironment(String)
    case endEnvironment(String)
    /// `\\` (matrix row break).
    case rowBreak
    /// `\{` and `\}`.
    case setOpen, setClose
}

enum LatexLexer {
    /// Commands dropped without a trace.
    static let ignored: Set<String> = [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
        "displaystyle", "textstyle", "scriptstyle", "limits", "quad", "qquad", ",", "!", ";", ":", " ", "nonumber",
        "hfill", "phantom", "middle", "mathstrut", "strut", "boldsymbol", "bm", "mathbf", "mathit", "mathsf",
        "mathcal", "mathbb", "cdots", "ldots", "dots", "notag", "medspace", "thinspace", "negthinspace",
    ]
    /// Commands rewritten to a symbol.
    static let symbolCommands: [String: Character] = [
        "cdot": "*", "times": "*", "ast": "*", "div": "/", "le": "≤", "leq": "≤", "leqslant": "≤", "ge": "≥",
        "geq": "≥", "geqslant": "≥", "ne": "≠", "neq": "≠", "lt": "<", "gt": ">", "pm": "±", "mp": "∓",
        "infty": "∞", "infinity": "∞", "cup": "∪", "in": "∈", "approx": "≈", "pi": "π", "circ": "°",
        "degree": "°", "%": "%", "$": "$", "{": "{", "}": "}", "lvert": "|", "rvert": "|", "vert": "|",
        "mid": "|", "colon": ":", "prime": "'", "&": "&", "#": "#", "_": "_", "lbrace": "{", "rbrace": "}",
        "to": "→", "rightarrow": "→", "implies": "→", "Rightarrow": "→", "cap": "∩", "setminus": "∖",
    ]
    /// Commands that take a text argument kept verbatim.
    static let textCommands: Set<String> = ["text", "textrm", "textnormal", "mbox", "textbf", "textit", "mathrm",
                                            "operatorname", "textsf", "texttt", "emph", "hbox"]
    /// Synonyms.
    static let renamed: [String: String] = [
        "dfrac": "frac", "tfrac": "frac", "cfrac": "frac", "dbinom": "binom", "tbinom": "binom",
        "lceil": "lceil", "rceil": "rceil", "lfloor": "lfloor", "rfloor": "rfloor", "over": "over",
    ]
    /// Plain-text words read as functions or constants (so "sqrt(2)" and "pi" work without backslashes).
    static let words: Set<String> = ["sqrt", "sin", "cos", "tan", "sec", "csc", "cot", "ln", "log", "exp",
                                     "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "pi", "infinity",
                                     "inf", "oo", "or", "and", "cbrt"]

    /// Tokens of `text`, or nil when it is longer than `maxLength` or nests deeper than `maxDepth` braces.
    static func tokenize(_ input: String, maxDepth: Int) -> [Token]? {
        let chars = Array(input.unicodeScalars)
        var out: [Token] = []
        out.reserveCapacity(chars.count)
        var i = 0
        var depth = 0
        func isLetter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        func peek(_ k: Int) -> Unicode.Scalar? { i + k < chars.count ? chars[i + k] : nil }
        /// True when chars at j… spell `s`.
        func matches(_ j: Int, _ s: String) -> Bool {
            var k = j
            for c in s.unicodeScalars { guard k < chars.count, chars[k] == c else { return false }; k += 1 }
            return true
        }
        /// Braced content starting at chars[j] == "{"; returns (content, index after the closing brace).
        func braced(_ j: Int) -> (String, Int)? {
            guard j < chars.count, chars[j] == "{" else { return nil }
            var level = 0, k = j
            var s = String.UnicodeScalarView()
            while k < chars.count {
                let c = chars[k]
                if c == "\\" && k + 1 < chars.count { if level > 0 { s.append(c); s.append(chars[k + 1]) }; k += 2; continue }
                if c == "{" { level += 1; if level > 1 { s.append(c) } }
                else if c == "}" { level -= 1; if level == 0 { return (String(s), k + 1) }; s.append(c) }
                else { s.append(c) }
                k += 1
            }
            return nil
        }
        /// Length of a thousands separator at j followed by exactly three digits: `{,}`, `,\!`, `\,`, `,\ `.
        func thousandsSeparator(_ j: Int) -> Int? {
            var len: Int?
            if matches(j, "{,}") { len = 3 } else if matches(j, ",\\!") { len = 3 } else if matches(j, "\\,") { len = 2 }
            else if matches(j, ",\\ ") { len = 3 }
            guard var l = len else { return nil }
            while j + l < chars.count, chars[j + l] == " " { l += 1 }
            let d = j + l
            guard d + 2 < chars.count, isDigit(chars[d]), isDigit(chars[d + 1]), isDigit(chars[d + 2]) else { return nil }
            if d + 3 < chars.count, isDigit(chars[d + 3]) { return nil }
            return l
        }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\n" || c == "\t" || c == "\r" || c == "~" { i += 1; continue }
            if isDigit(c) || (c == "." && peek(1).map(isDigit) == true) {
                var s = ""
                var seenDot = false
                while i < chars.count {
                    let d = chars[i]
                    if isDigit(d) { s.unicodeScalars.append(d); i += 1 }
                    else if d == ".", !seenDot, peek(1).map(isDigit) == true { seenDot = true; s.append("."); i += 1 }
                    else if !seenDot, let l = thousandsSeparator(i) { i += l }
                    else { break }
                }
                // Scientific "1.2e-3" / "5E+4": only when digits follow the e.
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    var j = i + 1
                    var sign = ""
                    if j < chars.count, chars[j] == "-" || chars[j] == "+" { sign = chars[j] == "-" ? "-" : ""; j += 1 }
                    var digits = ""
                    while j < chars.count, isDigit(chars[j]), digits.count < 7 { digits.unicodeScalars.append(chars[j]); j += 1 }
                    if !digits.isEmpty, digits.count <= 6 { s += "e" + sign + digits; i = j }
                }
                if s.hasPrefix(".") { s = "0" + s }
                out.append(.number(s))
                continue
            }
            if isLetter(c) {
                var j = i
                while j < chars.count, isLetter(chars[j]) { j += 1 }
                let word = String(String.UnicodeScalarView(chars[i..<j]))
                if word.count > 1, words.contains(word.lowercased()) {
                    let w = word.lowercased()
                    switch w {
                    case "pi": out.append(.symbol("π"))
                    case "infinity", "inf", "oo": out.append(.symbol("∞"))
                    case "or", "and": out.append(.symbol(","))
                    default: out.append(.command(w))
                    }
                    i = j
                } else {
                    out.append(.identifier(String(c)))
                    i += 1
                }
                continue
            }
            if c == "\\" {
                guard let n = peek(1) else { i += 1; continue }
                if n == "\\" {
                    // A doubled backslash before letters is JSON double escaping (\\frac); otherwise a row break.
                    if let m = peek(2), isLetter(m), !matches(i + 2, "end") { i += 1; continue }
                    out.append(.rowBreak); i += 2; continue
                }
                if !isLetter(n) {
                    i += 2
                    switch n {
                    case "{": out.append(.setOpen)
                    case "}": out.append(.setClose)
                    case "|": out.append(.symbol("|"))
                    default:
                        let name = String(n)
                        if let s = symbolCommands[name] { out.append(.symbol(s)) }
                        // \, \! \; \: and "\ " are spacing: dropped.
                    }
                    continue
                }
                var j = i + 1
                while j < chars.count, isLetter(chars[j]) { j += 1 }
                let name = String(String.UnicodeScalarView(chars[(i + 1)..<j]))
                i = j
                if name == "left" || name == "right" {
                    if i < chars.count, chars[i] == "." { i += 1 }
                    continue
                }
                if ignored.contains(name) { continue }
                if name == "not" { continue }
                if let s = symbolCommands[name] { out.append(.symbol(s)); continue }
                if textCommands.contains(name) {
                    while i < chars.count, chars[i] == " " { i += 1 }
                    if let (content, next) = braced(i) { out.append(.text(content)); i = next }
                    continue
                }
                if name == "begin" || name == "end" {
                    if let (env, next) = braced(i) {
                        i = next
                        out.append(name == "begin" ? .beginEnvironment(env) : .endEnvironment(env))
                        // array's column spec {cc|c} is layout only.
                        if name == "begin", env == "array", let (_, after) = braced(i) { i = after }
                    }
                    continue
                }
                if name == "boxed" || name == "fbox" { continue }
                out.append(.command(renamed[name] ?? name))
                continue
            }
            i += 1
            switch c {
            case "{": depth += 1; if depth > maxDepth { return nil }; out.append(.symbol("{"))
            case "}": depth -= 1; out.append(.symbol("}"))
            case "−", "–", "—": out.append(.symbol("-"))
            case "×", "·", "⋅", "∗": out.append(.symbol("*"))
            case "÷": out.append(.symbol("/"))
            case "√": out.append(.command("sqrt"))
            case "∛": out.append(.command("cbrt"))
            case "π": out.append(.symbol("π"))
            case "≤", "≥", "≠", "±", "∓", "∪", "∈", "≈", "∞", "°", "∩":
                out.append(.symbol(Character(c)))
            case "⩽": out.append(.symbol("≤"))
            case "⩾": out.append(.symbol("≥"))
            case "<":
                if peek(0) == "=" { i += 1; out.append(.symbol("≤")) } else { out.append(.symbol("<")) }
            case ">":
                if peek(0) == "=" { i += 1; out.append(.symbol("≥")) } else { out.append(.symbol(">")) }
            case "!":
                if peek(0) == "=" { i += 1; out.append(.symbol("≠")) } else { out.append(.symbol("!")) }
            case "*":
                if peek(0) == "*" { i += 1; out.append(.symbol("^")) } else { out.append(.symbol("*")) }
            default:
                if c.isASCII { out.append(.symbol(Character(c))) }
                else if c.properties.isAlphabetic { out.append(.identifier(String(c))) }
            }
        }
        return out
    }
}
