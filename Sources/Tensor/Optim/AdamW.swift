// AdamW (Loshchilov & Hutter): Adam moments with bias correction and weight decay decoupled from the gradient.

/// AdamW: p ← p − lr·(m̂ / (√v̂ + ε) + λ·p), with m, v the running moments of the gradient.
public final class AdamW: Optimizer {
    public let groups: [ParameterGroup]
    public var schedule: LearningRateSchedule
    public var maxGradientNorm: Float?
    public private(set) var stepCount = 0
    /// Exponential decay of the first and second moments.
    public let beta1: Float, beta2: Float
    /// Added to √v̂.
    public let epsilon: Float
    /// First moments, one array per parameter (flattened over groups); empty until the parameter's first update.
    public internal(set) var firstMoments: [[Float]]
    /// Second moments, like `firstMoments`.
    public internal(set) var secondMoments: [[Float]]

    /// An AdamW optimiser over `groups`.
    public init(groups: [ParameterGroup], schedule: LearningRateSchedule, beta1: Float = 0.9, beta2: Float = 0.95,
                epsilon: Float = 1e-8, maxGradientNorm: Float? = 1.0) {
        self.groups = groups
        self.schedule = schedule
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.maxGradientNorm = maxGradientNorm
        let n = groups.reduce(0) { $0 + $1.parameters.count }
        firstMoments = Array(repeating: [], count: n)
        secondMoments = Array(repeating: [], count: n)
    }

    public func update(_ parameter: Tensor, index: Int, group: ParameterGroup, rate: Float) {
        guard let g = parameter.grad else { return }
        var m = firstMoments[index], v = secondMoments[index]
        firstMoments[index] = []; secondMoments[index] = []
        if m.isEmpty { m = [Float](repeating: 0, count: g.count); v = m }
        let t = Float(stepCount + 1)
        let correction1 = 1 - powf32(beta1, t), correction2 = 1 - powf32(beta2, t)
        let b1 = beta1, b2 = beta2, eps = epsilon, decay = group.weightDecay
        parameter.data.withUnsafeMutableBufferPointer { p in
            m.withUnsafeMutableBufferPointer { m in
                v.withUnsafeMutableBufferPointer { v in
                    for i in 0..<p.count {
                        m[i] = b1 * m[i] + (1 - b1) * g[i]
                        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                        let mHat = m[i] / correction1, vHat = v[i] / correction2
                        p[i] -= rate * (mHat / (vHat.squareRoot() + eps) + decay * p[i])
                    }
                }
            }
        }
        firstMoments[index] = m
        secondMoments[index] = v
    }

    public func didStep() { stepCount += 1 }

    /// Restores moments and the step count (from a checkpoint); arrays must match the parameters' sizes or be empty.
    public func restore(stepCount: Int, firstMoments: [[Float]], secondMoments: [[Float]]) throws {
        let sizes = parameters.map(\.count)
        guard firstMoments.count == sizes.count, secondMoments.count == sizes.count,
              zip(sizes, zip(firstMoments, secondMoments)).allSatisfy({ ($1.0.isEmpty || $1.0.count == $0) && $1.0.count == $1.1.count })
        else { throw CheckpointError.mismatch("AdamW state does not match the \(sizes.count) parameters being optimised") }
        self.stepCount = stepCount
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }
}

/// b^t for the bias corrections (t up to millions; Float exponent is exact enough).
@inline(__always) func powf32(_ b: Float, _ t: Float) -> Float {
    Float(pow(Double(b), Double(t)))
}

#if canImport(Glibc)
import Glibc
#endif
