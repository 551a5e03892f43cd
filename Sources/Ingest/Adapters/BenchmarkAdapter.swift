// What every benchmark family's adapter does: recognise its rows and turn one row into a Problem.
import FlowRLCore

/// Where a row came from, and the options that filter rows.
public struct RowContext: Sendable {
    /// The entry name (the file name, or the member path inside an archive).
    public var entryName: String
    /// The input file as the user named it.
    public var fileName: String
    /// 1-based index of the row among the data rows of its entry.
    public var rowIndex: Int
    /// Filters chosen on the command line.
    public var filters: RowFilters

    /// Lowercased names to look for hints in (benchmark names, years): entry then file.
    var hintText: String { (entryName + " " + fileName).lowercased() }
}

/// Row filters: LiveCodeBench releases and contest-date windows.
public struct RowFilters: Sendable, Equatable {
    public var release: LiveCodeBenchRelease.Filter?
    /// Inclusive lower bound on `contest_date` (an ISO date or date-time prefix).
    public var from: String?
    /// Inclusive upper bound on `contest_date`.
    public var to: String?

    public init(release: LiveCodeBenchRelease.Filter? = nil, from: String? = nil, to: String? = nil) {
        self.release = release
        self.from = from
        self.to = to
    }

    public static let none = RowFilters()
}

/// A row that does not fit its benchmark's format.
public struct RowError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Turns rows of one benchmark family into problems.
public protocol BenchmarkAdapter: Sendable {
    /// The benchmark name (`math500`, `aime`, `amc`, `livecodebench`, `humaneval`).
    var benchmark: String { get }
    /// How strongly this row looks like the family's (0 = not at all).
    func score(_ row: JSONObject, context: RowContext) -> Int
    /// The problem for `row`, or nil when a filter excludes it.
    func problem(from row: JSONObject, context: RowContext) throws -> Problem?
    /// A member whose string value can be huge, read in place instead of copied into the row (nil: none).
    var rawStringMember: String? { get }
    /// `problem(from:context:)` for a row parsed with `rawStringMember` left out of it: `rawString` holds that
    /// member's string contents (UTF-8, no escapes), or is nil when the row had no such plain string.
    func problem(from row: JSONObject, rawString: UnsafeRawBufferPointer?, context: RowContext) throws -> Problem?
    /// The problem for one record's JSON text (the bulk path; the default parses the row, leaving
    /// `rawStringMember` in place). An override must give exactly what `problem(from:context:)` gives.
    /// - Throws: `JSONSyntaxError` for bad JSON, `RowError` for a row that does not fit.
    func problem(fromRecord bytes: UnsafeRawBufferPointer, context: RowContext) throws -> Problem?
}

extension BenchmarkAdapter {
    public var rawStringMember: String? { nil }

    public func problem(from row: JSONObject, rawString: UnsafeRawBufferPointer?, context: RowContext) throws -> Problem? {
        try problem(from: row, context: context)
    }

    public func problem(fromRecord bytes: UnsafeRawBufferPointer, context: RowContext) throws -> Problem? {
        guard let rawKey = rawStringMember else { return try problem(from: JSONObject.row(bytes), context: context) }
        let (value, rawRange) = try JSONParser.parse(bytes, rawStringMember: rawKey)
        guard case .object(let row) = value else { throw RowError("expected a JSON object, found \(value.kindName)") }
        return try problem(from: row, rawString: rawRange.map { UnsafeRawBufferPointer(rebasing: bytes[$0]) },
                           context: context)
    }
}

extension JSONObject {
    /// The object a record's JSON text holds, or a `RowError` when it holds another kind of value.
    static func row(_ bytes: UnsafeRawBufferPointer) throws -> JSONObject {
        let value = try JSONParser.parse(bytes)
        guard case .object(let object) = value else { throw RowError("expected a JSON object, found \(value.kindName)") }
        return object
    }

    /// The string at `key`, or a `RowError` naming the field and what it holds instead.
    func requiredString(_ key: String) throws -> String {
        guard let value = self[key] else { throw RowError("missing field \"\(key)\"") }
        guard let s = value.stringValue else { throw RowError("field \"\(key)\" must be a string, found \(value.kindName)") }
        return s
    }

    /// The text of a string or number field (numbers keep their source spelling), or nil when absent/null.
    func scalarText(_ key: String) throws -> String? {
        switch self[key] {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case .number(let n)?: return n
        case let other?: throw RowError("field \"\(key)\" must be a string or a number, found \(other.kindName)")
        }
    }

    /// True when every key is present.
    func has(_ keys: String...) -> Bool { keys.allSatisfy { self[$0] != nil } }

    /// The members other than `excluded`, plus `extra`, as metadata JSON text.
    func metadata(excluding excluded: Set<String>, adding extra: [(String, JSONValue)] = []) -> String {
        var object = JSONObject(members.filter { !excluded.contains($0.key) })
        for (k, v) in extra { object.set(k, v) }
        return JSONValue.object(object).jsonText
    }
}
