// Recursive descent from tokens to a MathNode. Every call is bounded by a depth limit and the step budget, so
// 1000-deep nesting or a 3000-term sum fails fast with a reason instead of overflowing the stack.
import BigInt

/// Why an answer could not be parsed.
struct MathParseError: Error, Sendable { let message: String }

struct MathParser {
    private var tokens: [Token]
    private var pos = 0
    private var depth = 0
    private var absDepth = 0
    private let budget: Budget

    static let functionNames: Set<String> = ["sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos",
                                             "arctan", "sinh", "cosh", "tanh", "ln", "log", "exp", "lg"]
    static let greek: Set<String> = ["alpha", "beta", "gamma", "delta", "theta", "lambda", "mu", "phi", "omega",
                                     "sigma", "tau", "rho", "varphi", "epsilon", "varepsilon", "psi", "chi",
                                     "eta", "zeta", "nu", "xi", "kappa", "Delta", "Theta", "Omega", "Gamma"]

    /// Parses a whole answer: a list, union, relation chain or expression.
    static func parse(_ text: String, budget: Budget) throws -> MathNode {
        guard let tokens = LatexLexer.tokenize(text, maxDepth: budget.limits.maxDepth) else {
            budget.exhaust("nesting deeper than \(budget.limits.maxDepth)")
            throw MathParseError(message: "nesting deeper than \(budget.limits.maxDepth)")
        }
        var parser = MathParser(tokens: tokens, budget: budget)
        let node = try parser.parseAnswer()
        return node
    }

    private init(tokens: [Token], budget: Budget) { self.tokens = tokens; self.budget = budget }

    // MARK: token helpers

    private var current: Token? { pos < tokens.count ? tokens[pos] : nil }
    private func isSymbol(_ c: Character) -> Bool { current == .symbol(c) }
    private mutating func advance() { pos += 1 }
    private mutating func accept(_ c: Character) -> Bool {
        if isSymbol(c) { pos += 1; return true }
        return false
    }
    private mutating func expect(_ c: Character) throws {
        guard accept(c) else { throw MathParseError(message: "expected '\(c)' at token \(pos)") }
    }
    private mutating func enter() throws {
        depth += 1
        guard depth <= budget.limits.maxDepth else {
            budget.exhaust("nesting deeper than \(budget.limits.maxDepth)")
            throw MathParseError(message: "nesting deeper than \(budget.limits.maxDepth)")
        }
        guard budget.spend() else { throw MathParseError(message: budget.exhaustedReason ?? "budget exhausted") }
    }
    private mutating func leave() { depth -= 1 }

    // MARK: grammar

    private mutating func parseAnswer() throws -> MathNode {
        // Leading "x =" style labels and trailing punctuation are handled by the comparator; here: list of items.
        var items: [MathNode] = []
        while accept(",") || accept(";") {}
        while current != nil {
            items.append(try parseItem())
            if accept(",") || accept(";") {
                while accept(",") || accept(";") {}
                continue
            }
            if accept(".") { continue }
            if current != nil { throw MathParseError(message: "unexpected token \(String(describing: current)) at \(pos)") }
        }
        guard !items.isEmpty else { throw MathParseError(message: "empty answer") }
        return items.count == 1 ? items[0] : .list(items)
    }

    /// relation (∪ relation)*
    private mutating func parseItem() throws -> MathNode {
        try enter(); defer { leave() }
        var parts = [try parseRelation()]
        while accept("∪") { parts.append(try parseRelation()) }
        return parts.count == 1 ? parts[0] : .union(parts)
    }

    private mutating func relationOp() -> RelationOp? {
        guard case .symbol(let c)? = current else { return nil }
        switch c {
        case "=": return .eq
        case "<": return .lt
        case ">": return .gt
        case "≤": return .le
        case "≥": return .ge
        case "≠": return .ne
        case "∈": return .member
        case "≈": return .approx
        default: return nil
        }
    }

    private mutating func parseRelation() throws -> MathNode {
        var operands = [try parseRatio()]
        var ops: [RelationOp] = []
        while let op = relationOp() {
            advance()
            if op == .member { operands.append(try parseSetLike()) } else { operands.append(try parseRatio()) }
            ops.append(op)
        }
        return ops.isEmpty ? operands[0] : .relation(operands, ops)
    }

    /// x ∈ S: S may itself be a union of intervals.
    private mutating func parseSetLike() throws -> MathNode {
        var parts = [try parseRatio()]
        while accept("∪") { parts.append(try parseRatio()) }
        return parts.count == 1 ? parts[0] : .union(parts)
    }

    /// a : b (ratios and clock times) → sequence with ':' delimiters.
    private mutating func parseRatio() throws -> MathNode {
        let first = try parseSum()
        guard isSymbol(":") else { return first }
        var parts = [first]
        while accept(":") { parts.append(try parseSum()) }
        return .sequence(open: ":", close: ":", parts)
    }

    private mutating func parseSum() throws -> MathNode {
        try enter(); defer { leave() }
        var terms: [MathNode] = []
        var pmTerms: [MathNode] = []
        var sawPM = false
        func push(_ n: MathNode) { if sawPM { pmTerms.append(n) } else { terms.append(n) } }
        if accept("-") { push(.negate(try parseTerm())) }
        else if accept("±") { sawPM = true; push(try parseTerm()) }
        else { _ = accept("+"); push(try parseTerm()) }
        while true {
            guard budget.spend() else { throw MathParseError(message: budget.exhaustedReason ?? "budget exhausted") }
            if accept("+") { push(try parseTerm()) }
            else if accept("-") { push(.negate(try parseTerm())) }
            else if accept("±") || accept("∓") {
                if sawPM { throw MathParseError(message: "two ± in one sum") }
                sawPM = true
                push(try parseTerm())
            } else { break }
        }
        let base: MathNode = terms.isEmpty ? .int(0) : (terms.count == 1 ? terms[0] : .sum(terms))
        if sawPM { return .plusMinus(base, pmTerms.count == 1 ? pmTerms[0] : .sum(pmTerms)) }
        return base
    }

    /// Whether the current token can start a factor of an implicit product (2x, 3\sqrt5, x(x+1)).
    private func startsFactor() -> Bool {
        guard let t = current else { return false }
        switch t {
        case .number, .identifier, .setOpen: return true
        case .command(let c): return !["rfloor", "rceil", "over", "choose", "mod", "pmod", "bmod"].contains(c)
        case .symbol(let c): return c == "(" || c == "π" || c == "{" || c == "∞" || (c == "|" && absDepth == 0)
        case .beginEnvironment: return true
        default: return false
        }
    }

    private mutating func parseTerm() throws -> MathNode {
        try enter(); defer { leave() }
        var factors = [try parseFactor()]
        while true {
            guard budget.spend() else { throw MathParseError(message: budget.exhaustedReason ?? "budget exhausted") }
            if accept("*") { factors.append(try parseFactor()) }
            else if accept("/") { factors.append(.power(try parseFactor(), .int(-1))) }
            else if current == .command("over") { advance(); factors = [.product([.product(factors), .power(try parseFactor(), .int(-1))])] }
            else if startsFactor() { factors.append(try parseFactor()) }
            else { break }
        }
        return factors.count == 1 ? factors[0] : .product(factors)
    }

    /// unary minus binds looser than ^: -x^2 = -(x^2).
    private mutating func parseFactor() throws -> MathNode {
        try enter(); defer { leave() }
        if accept("-") { return .negate(try parseFactor()) }
        if accept("+") { return try parseFactor() }
        return try parsePower()
    }

    private mutating func parsePower() throws -> MathNode {
        var base = try parsePostfix(try parsePrimary())
        if accept("^") {
            if accept("°") { return .annotated(base, unit: "°") }
            if isSymbol("{"), pos + 2 < tokens.count, tokens[pos + 1] == .symbol("°"), tokens[pos + 2] == .symbol("}") {
                pos += 3
                return try parsePostfix(.annotated(base, unit: "°"))
            }
            let exponent = try parseExponent()
            base = try parsePostfix(.power(base, exponent))
        }
        return base
    }

    /// The exponent after ^: a braced group, or one signed atom (TeX reads x^23 as x²·3; we read a whole number).
    private mutating func parseExponent() throws -> MathNode {
        try enter(); defer { leave() }
        if accept("-") { return .negate(try parseExponent()) }
        if accept("+") { return try parseExponent() }
        if isSymbol("{") { return try parseGroup() }
        return try parsePower()
    }

    private mutating func parsePostfix(_ node: MathNode) throws -> MathNode {
        var n = node
        while true {
            if accept("!") { n = .function("factorial", [n]); continue }
            if accept("%") { n = .annotated(n, unit: "%"); continue }
            if accept("°") { n = .annotated(n, unit: "°"); continue }
            if accept("'") { n = .function("prime", [n]); continue }
            if case .text(let t)? = current {
                let trimmed = t.trimmingCharacters(in: " ")
                if trimmed.isEmpty { advance(); continue }
                if Self.isSeparatorWord(trimmed) { break }
                advance()
                var unit = trimmed
                // \mbox{ cm}^2: the exponent belongs to the unit.
                if isSymbol("^"), pos + 1 < tokens.count, case .number(let e) = tokens[pos + 1] { pos += 2; unit += "^" + e }
                n = .annotated(n, unit: unit)
                continue
            }
            if isSymbol("_"), case .number(let digits) = n.numberLiteral ?? .number("") {
                // Base-n numeral: 2516_8, 4210_{5}.
                advance()
                let baseNode = try parseSubscriptAtom()
                guard case .number(let b, nil) = baseNode, b.isInteger, let base = Int(b.num.description), base >= 2, base <= 36,
                      let value = BigInt(digits, radix: base) else {
                    throw MathParseError(message: "invalid base-n numeral \(digits)")
                }
                n = .annotated(.number(Rational(value), nil), unit: "base\(base)")
                continue
            }
            break
        }
        return n
    }

    static func isSeparatorWord(_ s: String) -> Bool {
        let w = s.lowercased()
        return w == "or" || w == "and" || w == "," || w == ";" || w == "or," || w == "and,"
    }

    private mutating func parseSubscriptAtom() throws -> MathNode {
        if isSymbol("{") { return try parseGroup() }
        guard let t = current else { throw MathParseError(message: "missing subscript") }
        advance()
        switch t {
        case .number(let s): return .number(Rational(decimalString: Substring(s)) ?? .zero, nil)
        case .identifier(let s): return .symbol(s)
        default: throw MathParseError(message: "bad subscript")
        }
    }

    /// `{ … }`: a group (one item) or, with commas, a set.
    private mutating func parseGroup() throws -> MathNode {
        try enter(); defer { leave() }
        try expect("{")
        if accept("}") { return .text("") }
        let items = try parseItems(until: ["}"])
        try expect("}")
        return items.count == 1 ? items[0] : .set(items)
    }

    /// Comma-separated items up to (not including) one of `closers`.
    private mutating func parseItems(until closers: Set<Character>) throws -> [MathNode] {
        var items: [MathNode] = []
        let savedAbs = absDepth
        absDepth = 0
        defer { absDepth = savedAbs }
        while true {
            items.append(try parseItem())
            if accept(",") || accept(";") { continue }
            if case .symbol(let c)? = current, closers.contains(c) { return items }
            if current == .setClose && closers.contains("\u{1}") { return items }
            throw MathParseError(message: "expected one of \(closers.sorted()) at token \(pos)")
        }
    }

    /// A TeX macro argument: a braced group, or a single token (\frac12 → 1 and 2, \sqrt2 → 2), or, for the
    /// malformed \sqrt(2), a parenthesised group.
    private mutating func parseArgument() throws -> MathNode {
        try enter(); defer { leave() }
        if isSymbol("{") { return try parseGroup() }
        if isSymbol("(") { return try parsePrimary() }
        guard let t = current else { throw MathParseError(message: "missing argument") }
        switch t {
        case .number(let s):
            if s.count > 1, let first = s.first, first != "." {
                tokens[pos] = .number(String(s.dropFirst()))
                return .number(Rational(Int(String(first)) ?? 0), nil)
            }
            advance()
            return try numberNode(s)
        case .identifier(let s):
            advance()
            return s == "i" ? .constant(.i) : (s == "e" ? .constant(.e) : .symbol(s))
        case .symbol("π"): advance(); return .constant(.pi)
        default: return try parsePrimary()
        }
    }

    private func numberNode(_ s: String) throws -> MathNode {
        // Scientific notation with a huge exponent (1.6E86806, found by fuzzing: 1.4 s to build 10^86806) is too
        // large before it is built.
        if let e = s.split(separator: "e", maxSplits: 1).dropFirst().first, let x = Int(e), abs(x) > 10_000 {
            budget.exhaust("exponent \(x) too large")
            throw MathParseError(message: "exponent \(x) too large")
        }
        guard let q = Rational(decimalString: Substring(s)) else { throw MathParseError(message: "bad number \(s)") }
        guard budget.allowBits(q.bitSize) else { throw MathParseError(message: budget.exhaustedReason ?? "number too large") }
        var spelling: DecimalSpelling?
        let mantissa = s.split(separator: "e", maxSplits: 1).first.map(String.init) ?? s
        if let dot = mantissa.firstIndex(of: ".") {
            let places = mantissa.distance(from: dot, to: mantissa.endIndex) - 1
            let digits = mantissa.filter { $0 != "." }.drop { $0 == "0" }
            spelling = DecimalSpelling(places: places, significant: max(digits.count, 1))
        }
        return .number(q, spelling)
    }

    private mutating func parsePrimary() throws -> MathNode {
        try enter(); defer { leave() }
        guard let t = current else { throw MathParseError(message: "unexpected end of answer") }
        switch t {
        case .number(let s):
            advance()
            let n = try numberNode(s)
            // Mixed number: 12\frac{3}{5} = 63/5 when both parts of the fraction are integers.
            if current == .command("frac"), case .number(let whole, nil) = n, whole.isInteger {
                let save = pos, saveTokens = tokens
                advance()
                if let a = try? parseArgument(), let b = try? parseArgument(),
                   case .number(let p, nil) = a, case .number(let q, nil) = b, p.isInteger, q.isInteger, !q.isZero,
                   !p.isNegative, let frac = p / q {
                    return .number(whole + frac, nil)
                }
                pos = save; tokens = saveTokens
            }
            return n
        case .identifier(let s):
            advance()
            if s == "i" && !isSymbol("_") { return .constant(.i) }
            if s == "e" && !isSymbol("_") { return .constant(.e) }
            if isSymbol("_") {
                advance()
                let sub = try parseSubscriptAtom()
                return .symbol(s + "_" + Self.plainName(sub))
            }
            return .symbol(s)
        case .text(let raw):
            advance()
            return .text(raw.trimmingCharacters(in: " "))
        case .setOpen:
            advance()
            if current == .setClose { advance(); return .set([]) }
            let items = try parseItems(until: ["\u{1}"])
            guard current == .setClose else { throw MathParseError(message: "unclosed \\{") }
            advance()
            return .set(items)
        case .beginEnvironment(let env):
            advance()
            return try parseEnvironment(env)
        case .command(let name):
            advance()
            return try parseCommand(name)
        case .symbol(let c):
            switch c {
            case "(", "[":
                advance()
                let items = try parseItems(until: [")", "]"])
                guard case .symbol(let close)? = current else { throw MathParseError(message: "unclosed \(c)") }
                advance()
                if items.count == 1 && close == ")" && c == "(" { return items[0] }
                if items.count == 1 && c == "[" && close == "]" { return items[0] }
                return .sequence(open: c, close: close, items)
            case "{": return try parseGroup()
            case "|":
                advance()
                absDepth += 1
                let inner = try parseSum()
                absDepth -= 1
                try expect("|")
                return .function("abs", [inner])
            case "π": advance(); return .constant(.pi)
            case "∞": advance(); return .constant(.infinity)
            case "$": advance(); return try parseFactor()
            default: throw MathParseError(message: "unexpected '\(c)'")
            }
        default:
            throw MathParseError(message: "unexpected token \(t)")
        }
    }

    static func plainName(_ n: MathNode) -> String {
        switch n {
        case .number(let q, _): return q.description
        case .symbol(let s): return s
        case .product(let xs): return xs.map(plainName).joined()
        default: return "?"
        }
    }

    private mutating func parseCommand(_ name: String) throws -> MathNode {
        switch name {
        case "frac":
            let a = try parseArgument()
            let b = try parseArgument()
            return .product([a, .power(b, .int(-1))])
        case "binom", "choose":
            let a = try parseArgument()
            let b = try parseArgument()
            return .function("binom", [a, b])
        case "sqrt":
            if accept("[") {
                let index = try parseSum()
                try expect("]")
                return .function("root", [index, try parseArgument()])
            }
            return .function("sqrt", [try parseArgument()])
        case "cbrt":
            return .function("root", [.int(3), try parseArgument()])
        case "lfloor", "lceil":
            let inner = try parseSum()
            guard current == .command(name == "lfloor" ? "rfloor" : "rceil") else { throw MathParseError(message: "unclosed \\\(name)") }
            advance()
            return .function(name == "lfloor" ? "floor" : "ceil", [inner])
        case "e": return .constant(.e)
        case "emptyset", "varnothing": return .set([])
        default:
            if Self.greek.contains(name) { return .symbol(name) }
            if Self.functionNames.contains(name) { return try parseFunction(name) }
            throw MathParseError(message: "unknown command \\\(name)")
        }
    }

    /// \sin x, \sin^2 x, \log_2 8, \ln(x), sin(x).
    private mutating func parseFunction(_ name: String) throws -> MathNode {
        var base: MathNode?
        var exponent: MathNode?
        if name == "log", accept("_") { base = try parseSubscriptAtom() }
        if accept("^") { exponent = try parseExponent() }
        let arg: MathNode
        if isSymbol("(") {
            arg = try parsePrimary()
        } else if isSymbol("{") {
            arg = try parseGroup()
        } else {
            // The argument runs over an implicit product: \sin 2x = sin(2x).
            var factors = [try parsePower()]
            while startsFactor(), !Self.startsFunction(current) { factors.append(try parsePower()) }
            arg = factors.count == 1 ? factors[0] : .product(factors)
        }
        var f: MathNode
        switch name {
        case "log", "lg":
            f = .function("log", [base ?? .int(10), arg])
        default:
            f = .function(name, [arg])
        }
        if let e = exponent {
            // sin^{-1} x is arcsin x.
            if e == .negate(.int(1)), ["sin", "cos", "tan"].contains(name) { f = .function("arc" + name, [arg]) }
            else { f = .power(f, e) }
        }
        return f
    }

    private static func startsFunction(_ t: Token?) -> Bool {
        if case .command(let c)? = t { return functionNames.contains(c) }
        return false
    }

    /// pmatrix, bmatrix, matrix, array, vmatrix…: cells split by & and rows by \\.
    private mutating func parseEnvironment(_ env: String) throws -> MathNode {
        var rows: [[MathNode]] = []
        var row: [MathNode] = []
        while true {
            guard let t = current else { throw MathParseError(message: "unclosed environment \(env)") }
            if t == .endEnvironment(env) { advance(); break }
            if t == .rowBreak { advance(); rows.append(row); row = []; continue }
            if t == .symbol("&") { advance(); continue }
            row.append(try parseItem())
        }
        if !row.isEmpty { rows.append(row) }
        if env.hasPrefix("cases") || env == "aligned" || env == "align" || env == "gathered" {
            let flat = rows.flatMap { $0 }
            return flat.count == 1 ? flat[0] : .list(flat)
        }
        guard let width = rows.first?.count, rows.allSatisfy({ $0.count == width }) else {
            throw MathParseError(message: "ragged matrix")
        }
        return .matrix(rows)
    }
}

extension MathNode {
    /// The literal digits when this node is a plain integer literal (used for base-n subscripts).
    var numberLiteral: Token? {
        if case .number(let q, nil) = self, q.isInteger, !q.isNegative { return .number(q.num.description) }
        return nil
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set || s.first == "\n" { s = s.dropFirst() }
        while s.last == set || s.last == "\n" { s = s.dropLast() }
        return String(s)
    }
}
