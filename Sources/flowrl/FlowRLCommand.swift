// The `flowrl` command line. Exit codes: 0 success, 1 the work failed (bad input, a failed job), 2 usage errors.
import ArgumentParser
import Tensor
#if canImport(Glibc)
import Glibc
#endif

@main
struct FlowRLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowrl",
        abstract: "Offline evaluation and reward modeling for LLM reasoning.",
        discussion: "The store defaults to ./flowrl.sqlite (override with --store or FLOWRL_STORE).",
        subcommands: [IngestCommand.self, ProblemsCommand.self, ShowCommand.self, GradeCommand.self,
                      StatsCommand.self, ReportCommand.self, TrainCommand.self, EvaluateCommand.self,
                      ExperimentCommand.self, BenchCommand.self, DemoCommand.self])

    static func main() async {
        MemoryTuning.returnLargeBuffersToTheSystem()
        BLAS.parkThreads()   // restarted by the first multi-threaded GEMM (training, bench); idle otherwise
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as WorkFailure {
            Console.error(failure.message)
            Glibc.exit(1)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Glibc.exit(0)
            }
            if !message.isEmpty { Console.error(message) }
            // swift-argument-parser reports usage errors as EX_USAGE (64); the toolkit's contract says 2.
            Glibc.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

