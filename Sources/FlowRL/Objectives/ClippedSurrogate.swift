// The PPO clipped surrogate with verl's dual clip, token by token, shared by GRPO, PPO and REINFORCE++
// (FLOWRL.md, "Baselines"):
//
//     ratio = exp(log π_θ − log π_old)
//     A ≥ 0: max(−A·ratio, −A·clip(ratio, 1 − ε_low, 1 + ε_high))
//     A < 0: min(that, −A·c)            (the dual clip, c = 3)
import Tensor
#if canImport(Glibc)
import Glibc
#endif

/// Clipping settings of the surrogate.
public struct SurrogateClip: Sendable, Codable, Equatable {
    /// ε below 1.
    public var low: Float = 0.2
    /// ε above 1.
    public var high: Float = 0.2
    /// The dual-clip constant c (> 1) bounding the loss of negative advantages.
    public var dual: Float = 3

    /// The settings above, overridden by the arguments given.
    public init(low: Float = 0.2, high: Float = 0.2, dual: Float = 3) {
        self.low = low
        self.high = high
        self.dual = dual
    }
}

/// The per-token clipped policy-gradient loss.
public enum ClippedSurrogate {
    /// The loss per token, (B, T), differentiable in `logProbs`.
    ///
    /// - Parameters:
    ///   - logProbs: log π_θ (B, T).
    ///   - oldLogProbs: log π_old (B, T), no gradient.
    ///   - advantages: A per token (B, T), no gradient.
    public static func perToken(logProbs: Tensor, oldLogProbs: Tensor, advantages: Tensor,
                                clip: SurrogateClip) -> Tensor {
        let a = advantages.detached()
        let ratio = (logProbs - oldLogProbs.detached()).exp()
        let unclipped = a.negated() * ratio
        let clipped = a.negated() * ratio.clamped(min: 1 - clip.low, max: 1 + clip.high)
        let pessimistic = unclipped.maximum(clipped)
        // Dual clip only where A < 0: −A·c is a constant ceiling there.
        let ceiling = a.scaled(by: -clip.dual)
        let negative = Tensor(a.data.map { $0 < 0 ? 1 : 0 }, shape: a.shape)
        let positive = Tensor(a.data.map { $0 < 0 ? 0 : 1 }, shape: a.shape)
        return pessimistic.minimum(ceiling) * negative + pessimistic * positive
    }

    /// The fraction of valid tokens whose ratio was clipped (a diagnostic).
    public static func clipFraction(logProbs: [Float], oldLogProbs: [Float], mask: [Float], clip: SurrogateClip) -> Float {
        var clipped: Float = 0, total: Float = 0
        for i in logProbs.indices where mask[i] != 0 {
            let r = expf(logProbs[i] - oldLogProbs[i])
            if r < 1 - clip.low || r > 1 + clip.high { clipped += 1 }
            total += 1
        }
        return total > 0 ? clipped / total : 0
    }
}
