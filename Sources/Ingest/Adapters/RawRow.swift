// A row read in place: the members of a record's top-level object located in its text, only the fields an
// adapter asks for built as values, and the rest copied through into metadata JSON without being parsed into
// values and written out again. Gives exactly what the `JSONObject` path gives (`metadata(excluding:adding:)`).
import FlowRLCore

/// One record's JSON object, read in place.
struct RawRow {
    private let bytes: UnsafeRawBufferPointer
    private let members: [JSONMemberSpan]

    /// The row in `bytes` (validated completely), or nil when the record is valid JSON but not an object.
    init?(_ bytes: UnsafeRawBufferPointer) throws {
        guard let members = try JSONParser.objectMembers(bytes) else { return nil }
        self.bytes = bytes
        self.members = members
    }

    /// An object holding just `keys` (each at its last occurrence, as `JSONObject` lookups see them).
    func fields(_ keys: [String]) throws -> JSONObject {
        var object = JSONObject()
        for key in keys {
            guard let member = members.last(where: { $0.key == key }) else { continue }
            object.set(key, try value(member))
        }
        return object
    }

    private func value(_ member: JSONMemberSpan) throws -> JSONValue {
        if member.kind == .plainString {
            // Validated as UTF-8 and free of escapes: the contents are the string.
            let contents = (member.value.lowerBound + 1)..<(member.value.upperBound - 1)
            return .string(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[contents]), as: UTF8.self))
        }
        return try JSONParser.parse(UnsafeRawBufferPointer(rebasing: bytes[member.value]))
    }

    /// The members other than `excluded`, with `extra` set on top (replacing a member of the same key in place,
    /// else appended), as compact JSON text: `JSONObject.metadata(excluding:adding:)` for this row.
    func metadata(excluding excluded: [String], adding extra: [(String, JSONValue)] = []) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        out.append(UInt8(ascii: "{"))
        var pending = extra
        var first = true
        for (i, member) in members.enumerated() where !excluded.contains(member.key) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.writeString(member.key, to: &out)
            out.append(UInt8(ascii: ":"))
            if let k = pending.firstIndex(where: { $0.0 == member.key }),
               !members[(i + 1)...].contains(where: { $0.key == member.key }) {
                pending[k].1.write(to: &out)
                pending.remove(at: k)
            } else if member.isCompact {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[member.value]))
            } else {
                try value(member).write(to: &out)
            }
        }
        for (key, value) in pending {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.writeString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            value.write(to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
