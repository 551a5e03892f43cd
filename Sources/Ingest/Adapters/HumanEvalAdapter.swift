// HumanEval-style rows: task_id, prompt, entry_point, canonical_solution, test (a Python `check(candidate)`).
import FlowRLCore

/// Reads HumanEval-style rows; ids are `humaneval/` + task_id with '/' as '-' (e.g. `humaneval/HumanEval-0`).
public struct HumanEvalAdapter: BenchmarkAdapter {
    public let benchmark = "humaneval"

    public init() {}

    public func score(_ row: JSONObject, context: RowContext) -> Int {
        row.has("task_id", "prompt", "test") ? (row.has("entry_point") ? 10 : 6) : 0
    }

    public func problem(from row: JSONObject, context: RowContext) throws -> Problem? {
        let taskID = try row.requiredString("task_id")
        guard !taskID.isEmpty else { throw RowError("field \"task_id\" is empty") }
        let prompt = try row.requiredString("prompt")
        let test = try row.requiredString("test")
        let entryPoint = try row.requiredString("entry_point")
        let solution = row["canonical_solution"] == nil ? nil : try row.requiredString("canonical_solution")
        // The whole test program is one test; its assertions are counted for information.
        let assertions = test.split(separator: "\n").filter { $0.trimmingPrefix(while: { $0 == " " || $0 == "\t" }).hasPrefix("assert") }.count
        let blob = TestBlob(segments: [TestBlob.programSegment(test)])
        return Problem(id: "humaneval/" + taskID.replacingSlashes, benchmark: benchmark, kind: .code, prompt: prompt,
                       reference: solution, tests: blob, testCount: blob.testCount,
                       metadataJSON: row.metadata(excluding: ["prompt", "test", "canonical_solution"],
                                                  adding: [("entry_point", .string(entryPoint)),
                                                           ("assertions", .number(String(assertions)))]))
    }
}

extension String {
    var replacingSlashes: String { String(map { $0 == "/" ? "-" : $0 }) }
}

extension Substring {
    func trimmingPrefix(while predicate: (Character) -> Bool) -> Substring { drop(while: predicate) }
}
