// A JSON value as the fast byte-level parser produces it. Numbers keep their source text so that exact values
// survive (an AMC answer written 27.0 is normalised by the adapter, not rounded through a Double).

/// A parsed JSON value. Object members keep their source order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number, as written in the source (already checked against the JSON number grammar).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The string payload, or nil for other kinds.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The object payload, or nil for other kinds.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The array payload, or nil for other kinds.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// A short name of the value's kind, for error messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON object: members in source order with lookup by key (the last duplicate key wins, as in Python).
public struct JSONObject: Sendable, Equatable {
    /// The members in source order.
    public private(set) var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value for `key`, or nil when absent.
    /// - Complexity: O(n) in the number of members; benchmark rows have a dozen.
    public subscript(key: String) -> JSONValue? {
        for member in members.reversed() where member.key == key { return member.value }
        return nil
    }

    /// The member keys in source order.
    public var keys: [String] { members.map(\.key) }

    /// Adds or replaces a member.
    public mutating func set(_ key: String, _ value: JSONValue) {
        if let index = members.lastIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
