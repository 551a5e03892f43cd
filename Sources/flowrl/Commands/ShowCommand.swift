// `flowrl show ID`: one problem in full.
import ArgumentParser
import FlowRLCore
import Store

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one stored problem.")

    @Argument(help: "The problem id, e.g. math500/test/precalculus/807 or lcb/1873_A.")
    var id: String

    @Flag(help: "As one JSON object (tests included for code problems).")
    var json = false

    @Option(help: "How many tests to print for code problems.")
    var tests = 3

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        guard let problem = try store.problem(id: id) else {
            throw WorkFailure(message: "no problem with id \"\(id)\" in \(storeOptions.path)")
        }
        let decoded: [TestCase]
        do { decoded = try problem.tests?.decodeTests() ?? [] } catch {
            throw WorkFailure(message: "\(id): stored tests cannot be decoded: \(error)")
        }
        let metadata = (try? JSONParser.parse(problem.metadataJSON)) ?? .object(JSONObject())
        if json {
            var object: JSONObject = ["id": .string(problem.id), "benchmark": .string(problem.benchmark),
                                      "kind": .string(problem.kind.rawValue), "prompt": .string(problem.prompt),
                                      "reference": problem.reference.map { .string($0) } ?? .null,
                                      "metadata": metadata]
            if problem.kind == .code {
                object.set("tests", .array(decoded.map {
                    .object(["input": .string($0.input), "output": .string($0.output), "testtype": .string($0.kind.rawValue)])
                }))
            }
            Console.out(JSONValue.object(object).jsonText)
            return
        }
        Console.out("id:        \(problem.id)")
        Console.out("benchmark: \(problem.benchmark) (\(problem.kind.rawValue))")
        if let reference = problem.reference { Console.out("reference: \(reference)") }
        Console.out("metadata:  \(metadata.jsonText)")
        Console.out("\n\(problem.prompt)\n")
        if problem.kind == .code {
            Console.out("\(decoded.count) tests")
            for (i, t) in decoded.prefix(tests).enumerated() {
                Console.out("--- test \(i + 1) (\(t.kind.rawValue)) input:\n\(t.input)")
                if !t.output.isEmpty { Console.out("--- expected output:\n\(t.output)") }
            }
        }
    }
}
