// Parameters grouped by their optimiser settings (for example: no weight decay on norms and biases).

/// Parameters that share a learning-rate multiplier and a weight decay.
public struct ParameterGroup {
    /// The tensors the optimiser updates.
    public var parameters: [Tensor]
    /// Decoupled weight decay coefficient (AdamW) or L2 coefficient (SGD).
    public var weightDecay: Float
    /// Multiplies the scheduled learning rate for this group.
    public var learningRateScale: Float

    /// A group of `parameters` with the given settings.
    public init(_ parameters: [Tensor], weightDecay: Float = 0, learningRateScale: Float = 1) {
        self.parameters = parameters
        self.weightDecay = weightDecay
        self.learningRateScale = learningRateScale
    }
}

/// What one optimiser step did.
public struct StepReport: Sendable, Equatable {
    /// Global L2 norm of all gradients before clipping.
    public var gradientNorm: Float
    /// True when the step was skipped because the norm was not finite (NaN or infinity).
    public var skipped: Bool
    /// Learning rate used (before group scales).
    public var learningRate: Float
}

/// Global gradient-norm utilities.
public enum GradientClipping {
    /// √(Σ g²) over every gradient of `parameters` (missing gradients count as zero), accumulated in Double.
    public static func globalNorm(_ parameters: [Tensor]) -> Float {
        var total: Double = 0
        for p in parameters {
            guard let g = p.grad else { continue }
            for v in g { total += Double(v) * Double(v) }
        }
        return Float(total.squareRoot())
    }

    /// Scales all gradients so their global norm is at most `maxNorm`; returns the norm before clipping.
    /// When the norm is not finite nothing is scaled (the caller should skip the step).
    @discardableResult
    public static func clip(_ parameters: [Tensor], maxNorm: Float) -> Float {
        let norm = globalNorm(parameters)
        guard norm.isFinite, norm > maxNorm, maxNorm > 0 else { return norm }
        let factor = maxNorm / (norm + 1e-6)
        for p in parameters where p.grad != nil {
            p.grad = p.grad.map { $0.map { $0 * factor } }
        }
        return norm
    }
}
