// `code`: write a tiny Python function from input/output examples. Prompt "f(1)=3;f(2)=5;f(4)=9;f=" (three
// examples of f(x) = a·x + b, x·x + b or a·x − b); the response is the function's body as one Python expression in
// x, e.g. "2*x+1". Grading runs `def f(x): return (RESPONSE)` in CodeRunner's bubblewrap sandbox, call-based, on
// the three shown examples and three hidden ones (x = 0, 7, 10). Reward 1 when every test passes, else 0. Many
// spellings are correct ("2*x+1", "x*2+1", "1+x+x"): distinct correct solutions are counted by spelling.
// One sandbox run per response (tens of milliseconds), so grading is a large share of a step on this task.
import CodeRunner
import FlowRLCore
import Foundation
import Tensor

/// Tiny functions from examples, graded in the sandbox.
public struct CodeTask: GeneratedTextTask {
    public let name = "code"
    public var graderVersion: String { CodeRunner.version + " (code task, semantics=lcb)" }
    public let evaluationCount = 24
    public let evaluationSeed: UInt64 = 0xC0DE
    public let trainingSalt: UInt64 = 0xC0D1
    public let warmStartSalt: UInt64 = 0xC0D2
    public var maxNewTokens: Int { 12 }
    private let sandbox = SharedSandbox()

    public init() {}

    /// Fails with the setup error when this machine cannot sandbox (not root, no bwrap or python3).
    public func checkSandbox() throws { _ = try sandbox.runner() }

    /// A random function with its three shown examples and its canonical body.
    func function(using generator: inout SeededGenerator) -> (examples: [Int], body: String, value: (Int) -> Int) {
        let a = 1 + Int(generator.next() % 5), b = Int(generator.next() % 10)
        let examples = [1, 2, 3, 4, 5].shuffled(using: &generator).prefix(3).sorted()
        switch generator.next() % 3 {
        case 0: return (examples, "\(a)*x+\(b)", { a * $0 + b })
        case 1: return (examples, "x*x+\(b)", { $0 * $0 + b })
        default: return (examples, "\(a)*x-\(b)", { a * $0 - b })
        }
    }

    public func generate(using generator: inout SeededGenerator) -> (prompt: TaskPrompt, solution: String) {
        let f = function(using: &generator)
        let text = f.examples.map { "f(\($0))=\(f.value($0))" }.joined(separator: ";") + ";f="
        let tests = (f.examples + [0, 7, 10]).map { x -> JSONValue in
            .object(["input": .string(String(x)), "output": .string(String(f.value(x)))])
        }
        let prompt = TaskPrompt(id: "task/code/" + String(text.dropLast(3)), text: text, tokens: encodePrompt(text),
                                reference: f.body, metadataJSON: JSONValue.object(["tests": .array(tests)]).jsonText)
        return (prompt, f.body)
    }

    public func grade(response: String, prompt: TaskPrompt) -> TaskGrade {
        let runner: CodeRunner
        do { runner = try sandbox.runner() } catch {
            return TaskGrade(reward: 0, correct: nil, verdict: CodeVerdict.sandboxError.rawValue)
        }
        let tests = ((try? JSONParser.parse(prompt.metadataJSON))?.objectValue?["tests"]?.arrayValue ?? []).compactMap {
            t -> TestCase? in
            guard let o = t.objectValue, let i = o["input"]?.stringValue, let out = o["output"]?.stringValue else { return nil }
            return TestCase(input: i, output: out, kind: .functional)
        }
        let body = response.trimmingCharacters(in: .whitespaces)
        let grade = runner.gradeBlocking(CodeJob(code: "def f(x):\n    return (\(body))\n", tests: tests, funcName: "f"))
        let undecided = grade.verdict == .sandboxError
        return TaskGrade(reward: grade.passed ? 1 : 0, correct: undecided ? nil : grade.passed,
                         verdict: grade.verdict.rawValue, answer: grade.passed ? body.replacingOccurrences(of: " ", with: "") : nil)
    }
}

/// One CodeRunner per process for the task, created on first use (a task value is copied freely).
final class SharedSandbox: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Result<CodeRunner, Error>?

    func runner() throws -> CodeRunner {
        lock.lock()
        defer { lock.unlock() }
        if made == nil { made = Result { try CodeRunner(workers: 1) } }
        return try made!.get()
    }
}
