// FlowRL's learnable log-partition function (FLOWRL.md, "The learnable partition function"): a 3-layer MLP on the
// policy's last-layer hidden states mean-pooled over the prompt tokens,
//     [Linear(H, H) → GELU → LayerNorm(H) → Dropout(0.1)] × 2 → Linear(H, 1),
// whose output is log Z directly. It is trained by the policy's optimiser and is never part of the sampling model.
// The pooling covers every prompt token (the reference code's slice drops the last one: an off-by-one we do not copy).
import Tensor

/// The log Z_φ(x) head.
public final class LogZHead {
    /// Hidden width H (the policy's width).
    public let width: Int
    /// Dropout probability after each hidden block (0.1 in the paper); applied only when a dropout seed is given.
    public let dropout: Float
    /// Cut the gradient into the backbone: the head then trains on fixed features.
    public var detachesInput: Bool
    /// Parameters with their checkpoint names, in a fixed order.
    public let namedParameters: [(name: String, tensor: Tensor)]

    /// A fresh head: normal(0, 0.02) hidden weights, a zero output layer (log Z starts at 0), unit norm scales.
    public init(width: Int, dropout: Float = 0.1, detachesInput: Bool = false, seed: UInt64) {
        self.width = width
        self.dropout = dropout
        self.detachesInput = detachesInput
        var generator = SeededGenerator(seed: seed)
        var list: [(String, Tensor)] = []
        for l in 1...2 {
            list.append(("logz.fc\(l).weight", Tensor.randn([width, width], std: 0.02, using: &generator, requiresGrad: true)))
            list.append(("logz.fc\(l).bias", Tensor.zeros([width], requiresGrad: true)))
            list.append(("logz.ln\(l).weight", Tensor.full([width], 1, requiresGrad: true)))
            list.append(("logz.ln\(l).bias", Tensor.zeros([width], requiresGrad: true)))
        }
        list.append(("logz.out.weight", Tensor.zeros([1, width], requiresGrad: true)))
        list.append(("logz.out.bias", Tensor.zeros([1], requiresGrad: true)))
        namedParameters = list.map { (name: $0.0, tensor: $0.1) }
    }

    /// All parameter tensors in order.
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }

    private func p(_ index: Int) -> Tensor { namedParameters[index].tensor }

    /// log Z per sequence from hidden states (B, T, H) and a prompt mask (B, T) with 1 at prompt positions.
    ///
    /// - Parameter dropoutSeed: training: the seed of this pass's dropout masks (nil: no dropout).
    public func callAsFunction(hidden: Tensor, promptMask: [Float], dropoutSeed: UInt64? = nil) -> Tensor {
        let b = hidden.shape[0], t = hidden.shape[1], h = hidden.shape[2]
        precondition(h == width && promptMask.count == b * t, "LogZHead: hidden \(hidden.shape), mask of \(promptMask.count)")
        let input = detachesInput ? hidden.detached() : hidden
        // (B, T, H) · (B, T, 1) -> sum over T -> (B, H) / prompt length (B, 1): the mean over prompt tokens.
        let counts = (0..<b).map { row in Swift.max(promptMask[(row * t)..<(row * t + t)].reduce(0, +), 1) }
        let pooled = input.mul(Tensor(promptMask, shape: [b, t, 1])).sum(axis: 1)
            .div(Tensor(counts, shape: [b, 1]))
        var generator = SeededGenerator(seed: dropoutSeed ?? 0)
        let rate = dropoutSeed == nil ? 0 : dropout
        var x = pooled
        for block in 0..<2 {
            let base = block * 4
            // (B, H) -> Linear -> GELU -> LayerNorm -> Dropout -> (B, H)
            x = x.linear(weight: p(base), bias: p(base + 1)).gelu()
                .layerNorm(weight: p(base + 2), bias: p(base + 3))
                .dropout(rate, using: &generator)
        }
        // (B, H) -> (B, 1) -> (B)
        return x.linear(weight: p(8), bias: p(9)).reshaped([b])
    }
}
