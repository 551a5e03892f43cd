// The paper's central claim on the enumerable `modes` task, at test size with fixed seeds: FlowRL matches the
// target p* ∝ π_ref·exp(L·β·r) (small exact KL, every mode covered) while GRPO, a reward maximiser, collapses
// onto the best mode (KL ≈ −log p*(best mode), one mode covered). ~2 s per method in release on one core.
import Testing
import Tensor
@testable import FlowRL

/// A warm-started policy trained on `modes` with `method`; returns the exact comparison with p*.
func trainOnModes(_ method: TrainingMethod, seed: UInt64 = 1, steps: Int = 300) -> ModesReport {
    let task = ModesTask()
    let model = Transformer(config: task.modelConfig, seed: seed)
    WarmStart.train(model, task: task, steps: 200, batchSize: 64, learningRate: 3e-3, seed: seed)
    let trainer = Trainer(task: task, config: ModesTask.trainerConfig(method: method, seed: seed, steps: steps), policy: model)
    for _ in 0..<steps { _ = trainer.trainStep() }
    return task.report(policy: model, reference: trainer.reference, beta: Double(trainer.config.beta))
}

@Suite struct ModesResultTests {
    @Test func flowRLMatchesTheTargetWhileGRPOCollapses() {
        let flow = trainOnModes(.flowrl)
        let grpo = trainOnModes(.grpo)
        print("modes seed 1: FlowRL KL \(flow.klToTarget) covered \(flow.modesCovered)/\(flow.modesTotal) mass \(flow.policyMass); "
              + "GRPO KL \(grpo.klToTarget) covered \(grpo.modesCovered)/\(grpo.modesTotal) mass \(grpo.policyMass); "
              + "target \(flow.targetMass)")
        #expect(flow.klToTarget < 0.15)
        #expect(flow.modesCovered == flow.modesTotal)
        #expect(grpo.klToTarget > 0.5)
        #expect(grpo.klToTarget > 5 * flow.klToTarget)
        #expect(grpo.modesCovered < flow.modesCovered)
    }

    @Test func targetHasSeveralModesOfComparableMass() {
        let task = ModesTask()
        let model = Transformer(config: task.modelConfig, seed: 1)
        WarmStart.train(model, task: task, steps: 200, batchSize: 64, learningRate: 3e-3, seed: 1)
        let report = task.report(policy: model, reference: model, beta: 15)
        // every mode holds at least 5 % of p*, the largest at most 60 %, and together they hold most of it
        #expect(report.targetMass.allSatisfy { $0 > 0.05 && $0 < 0.6 })
        #expect(report.targetMass.reduce(0, +) > 0.8)
    }

    @Test func rewardIsTheDocumentedFunction() {
        let task = ModesTask()
        #expect(task.reward([0, 1, 2, 3]) == 0)
        #expect(task.reward([3, 2, 1, 0]) == -0.015)
        #expect(abs(task.reward([0, 1, 2, 0]) - -0.1) < 1e-12)       // one mismatch from abcd
        #expect(abs(task.reward([4, 4, 4, 4]) - -0.4) < 1e-12)       // BOS everywhere: four mismatches from abcd
        #expect(task.grade(response: "badc", prompt: task.evaluationPrompts()[0]).verdict == "mode1")
    }
}
