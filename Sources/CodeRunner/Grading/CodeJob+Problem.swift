// Building a job from a stored problem: its decoded tests, LiveCodeBench's func_name, HumanEval's prompt and entry
// point — the one place that knows how each benchmark's problem becomes a sandbox run.
import FlowRLCore

extension CodeJob {
    /// A job for `problem` (a code problem from the store or an ingest).
    ///
    /// - Parameters:
    ///   - response: a model response; its code is taken by the official rule (between the last two ``` lines).
    ///   - code: raw code instead of a response (for HumanEval: the completion of the prompt).
    /// - For HumanEval problems, code that defines the entry point itself runs after the part of the prompt before
    ///   the entry point's `def` (imports, helpers); code that does not is the prompt's completion. A response
    ///   without ``` fences is taken whole, as the official harness takes completions.
    /// - Throws: when the problem is not a code problem or its tests cannot be decoded.
    public init(problem: Problem, response: String? = nil, code: String? = nil, semantics: CodeSemantics = .lcb) throws {
        guard problem.kind == .code else { throw CodeRunnerError.setup("\(problem.id) is not a code problem") }
        let tests = try problem.tests?.decodeTests() ?? []
        let metadata = (try? JSONParser.parse(problem.metadataJSON))?.objectValue
        let entryPoint = metadata?["entry_point"]?.stringValue
        var body = code ?? CodeExtraction.extract(from: response ?? "")
        // A HumanEval response without fences is its completion, as the official harness takes it.
        if code == nil, entryPoint != nil, let response, !response.contains("```") { body = response }
        if let entryPoint {
            let signature = "def \(entryPoint)("
            if body.contains(signature) {
                // Keep what the prompt sets up before the entry point (imports, helpers); the code brings its own def.
                let lines = problem.prompt.split(separator: "\n", omittingEmptySubsequences: false)
                let header = lines.prefix { !$0.hasPrefix(signature) }.joined(separator: "\n")
                self.init(code: body, tests: tests, prompt: header.isEmpty ? "" : header + "\n", entryPoint: entryPoint,
                          semantics: semantics)
            } else {
                self.init(code: body, tests: tests, prompt: problem.prompt, entryPoint: entryPoint, semantics: semantics)
            }
        } else {
            self.init(code: body, tests: tests, funcName: metadata?["func_name"]?.stringValue, semantics: semantics)
        }
    }
}
