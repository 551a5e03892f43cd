// The official LiveCodeBench rule for taking code out of a model response.

/// Extracts code from model responses.
public enum CodeExtraction {
    /// The lines strictly between the last two lines containing ```; "" when fewer than two such lines exist.
    public static func extract(from response: String) -> String {
        let lines = response.split(separator: "\n", omittingEmptySubsequences: false)
        let fences = lines.indices.filter { lines[$0].contains("```") }
        guard fences.count >= 2, let last = fences.last else { return "" }
        let start = fences[fences.count - 2] + 1
        return lines[start..<last].joined(separator: "\n")
    }
}
