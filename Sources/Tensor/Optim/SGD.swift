// Stochastic gradient descent with optional momentum and L2 weight decay.

/// SGD: v ← μ·v + (g + λ·p); p ← p − lr·v (plain SGD when μ = 0).
public final class SGD: Optimizer {
    public let groups: [ParameterGroup]
    public var schedule: LearningRateSchedule
    public var maxGradientNorm: Float?
    public private(set) var stepCount = 0
    /// Momentum coefficient μ.
    public let momentum: Float
    private var velocities: [[Float]]

    /// An SGD optimiser over `groups`.
    public init(groups: [ParameterGroup], schedule: LearningRateSchedule, momentum: Float = 0, maxGradientNorm: Float? = nil) {
        self.groups = groups
        self.schedule = schedule
        self.momentum = momentum
        self.maxGradientNorm = maxGradientNorm
        velocities = Array(repeating: [], count: groups.reduce(0) { $0 + $1.parameters.count })
    }

    public func update(_ parameter: Tensor, index: Int, group: ParameterGroup, rate: Float) {
        guard let g = parameter.grad else { return }
        var v = velocities[index]
        velocities[index] = []
        if v.isEmpty { v = [Float](repeating: 0, count: g.count) }
        let mu = momentum, decay = group.weightDecay
        parameter.data.withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count {
                v[i] = mu * v[i] + g[i] + decay * p[i]
                p[i] -= rate * v[i]
            }
        }
        velocities[index] = v
    }

    public func didStep() { stepCount += 1 }
}
