// Demo step: a short FlowRL-vs-GRPO run on the `modes` toy (a few seconds), recorded in the demo store as the
// training runs demo-modes-flowrl and demo-modes-grpo (rollouts, grades and per-step metrics), then the exact
// comparison with the target distribution p*: FlowRL matches it, GRPO collapses onto the best mode.
import FlowRL
import FlowRLCore
import Foundation
import Store

extension DemoCommand {
    /// Trains both methods on `modes` with seed 1 and prints KL(π‖p*) and each mode's mass.
    func trainModesFlowRLVersusGRPO(store: Store) throws {
        Console.error("== train: FlowRL vs GRPO on the modes toy (4 modes, target p* ∝ π_ref·exp(L·β·r), β = 15)")
        let task = ModesTask()
        var rows: [(String, JSONObject)] = []
        for method in [TrainingMethod.flowrl, .grpo] {
            let defaults = TrainingDefaults.of(task, method: method, seed: 1)
            let name = "demo-modes-\(method.rawValue)"
            let spec = TrainingJobSpec(task: task, config: defaults.config, name: name,
                                       checkpointDirectory: out + "/checkpoints/" + name, checkpointEvery: 1000,
                                       warmStartSteps: defaults.warmStartSteps, warmStartBatch: defaults.warmStartBatch,
                                       warmStartLearningRate: defaults.warmStartLearningRate, fresh: true,
                                       command: "flowrl demo", quiet: quiet)
            rows.append((method.rawValue, try TrainingJob.run(spec, store: store)))
        }
        Console.out("\nmethod   KL(π‖p*)  modes covered  mass on abcd / badc / cdab / dcba")
        for (method, result) in rows {
            let kl = result["kl_to_target"]?.jsonText ?? "-"
            let covered = "\(result["modes_covered"]?.jsonText ?? "?")/\(result["modes_total"]?.jsonText ?? "?")"
            let mass = result["mode_mass"]?.arrayValue?.compactMap { v -> String? in
                guard case .number(let text) = v, let x = Double(text) else { return nil }
                return String(format: "%.3f", x)
            }.joined(separator: " / ") ?? "-"
            Console.out(method.padding(toLength: 9, withPad: " ", startingAt: 0)
                        + String(kl.prefix(8)).padding(toLength: 10, withPad: " ", startingAt: 0)
                        + covered.padding(toLength: 15, withPad: " ", startingAt: 0) + mass)
        }
        if let target = rows.first?.1["target_mass"]?.arrayValue {
            let text = target.compactMap { v -> String? in
                guard case .number(let t) = v, let x = Double(t) else { return nil }
                return String(format: "%.3f", x)
            }.joined(separator: " / ")
            Console.out("target p*                              " + text)
        }
    }
}
