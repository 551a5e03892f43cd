// One forward pass of a policy over a packed batch: per-position log-probabilities of the targets, the hidden
// states (for the log Z head), the value head's estimates (PPO) and the mean token entropy (a diagnostic).
#if canImport(Glibc)
import Glibc
#endif
import Tensor

/// The outputs of `Transformer.evaluate(_:)`.
public struct PolicyForward {
    /// log π(target | prefix), (B, T − 1); differentiable unless computed without grad.
    public let logProbs: Tensor
    /// Last-layer hidden states of the inputs, (B, T − 1, C).
    public let hidden: Tensor
    /// Mean entropy (nats) of the next-token distribution over response positions.
    public let entropy: Float
}

extension Transformer {
    /// Evaluates `batch` in one forward (dropout with `dropoutSeed` when given and configured).
    public func evaluate(_ batch: PackedBatch, dropoutSeed: UInt64? = nil) -> PolicyForward {
        let out = forward(tokens: batch.inputs, batch: batch.batch, dropoutSeed: dropoutSeed)
        guard let logits = out.logits else { preconditionFailure("evaluate: forward returned no logits") }
        let logProbs = logits.selectedLogProbs(batch.targets).reshaped([batch.batch, batch.length])
        return PolicyForward(logProbs: logProbs, hidden: out.hidden,
                             entropy: Self.meanEntropy(logits.data, vocabulary: config.vocabularySize, mask: batch.responseMask))
    }

    /// Mean over masked rows of −Σ p log p of each row of logits.
    static func meanEntropy(_ logits: [Float], vocabulary v: Int, mask: [Float]) -> Float {
        var total: Double = 0, count: Double = 0
        logits.withUnsafeBufferPointer { x in
            for r in mask.indices where mask[r] != 0 {
                let row = x.baseAddress.unsafelyUnwrapped + r * v
                var m = -Float.infinity
                for j in 0..<v { m = Swift.max(m, row[j]) }
                var s: Double = 0, weighted: Double = 0
                for j in 0..<v {
                    let e = Double(expf(row[j] - m))
                    s += e
                    weighted += e * Double(row[j] - m)
                }
                // H = log s − E[x − m]
                total += Glibc.log(s) - weighted / s
                count += 1
            }
        }
        return count > 0 ? Float(total / count) : 0
    }
}
