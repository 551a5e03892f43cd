// A row read in place: the members of a record's top-level object located in its text, only the fields an
// adapter asks for decoded (straight from their bytes), and the rest copied through into metadata JSON without
// being parsed into values and written out again. Gives exactly what the `JSONObject` path gives.
import FlowRLCore

/// The fields an adapter reads from a row, from a parsed `JSONObject` or from a `RawRow` alike.
protocol RowFields {
    /// The string at `key`, or a `RowError` naming the field and what it holds instead.
    func requiredString(_ key: String) throws -> String
    /// The text of a string or number field (numbers keep their source spelling), or nil when absent/null.
    func scalarText(_ key: String) throws -> String?
    /// The string at `key`, or nil when absent or not a string.
    func stringField(_ key: String) -> String?
}

extension JSONObject: RowFields {
    func stringField(_ key: String) -> String? { self[key]?.stringValue }
}

/// One record's JSON object, read in place.
struct RawRow: RowFields {
    private let bytes: UnsafeRawBufferPointer
    private let members: [JSONMemberSpan]

    /// The row in `bytes` (validated completely), or nil when the record is valid JSON but not an object.
    init?(_ bytes: UnsafeRawBufferPointer) throws {
        guard let members = try JSONParser.objectMembers(bytes) else { return nil }
        self.bytes = bytes
        self.members = members
    }

    /// The member at `key` (its last occurrence, as `JSONObject` lookups see it).
    private func member(_ key: String) -> JSONMemberSpan? { members.last { $0.key == key } }

    func requiredString(_ key: String) throws -> String {
        guard let member = member(key) else { throw RowError("missing field \"\(key)\"") }
        guard member.isString else { throw RowError("field \"\(key)\" must be a string, found \(kindName(member))") }
        return try string(member)
    }

    func scalarText(_ key: String) throws -> String? {
        guard let member = member(key) else { return nil }
        if member.isString { return try string(member) }
        if member.kind == .scalar {
            let first = bytes[member.value.lowerBound]
            if first == UInt8(ascii: "n") { return nil }
            if first != UInt8(ascii: "t") && first != UInt8(ascii: "f") { return text(member) }
        }
        throw RowError("field \"\(key)\" must be a string or a number, found \(kindName(member))")
    }

    func stringField(_ key: String) -> String? {
        guard let member = member(key), member.isString else { return nil }
        return try? string(member)
    }

    /// A string member's contents, decoded.
    private func string(_ member: JSONMemberSpan) throws -> String {
        if member.kind == .plainString {
            // Validated as UTF-8 and free of escapes: the contents are the string.
            let contents = (member.value.lowerBound + 1)..<(member.value.upperBound - 1)
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[contents]), as: UTF8.self)
        }
        return try JSONParser.decodeString(UnsafeRawBufferPointer(rebasing: bytes[member.value]))
    }

    /// A member's source text.
    private func text(_ member: JSONMemberSpan) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[member.value]), as: UTF8.self)
    }

    /// `JSONValue.kindName` of a member's value (for error messages only: the value is parsed for it).
    private func kindName(_ member: JSONMemberSpan) -> String {
        (try? JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[member.value])).kindName) ?? "an invalid value"
    }

    /// The members other than `excluded`, with `extra` set on top (replacing a member of the same key in place,
    /// else appended), as compact JSON text: `JSONObject.metadata(excluding:adding:)` for this row.
    func metadata(excluding excluded: [String], adding extra: [(String, JSONValue)] = []) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        out.append(UInt8(ascii: "{"))
        var pending = extra
        for (i, member) in members.enumerated() where !excluded.contains(member.key) {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            if let keyText = member.keyText {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[keyText]))
            } else {
                JSONValue.writeString(member.key, to: &out)
            }
            out.append(UInt8(ascii: ":"))
            if !pending.isEmpty, let k = pending.firstIndex(where: { $0.0 == member.key }),
               !members[(i + 1)...].contains(where: { $0.key == member.key }) {
                pending[k].1.write(to: &out)
                pending.remove(at: k)
            } else if member.isCompact {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[member.value]))
            } else {
                try JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[member.value])).write(to: &out)
            }
        }
        for (key, value) in pending {
            if out.count > 1 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            value.write(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

extension JSONMemberSpan {
    /// True for a string value (with or without escapes).
    var isString: Bool { kind == .plainString || kind == .canonicalString || kind == .escapedString }
}
