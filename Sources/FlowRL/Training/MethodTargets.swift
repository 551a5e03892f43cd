// Per-method preparation of a rollout batch (r̂, advantages, returns) and the mini-batch loss dispatch: the one
// place the shared loop branches on the method. Each loss itself lives in Objectives/.
import Tensor

/// A mini-batch loss with the diagnostics the loop logs.
struct MiniBatchLoss {
    var loss: Tensor
    var meanLogZ: Double = 0
    var meanWeight: Double = 1
}

/// What a method derives from a rollout batch before its updates.
struct MethodTargets {
    let method: TrainingMethod
    let config: TrainerConfig
    /// FlowRL: r̂ per response. GRPO: the advantage per response.
    var perResponse: [Float] = []
    /// REINFORCE++ / PPO: advantages per token (B, T); PPO: returns and old values per token.
    var perToken: [Float] = []
    var returns: [Float] = []
    var oldValues: [Float] = []

    init(method: TrainingMethod, config: TrainerConfig, rewards: [Double], groups: [Int], mask: [Float], oldValues: [Float]) {
        self.method = method
        self.config = config
        switch method {
        case .flowrl:
            perResponse = config.rewardNormalization.normalize(rewards, groups: groups).map(Float.init)
        case .grpo:
            perResponse = GRPOObjective.advantages(rewards: rewards, groups: groups)
        case .reinforcePlusPlus, .reinforcePlusPlusBaseline:
            perToken = ReinforcePlusPlus.advantages(rewards: rewards, groups: groups, mask: mask,
                                                    groupBaseline: method == .reinforcePlusPlusBaseline)
        case .ppo:
            let estimates = PPOObjective.gae(rewards: rewards, values: oldValues, mask: mask, gamma: config.gamma,
                                             lambda: config.lambda)
            perToken = estimates.advantages
            returns = estimates.returns
            self.oldValues = oldValues
        }
    }

    /// The loss of the mini-batch `rows` given the policy's forward over it.
    func loss(forward: PolicyForward, batch: PackedBatch, rows: [Int], mask: Tensor, old: Tensor, ref: Tensor,
              trainer: Trainer, rollouts: [Rollout], dropoutSeed: UInt64) -> MiniBatchLoss {
        let shape = [rows.count, batch.length]
        switch method {
        case .flowrl:
            let logZ = trainer.logZHead(hidden: forward.hidden, promptMask: batch.promptMask, dropoutSeed: dropoutSeed)
            var weights = FlowRLObjective.importanceWeights(logProbs: forward.logProbs.data, oldLogProbs: old.data,
                                                            mask: batch.responseMask, batch: rows.count,
                                                            mode: config.importanceWeight, epsilon: config.importanceEpsilon)
            // Offline data with stored behaviour log-probabilities: w = exp(Σ log π_θ − Σ log π_behaviour).
            for (k, row) in rows.enumerated() {
                guard let stored = rollouts[row].behaviourLogProbSum else { continue }
                var sum: Float = 0
                for j in (k * batch.length)..<((k + 1) * batch.length) where batch.responseMask[j] != 0 {
                    sum += forward.logProbs.data[j]
                }
                weights[k] = config.importanceWeight.weight(logRatioSum: sum - stored, epsilon: config.importanceEpsilon)
            }
            let out = FlowRLObjective.loss(logProbs: forward.logProbs, refLogProbs: ref, mask: mask, logZ: logZ,
                                           normalizedRewards: rows.map { perResponse[$0] }, weights: weights,
                                           beta: config.beta)
            return MiniBatchLoss(loss: out.loss, meanLogZ: Double(logZ.data.reduce(0, +)) / Double(rows.count),
                                 meanWeight: Double(weights.reduce(0, +)) / Double(rows.count))
        case .grpo:
            let out = GRPOObjective.loss(logProbs: forward.logProbs, oldLogProbs: old, refLogProbs: ref, mask: mask,
                                         advantages: rows.map { perResponse[$0] }, clip: config.clip,
                                         klCoefficient: config.klCoefficient)
            return MiniBatchLoss(loss: out.loss)
        case .reinforcePlusPlus, .reinforcePlusPlusBaseline:
            let out = TokenPolicyLoss.combine(logProbs: forward.logProbs, oldLogProbs: old, refLogProbs: ref, mask: mask,
                                              advantages: Tensor(perToken.rows(rows, length: batch.length), shape: shape),
                                              clip: config.clip, klCoefficient: config.klCoefficient, estimator: .k3)
            return MiniBatchLoss(loss: out.loss)
        case .ppo:
            let actor = TokenPolicyLoss.combine(logProbs: forward.logProbs, oldLogProbs: old, refLogProbs: ref, mask: mask,
                                                advantages: Tensor(perToken.rows(rows, length: batch.length), shape: shape),
                                                clip: config.clip, klCoefficient: 0, estimator: .k3)
            let values = trainer.policy.values(forward.hidden)
            let critic = PPOObjective.valueLoss(values: values,
                                                oldValues: Tensor(oldValues.rows(rows, length: batch.length), shape: shape),
                                                returns: Tensor(returns.rows(rows, length: batch.length), shape: shape),
                                                mask: mask, clip: config.valueClip)
            return MiniBatchLoss(loss: actor.loss + critic.scaled(by: config.valueCoefficient))
        }
    }
}
