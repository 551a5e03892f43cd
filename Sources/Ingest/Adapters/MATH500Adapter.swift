// MATH-500 (and full MATH test) rows: problem, solution, answer, subject, level, unique_id.
import FlowRLCore

/// Reads MATH-500 rows; ids are `math500/` + `unique_id` without `.json` (e.g. `math500/test/precalculus/807`).
public struct MATH500Adapter: BenchmarkAdapter {
    public let benchmark = "math500"

    public init() {}

    public func score(_ row: JSONObject, context: RowContext) -> Int {
        guard row.has("problem", "answer") else { return 0 }
        if row.has("unique_id") { return row.has("subject") || row.has("level") ? 10 : 6 }
        return context.hintText.contains("math500") || context.hintText.contains("math-500") ? 3 : 0
    }

    /// Members that become the prompt and the reference; the rest is metadata.
    private static let promptAndAnswer = ["problem", "answer"]

    public func problem(from row: JSONObject, context: RowContext) throws -> Problem? {
        try problem(fields: row, context: context) { extra in
            row.metadata(excluding: Set(Self.promptAndAnswer), adding: extra)
        }
    }

    /// The bulk path: only the fields read are decoded; the solution and the rest are copied through.
    public func problem(fromRecord bytes: UnsafeRawBufferPointer, context: RowContext) throws -> Problem? {
        guard let row = try RawRow(bytes) else { return try problem(from: JSONObject.row(bytes), context: context) }
        return try problem(fields: row, context: context) { extra in
            try row.metadata(excluding: Self.promptAndAnswer, adding: extra)
        }
    }

    private func problem(fields row: some RowFields, context: RowContext,
                         metadata: ([(String, JSONValue)]) throws -> String) throws -> Problem? {
        let prompt = try row.requiredString("problem")
        guard let answer = try row.scalarText("answer") else { throw RowError("missing field \"answer\"") }
        var local: String
        if let unique = try row.scalarText("unique_id") {
            local = unique
            // Byte-wise (".json" is ASCII): String.hasSuffix and removeLast work on grapheme clusters.
            if local.utf8.count >= 5, local.utf8.suffix(5).elementsEqual(".json".utf8) {
                local = String(decoding: local.utf8.dropLast(5), as: UTF8.self)
            }
        } else {
            local = "row-\(context.rowIndex)"
        }
        guard !local.isEmpty else { throw RowError("field \"unique_id\" is empty") }
        var extra: [(String, JSONValue)] = []
        if let level = row.stringField("level"), let n = Int(level) { extra.append(("level", .number(String(n)))) }
        return Problem(id: "math500/" + local, benchmark: benchmark, kind: .math, prompt: prompt,
                       reference: answer.trimmed, metadataJSON: try metadata(extra))
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    var trimmed: String {
        // Fast path: ends that are ASCII and not space (most answers) need no Unicode property lookups.
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
