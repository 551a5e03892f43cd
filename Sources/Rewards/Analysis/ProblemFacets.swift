// The grouping keys of a problem, read from its stored metadata: MATH subject and level, LiveCodeBench
// difficulty, platform and contest-date window.
import FlowRLCore

/// Reads facets from a problem's metadata JSON object text.
public enum ProblemFacets {
    /// Facets present in `metadataJSON`: `subject`, `level` (as "Level N"), `difficulty`, `platform`, and
    /// `window`, the calendar quarter of `contest_date` ("2024-Q3"; LiveCodeBench's release windows are about a
    /// quarter long). Unknown or malformed metadata gives no facets.
    public static func facets(metadataJSON: String) -> [Facet] {
        guard metadataJSON.count > 2, case .object(let meta)? = try? JSONParser.parse(metadataJSON) else { return [] }
        var out: [Facet] = []
        func text(_ key: String) -> String? {
            switch meta[key] {
            case .string(let s)?: return s.isEmpty ? nil : s
            case .number(let n)?: return n
            default: return nil
            }
        }
        if let subject = text("subject") { out.append(Facet(name: "subject", value: subject)) }
        if let level = text("level") {
            out.append(Facet(name: "level", value: level.hasPrefix("Level") ? level : "Level " + level))
        }
        if let difficulty = text("difficulty") { out.append(Facet(name: "difficulty", value: difficulty.lowercased())) }
        if let platform = text("platform") { out.append(Facet(name: "platform", value: platform.lowercased())) }
        if let date = text("contest_date"), let window = quarter(of: date) {
            out.append(Facet(name: "window", value: window))
        }
        return out
    }

    /// "2024-08-21…" → "2024-Q3"; nil when the text does not start with YYYY-MM.
    static func quarter(of date: String) -> String? {
        let parts = date.prefix(7).split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
              (1...12).contains(month) else { return nil }
        return "\(year)-Q\((month - 1) / 3 + 1)"
    }
}
