// Errors about user input carry where (file, entry in an archive, line) and why, so a user can fix the source.

/// Where in the input something was found: a file, optionally an archive entry, optionally a line.
public struct InputLocation: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The entry inside an archive, when the file is one.
    public var entry: String?
    /// The 1-based line (JSONL) or the line where the record starts (JSON arrays).
    public var line: Int?

    public init(file: String, entry: String? = nil, line: Int? = nil) {
        self.file = file
        self.entry = entry
        self.line = line
    }

    /// `FILE:LINE` or `ARCHIVE/ENTRY:LINE`.
    public var description: String {
        var s = file
        if let entry { s += "/" + entry }
        if let line { s += ":\(line)" }
        return s
    }
}

/// Bad input: the location and the reason.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: InputLocation
    public var reason: String

    public init(_ location: InputLocation, _ reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String { "\(location): \(reason)" }
}
