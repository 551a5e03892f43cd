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

    public func problem(from row: JSONObject, context: RowContext) throws -> Problem? {
        let prompt = try row.requiredString("problem")
        guard let answer = try row.scalarText("answer") else { throw RowError("missing field \"answer\"") }
        var local: String
        if let unique = try row.scalarText("unique_id") {
            local = unique
            if local.hasSuffix(".json") { local.removeLast(5) }
        } else {
            local = "row-\(context.rowIndex)"
        }
        guard !local.isEmpty else { throw RowError("field \"unique_id\" is empty") }
        var extra: [(String, JSONValue)] = []
        if case .string(let level)? = row["level"], let n = Int(level) { extra.append(("level", .number(String(n)))) }
        return Problem(id: "math500/" + local, benchmark: benchmark, kind: .math, prompt: prompt,
                       reference: answer.trimmed,
                       metadataJSON: row.metadata(excluding: ["problem", "answer"], adding: extra))
    }
}

extension String {
    /// The string without leading and trailing whitespace.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
