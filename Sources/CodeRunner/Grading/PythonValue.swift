// Python values as the harness reports them (tagged JSON) and as json.loads produces them from expected outputs,
// with Python's `==` reproduced: True == 1 == 1.0, None == None, list == list elementwise, but a tuple is never
// equal to a list, a set never equal to a list, and any object of an unknown type (e.g. one whose __eq__ always
// returns True) equal to nothing.
import FlowRLCore

/// A Python value reduced to what `==` needs.
indirect enum PythonValue: Equatable {
    case none
    case bool(Bool)
    /// Decimal digits of an int, normalised ("-12", "0").
    case int(String)
    case float(Double)
    case str(String)
    case list([PythonValue])
    case tuple([PythonValue])
    case set([PythonValue])
    case dict([(PythonValue, PythonValue)])
    /// A numpy array: comparing one with more than one element raises in Python.
    case ndarray(size: Int, PythonValue)
    /// A value of a type the grader does not trust.
    case other(String)

    /// Decodes the harness's tagged encoding.
    init(tagged json: JSONValue) throws {
        guard let o = json.objectValue, let t = o["t"]?.stringValue else { throw HarnessProtocolError("untagged value") }
        func items() throws -> [PythonValue] {
            guard let a = o["v"]?.arrayValue else { throw HarnessProtocolError("\(t) without items") }
            return try a.map { try PythonValue(tagged: $0) }
        }
        switch t {
        case "none": self = .none
        case "bool":
            guard case .bool(let b)? = o["v"] else { throw HarnessProtocolError("bad bool") }
            self = .bool(b)
        case "int":
            guard let s = o["v"]?.stringValue else { throw HarnessProtocolError("bad int") }
            self = .int(Self.normaliseInt(s))
        case "float":
            guard let s = o["v"]?.stringValue, let d = Double(s) else { throw HarnessProtocolError("bad float") }
            self = .float(d)
        case "str":
            guard let s = o["v"]?.stringValue else { throw HarnessProtocolError("bad str") }
            self = .str(s)
        case "list": self = .list(try items())
        case "tuple": self = .tuple(try items())
        case "set", "frozenset": self = .set(try items())
        case "dict":
            guard let a = o["v"]?.arrayValue else { throw HarnessProtocolError("bad dict") }
            self = .dict(try a.map { pair in
                guard let kv = pair.arrayValue, kv.count == 2 else { throw HarnessProtocolError("bad dict item") }
                return (try PythonValue(tagged: kv[0]), try PythonValue(tagged: kv[1]))
            })
        case "ndarray":
            guard case .number(let n)? = o["size"], let size = Int(n), let v = o["v"] else {
                throw HarnessProtocolError("bad ndarray")
            }
            self = .ndarray(size: size, try PythonValue(tagged: v))
        default: self = .other(o["type"]?.stringValue ?? "object")
        }
    }

    /// What `json.loads` yields for a JSON value.
    init(json: JSONValue) {
        switch json {
        case .null: self = .none
        case .bool(let b): self = .bool(b)
        case .number(let s):
            if s.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { self = .float(Double(s) ?? .nan) }
            else { self = .int(Self.normaliseInt(s)) }
        case .string(let s): self = .str(s)
        case .array(let a): self = .list(a.map(PythonValue.init(json:)))
        case .object(let o): self = .dict(o.members.map { (.str($0.key), PythonValue(json: $0.value)) })
        }
    }

    /// What `json.loads` yields for a text, including Python's NaN / Infinity / -Infinity extensions at top level.
    init?(pythonJSON text: String) {
        if let v = try? JSONParser.parse(text) { self.init(json: v); return }
        switch text.filter({ !$0.isWhitespace }) {
        case "NaN": self = .float(.nan)
        case "Infinity": self = .float(.infinity)
        case "-Infinity": self = .float(-.infinity)
        default: return nil
        }
    }

    static func normaliseInt(_ s: String) -> String {
        var digits = Substring(s)
        var negative = false
        if digits.first == "-" || digits.first == "+" { negative = digits.first == "-"; digits = digits.dropFirst() }
        let trimmed = digits.drop(while: { $0 == "0" })
        if trimmed.isEmpty { return "0" }
        return (negative ? "-" : "") + trimmed
    }

    /// Python `==`; throws when Python would raise (ambiguous numpy truth value).
    static func pyEqual(_ a: PythonValue, _ b: PythonValue) throws -> Bool {
        switch (a, b) {
        case (.ndarray(let size, let v), _):
            if size > 1 { throw AmbiguousTruth() }
            if size == 0 { return false }
            if case .list(let items) = v, let only = items.first { return try pyEqual(only, Self.unwrapSingle(b)) }
            return try pyEqual(v, b)
        case (_, .ndarray): return try pyEqual(b, a)
        case (.other, _), (_, .other): return false
        case (.none, .none): return true
        case (.str(let x), .str(let y)): return x == y
        case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
            return try x.count == y.count && zip(x, y).allSatisfy { try pyEqual($0, $1) }
        case (.set(let x), .set(let y)):
            return try x.count == y.count && x.allSatisfy { e in try y.contains { try pyEqual(e, $0) } }
        case (.dict(let x), .dict(let y)):
            guard x.count == y.count else { return false }
            return try x.allSatisfy { k, v in
                guard let match = try y.first(where: { try pyEqual(k, $0.0) }) else { return false }
                return try pyEqual(v, match.1)
            }
        default:
            guard let x = a.number, let y = b.number else { return false }
            return x.equals(y)
        }
    }

    private static func unwrapSingle(_ v: PythonValue) -> PythonValue {
        if case .list(let items) = v, items.count == 1 { return items[0] }
        return v
    }

    private var number: PyNumber? {
        switch self {
        case .bool(let b): return .int(b ? "1" : "0")
        case .int(let s): return .int(s)
        case .float(let d): return .float(d)
        default: return nil
        }
    }

    /// A short rendering for details.
    var rendered: String {
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let s): return s
        case .float(let d): return "\(d)"
        case .str(let s): return JSONValue.quoted(s)
        case .list(let a): return "[" + a.map(\.rendered).joined(separator: ", ") + "]"
        case .tuple(let a): return "(" + a.map(\.rendered).joined(separator: ", ") + ")"
        case .set(let a): return "{" + a.map(\.rendered).joined(separator: ", ") + "}"
        case .dict(let a): return "{" + a.map { "\($0.0.rendered): \($0.1.rendered)" }.joined(separator: ", ") + "}"
        case .ndarray(_, let v): return "array(\(v.rendered))"
        case .other(let t): return "<\(t) object>"
        }
    }

    static func == (a: PythonValue, b: PythonValue) -> Bool { (try? pyEqual(a, b)) ?? false }
}

/// Python raised "truth value of an array with more than one element is ambiguous".
struct AmbiguousTruth: Error {}

/// An int (exact, as decimal digits) or a float, compared exactly as Python compares int and float.
enum PyNumber {
    case int(String)
    case float(Double)

    func equals(_ other: PyNumber) -> Bool {
        switch (self, other) {
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a == b
        case (.int(let a), .float(let b)), (.float(let b), .int(let a)):
            guard b.isFinite, b == b.rounded() else { return false }
            return Self.exactInteger(b) == a
        }
    }

    /// The exact decimal digits of an integral finite double.
    static func exactInteger(_ d: Double) -> String {
        if abs(d) < 9.0e15 { return String(Int64(d)) }
        // d = significand * 2^exponent with an integer significand; multiply out in decimal.
        var digits: [UInt8] = Array(String(UInt64(abs(d).significandBitPattern | (1 << 52))).utf8.map { $0 - 48 })
        var e = Int(abs(d).exponent) - 52
        while e > 0 {
            var carry: UInt8 = 0
            for i in digits.indices.reversed() {
                let v = digits[i] * 2 + carry
                digits[i] = v % 10
                carry = v / 10
            }
            if carry > 0 { digits.insert(carry, at: 0) }
            e -= 1
        }
        return (d < 0 ? "-" : "") + String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    }
}

/// The harness reported something the supervisor cannot read (charged to the program: only it can corrupt the channel).
struct HarnessProtocolError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
