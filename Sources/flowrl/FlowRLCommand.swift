import ArgumentParser

@main
struct FlowRLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowrl",
        abstract: "Offline evaluation and reward modeling for LLM reasoning.")
}
