// The optimiser protocol shared by AdamW and SGD: parameter groups, a schedule, clipping that skips non-finite steps.

/// Updates parameters from their gradients; `step()` clips, checks the norm, applies the update and clears gradients.
public protocol Optimizer: AnyObject {
    /// The parameter groups, in a fixed order (state is saved in this order).
    var groups: [ParameterGroup] { get }
    /// The learning rate per step.
    var schedule: LearningRateSchedule { get set }
    /// Global gradient-norm limit; nil disables clipping (the non-finite check still runs).
    var maxGradientNorm: Float? { get set }
    /// Updates applied so far (skipped steps do not count).
    var stepCount: Int { get }
    /// Applies the update to parameter `index` (flattened over groups) with learning rate `rate`.
    func update(_ parameter: Tensor, index: Int, group: ParameterGroup, rate: Float)
    /// Records one applied step.
    func didStep()
}

extension Optimizer {
    /// Every parameter of every group, in order.
    public var parameters: [Tensor] { groups.flatMap(\.parameters) }

    /// Clears all gradients.
    public func zeroGrad() { for p in parameters { p.zeroGrad() } }

    /// One step: global-norm clip (if set); skip and clear gradients if the norm is NaN/infinite; else update.
    @discardableResult
    public func step() -> StepReport {
        let all = parameters
        let rate = schedule.rate(at: stepCount)
        let norm = maxGradientNorm.map { GradientClipping.clip(all, maxNorm: $0) } ?? GradientClipping.globalNorm(all)
        guard norm.isFinite else {
            zeroGrad()
            return StepReport(gradientNorm: norm, skipped: true, learningRate: rate)
        }
        var index = 0
        for group in groups {
            for p in group.parameters {
                if p.grad != nil { update(p, index: index, group: group, rate: rate * group.learningRateScale) }
                index += 1
            }
        }
        didStep()
        zeroGrad()
        return StepReport(gradientNorm: norm, skipped: false, learningRate: rate)
    }
}
