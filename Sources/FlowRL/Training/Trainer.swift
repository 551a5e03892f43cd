// The shared rollout/update loop of every method: sample n responses per prompt with the current policy, grade
// them with the task's grader, recompute π_old and π_ref log-probabilities of the batch, let the method turn
// rewards into its targets (r̂, advantages, returns), then run epochs × mini-batches of AdamW updates on the
// method's loss. π_ref is a frozen copy of the starting policy; the log Z head shares the optimiser.
import Tensor

/// Trains one policy on one task with one method.
public final class Trainer {
    public let task: any TrainingTask
    public let config: TrainerConfig
    /// π_θ (its value head serves PPO's critic).
    public let policy: Transformer
    /// π_ref, frozen.
    public let reference: Transformer
    /// log Z_φ (used by FlowRL only, but always present so checkpoints have one shape).
    public let logZHead: LogZHead
    /// AdamW over the policy and the log Z head.
    public let optimizer: AdamW
    /// Rollout batches done so far.
    public internal(set) var step = 0

    /// A trainer starting from `policy`; π_ref becomes a copy of it unless `reference` is given (a resumed run).
    public init(task: any TrainingTask, config: TrainerConfig, policy: Transformer, reference: Transformer? = nil,
                logZHead: LogZHead? = nil) {
        self.task = task
        self.config = config
        self.policy = policy
        self.reference = reference ?? Trainer.frozenCopy(of: policy)
        self.logZHead = logZHead ?? LogZHead(width: policy.config.width, dropout: config.logZDropout,
                                             detachesInput: config.detachLogZInput, seed: config.seed &+ 7)
        let isValueHead: (String) -> Bool = { $0.hasPrefix("value_head.") }
        let body = policy.namedParameters.filter { !isValueHead($0.name) }.map(\.tensor)
        let critic = policy.namedParameters.filter { isValueHead($0.name) }.map(\.tensor)
        let head = self.logZHead.parameters
        let groups = [
            ParameterGroup(body.filter { $0.rank >= 2 } + head.filter { $0.rank >= 2 }, weightDecay: config.weightDecay),
            ParameterGroup(body.filter { $0.rank < 2 } + head.filter { $0.rank < 2 }, weightDecay: 0),
            ParameterGroup(critic, weightDecay: 0, learningRateScale: config.criticLearningRateScale),
        ]
        optimizer = AdamW(groups: groups, schedule: .warmupConstant(peak: config.learningRate, warmupSteps: config.warmupSteps),
                          maxGradientNorm: config.maxGradientNorm)
    }

    /// A copy of `model` with its own parameter storage and no gradients.
    public static func frozenCopy(of model: Transformer) -> Transformer {
        let copy = Transformer(config: model.config, seed: 0)
        for ((_, source), (_, target)) in zip(model.namedParameters, copy.namedParameters) {
            target.data = source.data
            target.requireGrad(false)
        }
        return copy
    }

    /// A seed for stream `stream` of step `step`, derived from the run's seed.
    public func derivedSeed(step: Int, stream: UInt64) -> UInt64 {
        var generator = SeededGenerator(seed: config.seed ^ (UInt64(step) &* 0x9E37_79B9_7F4A_7C15)
                                        ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return generator.next()
    }

    /// One rollout/update step on freshly sampled responses; returns them with the step's metrics.
    public func trainStep() -> (rollouts: [Rollout], metrics: StepMetrics) {
        var metrics = StepMetrics(step: step)
        let rollouts = sampleRollouts(metrics: &metrics)
        update(on: rollouts, metrics: &metrics)
        return (rollouts, metrics)
    }

    /// Samples `samplesPerPrompt` responses for each of the step's prompts and grades them.
    public func sampleRollouts(metrics: inout StepMetrics) -> [Rollout] {
        let prompts = task.trainingPrompts(step: step, count: config.promptsPerStep, seed: config.seed)
        let n = config.samplesPerPrompt
        let options = SamplingOptions(temperature: config.temperature, stopTokens: task.stopTokens,
                                      maxNewTokens: config.maxNewTokens ?? task.maxNewTokens,
                                      seed: derivedSeed(step: step, stream: 1))
        let clock = ContinuousClock()
        let started = clock.now
        let samples = policy.sample(prompts: prompts.flatMap { p in Array(repeating: p.tokens, count: n) }, options: options)
        let sampled = clock.now
        var rollouts: [Rollout] = []
        for (i, sample) in samples.enumerated() {
            let prompt = prompts[i / n]
            let text = task.decode(sample.tokens)
            rollouts.append(Rollout(prompt: prompt, group: i / n, responseTokens: sample.tokens,
                                    samplingLogProbs: sample.logProbs, text: text,
                                    grade: task.grade(response: text, prompt: prompt)))
        }
        metrics.samplingSeconds = Trainer.seconds(sampled - started)
        metrics.gradingSeconds = Trainer.seconds(clock.now - sampled)
        let tokens = samples.reduce(0) { $0 + $1.tokens.count }
        metrics.tokensPerSecond = Double(tokens) / Swift.max(metrics.samplingSeconds, 1e-9)
        return rollouts
    }

    /// The method's updates on `rollouts` (sampled now, or stored: offline training), then `step += 1`.
    public func update(on rollouts: [Rollout], metrics: inout StepMetrics) {
        defer { step += 1 }
        let clock = ContinuousClock()
        let rewards = rollouts.map(\.grade.reward)
        let groups = rollouts.map(\.group)
        let b = rollouts.count
        metrics.rewardMean = rewards.reduce(0, +) / Double(Swift.max(b, 1))
        metrics.rewardStd = (rewards.reduce(0) { $0 + ($1 - metrics.rewardMean) * ($1 - metrics.rewardMean) }
                             / Double(Swift.max(b, 1))).squareRoot()
        metrics.accuracy = Double(rollouts.filter { $0.grade.correct == true }.count) / Double(Swift.max(b, 1))
        metrics.responseLength = Double(rollouts.reduce(0) { $0 + $1.responseTokens.count }) / Double(Swift.max(b, 1))
        guard b > 0 else { return }

        // π_old, π_ref (and V_old for PPO) of the whole rollout batch, without gradients.
        let started = clock.now
        let packed = PackedBatch(rollouts, pad: task.padToken)
        let t = packed.length
        let (oldLogProbs, entropy, oldValues) = Tensor.withoutGrad {
            let f = policy.evaluate(packed)
            return (f.logProbs.data, f.entropy, config.method == .ppo ? policy.values(f.hidden).data : [])
        }
        let refLogProbs = Tensor.withoutGrad { reference.evaluate(packed).logProbs.data }
        metrics.entropy = Double(entropy)
        let targets = MethodTargets(method: config.method, config: config, rewards: rewards, groups: groups,
                                    mask: packed.responseMask, oldValues: oldValues)
        var forwardBackward = Trainer.seconds(clock.now - started)
        var optimizerTime = 0.0

        var generator = SeededGenerator(seed: derivedSeed(step: step, stream: 2))
        let chunks = Swift.max(1, Swift.min(config.miniBatches, b))
        var lossSum = 0.0, normSum = 0.0, logZSum = 0.0, weightSum = 0.0, ppoKL = 0.0, refKL = 0.0, updates = 0
        for _ in 0..<Swift.max(config.epochs, 1) {
            var order = Array(0..<b)
            if chunks > 1 { order.shuffle(using: &generator) }
            for c in 0..<chunks {
                let rows = Array(order[(c * b / chunks)..<((c + 1) * b / chunks)])
                let tick = clock.now
                let mini = packed.rows(rows)
                let mask = Tensor(mini.responseMask, shape: [rows.count, t])
                let old = oldLogProbs.rows(rows, length: t), ref = refLogProbs.rows(rows, length: t)
                let forward = policy.evaluate(mini)
                let result = targets.loss(forward: forward, batch: mini, rows: rows, mask: mask,
                                          old: Tensor(old, shape: [rows.count, t]), ref: Tensor(ref, shape: [rows.count, t]),
                                          trainer: self, rollouts: rollouts,
                                          dropoutSeed: generator.next())
                result.loss.backward()
                let tock = clock.now
                let report = optimizer.step()
                optimizerTime += Trainer.seconds(clock.now - tock)
                forwardBackward += Trainer.seconds(tock - tick)
                if report.skipped { metrics.skippedUpdates += 1 }
                metrics.learningRate = Double(report.learningRate)
                lossSum += Double(result.loss.item)
                normSum += Double(report.gradientNorm)
                logZSum += result.meanLogZ
                weightSum += result.meanWeight
                let (k1, k2) = Trainer.meanDifferences(forward.logProbs.data, old: old, ref: ref, mask: mini.responseMask)
                ppoKL += k1
                refKL += k2
                updates += 1
            }
        }
        let u = Double(Swift.max(updates, 1))
        metrics.loss = lossSum / u
        metrics.gradientNorm = normSum / u
        metrics.logZ = logZSum / u
        metrics.meanWeight = weightSum / u
        metrics.ppoKL = ppoKL / u
        metrics.refKL = refKL / u
        metrics.forwardBackwardSeconds = forwardBackward
        metrics.optimizerSeconds = optimizerTime
    }

    /// mean(log π_old − log π_θ) and mean(log π_ref − log π_θ) over valid tokens.
    static func meanDifferences(_ current: [Float], old: [Float], ref: [Float], mask: [Float]) -> (Double, Double) {
        var a = 0.0, r = 0.0, n = 0.0
        for i in mask.indices where mask[i] != 0 {
            a += Double(old[i] - current[i])
            r += Double(ref[i] - current[i])
            n += 1
        }
        return n > 0 ? (a / n, r / n) : (0, 0)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
