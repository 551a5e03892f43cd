// `flowrl train`, `evaluate` and offline training through the real binary: the JSON contract, what lands in the
// store, resuming from a checkpoint without duplicating rows, and usage errors.
import Foundation
import Testing
import TestSupport

@Suite struct TrainCommandTests {
    let dir: URL
    let store: String

    init() throws {
        dir = try makeTemporaryDirectory("flowrl-train-cli")
        store = dir.appendingPathComponent("train.sqlite").path
    }

    func flowrl(_ args: String...) throws -> ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        return try runProcess(try flowrlBinary(), args, environment: environment)
    }

    func json(_ text: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw HelperError("not a JSON object: \(text)")
        }
        return object
    }

    /// One SQL count from the store (python3's sqlite3 reads it independently of the toolkit's store code).
    func count(_ sql: String) throws -> Int {
        Int(try runPython("import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])",
                          [store, sql]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func trainsRecordsResumesAndEvaluates() throws {
        let first = try flowrl("train", "--task", "modes", "--method", "flowrl", "--steps", "4", "--json", "--store", store)
        #expect(first.status == 0, "\(first.stderr)")
        let a = try json(first.stdout)
        #expect(a["run"] as? String == "modes-flowrl-s0")
        #expect(a["steps"] as? Int == 4)
        #expect(a["modes_total"] as? Int == 4)
        #expect((a["kl_to_target"] as? Double).map { $0 > 0 } == true)
        #expect(first.stderr.contains("step 4/4"))
        // 4 steps × 32 responses, each with a grade; 4 metric rows; the rollout run names its training run
        #expect(try count("SELECT count(*) FROM samples") == 128)
        #expect(try count("SELECT count(*) FROM grades") == 128)
        #expect(try count("SELECT count(*) FROM training_steps") == 4)
        #expect(try count("SELECT count(*) FROM runs WHERE name = 'modes-flowrl-s0/rollouts' AND training_run = 'modes-flowrl-s0'") == 1)
        #expect(try count("SELECT count(*) FROM problems WHERE benchmark = 'task/modes' AND kind = 'math'") == 1)

        let resumed = try flowrl("train", "--task", "modes", "--method", "flowrl", "--steps", "6", "--json", "--store", store)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming at step 4"))
        #expect(try json(resumed.stdout)["steps"] as? Int == 6)
        #expect(try count("SELECT count(*) FROM samples") == 192)
        #expect(try count("SELECT count(*) FROM training_steps") == 6)
        #expect(try count("SELECT count(*) FROM training_runs WHERE status = 'finished'") == 1)

        let checkpoint = dir.appendingPathComponent("checkpoints/modes-flowrl-s0").path
        let evaluated = try flowrl("evaluate", "--checkpoint", checkpoint, "--task", "modes", "--samples", "8", "--json",
                                   "--store", store)
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let e = try json(evaluated.stdout)
        #expect(e["kl_to_target"] is Double && e["accuracy"] is Double)
        #expect(try count("SELECT count(*) FROM samples s JOIN runs r ON r.id = s.run_id WHERE r.name = '\(e["run"] as? String ?? "")'") == 8)

        let offline = try flowrl("train", "--task", "modes", "--method", "flowrl", "--offline", "modes-flowrl-s0/rollouts",
                                 "--name", "offline", "--steps", "2", "--json", "--store", store)
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(try json(offline.stdout)["steps"] as? Int == 2)
        #expect(try count("SELECT count(*) FROM training_steps t JOIN training_runs r ON r.id = t.training_run_id WHERE r.name = 'offline'") == 2)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try flowrl("train", "--task", "nope", "--store", store).status == 2)
        #expect(try flowrl("train", "--task", "modes", "--method", "sgd", "--store", store).status == 2)
        #expect(try flowrl("train", "--task", "modes", "--steps", "0", "--store", store).status == 2)
    }

    @Test func offlineRunThatDoesNotExistFailsWithExitOne() throws {
        let r = try flowrl("train", "--task", "modes", "--offline", "missing", "--steps", "1", "--store", store)
        #expect(r.status == 1)
        #expect(r.stderr.contains("--offline missing"))
    }
}
