// The tensor type and its reverse-mode autodiff: every op records its inputs and a backward closure on the output,
// `backward()` replays that record (the tape) in reverse topological order.

/// A contiguous row-major float32 array with a shape, and optionally a gradient and the op that produced it.
///
/// Tensors are reference types so a graph of ops can share inputs. Ops never mutate their inputs; optimisers
/// mutate parameters' `data` in place.
///
/// ```swift
/// let w = Tensor.randn([3, 2], seed: 1, requiresGrad: true)
/// let loss = Tensor([1, 2, 3], shape: [1, 3]).matmul(w).sum()
/// loss.backward()   // w.grad now holds d loss / d w
/// ```
public final class Tensor {
    /// The dimensions, outermost first.
    public let shape: [Int]
    /// The values, row-major, `count` of them.
    public var data: [Float]
    /// d(loss)/d(self) after `backward()`, for leaves that require gradients; nil before.
    public var grad: [Float]?
    /// Whether gradients flow to (and through) this tensor.
    public internal(set) var requiresGrad: Bool

    /// The op's inputs, kept alive for backward.
    var parents: [Tensor] = []
    /// Accumulates the op's input gradients given the output gradient.
    var backwardFunction: (([Float]) -> Void)?

    /// A tensor holding `data` with `shape` (their sizes must agree).
    public init(_ data: [Float], shape: [Int], requiresGrad: Bool = false) {
        precondition(data.count == shape.reduce(1, *), "Tensor: \(data.count) values do not fill shape \(shape)")
        self.shape = shape
        self.data = data
        self.requiresGrad = requiresGrad
    }

    /// Number of elements.
    public var count: Int { data.count }
    /// Number of dimensions.
    public var rank: Int { shape.count }
    /// The single value of a one-element tensor.
    public var item: Float {
        precondition(data.count == 1, "item: tensor of shape \(shape) is not a scalar")
        return data[0]
    }

    /// Whether this tensor is a leaf (a parameter or an input), as opposed to an op's output.
    public var isLeaf: Bool { backwardFunction == nil }

    /// Turns gradient tracking on for a leaf (for example a parameter created without it).
    public func requireGrad(_ flag: Bool = true) {
        precondition(isLeaf, "requireGrad: only leaves can change whether they require gradients")
        requiresGrad = flag
    }

    /// A new leaf sharing the values but cut from the graph: no gradient flows through it.
    public func detached() -> Tensor { Tensor(data, shape: shape) }

    /// Clears the gradient.
    public func zeroGrad() { grad = nil }

    // MARK: Building op outputs

    /// The output of an op: records inputs and backward only when grad mode is on and some input needs it.
    static func result(_ data: [Float], shape: [Int], inputs: [Tensor],
                       backward: @escaping ([Float]) -> Void) -> Tensor {
        let out = Tensor(data, shape: shape)
        if GradMode.isEnabled && inputs.contains(where: { $0.requiresGrad }) {
            out.requiresGrad = true
            out.parents = inputs
            out.backwardFunction = backward
        }
        return out
    }

    /// Adds `delta` into the gradient (no-op unless this tensor requires gradients).
    func accumulate(_ delta: [Float]) {
        guard requiresGrad else { return }
        precondition(delta.count == data.count, "gradient of \(delta.count) values for shape \(shape)")
        guard var sum = grad else { grad = delta; return }
        grad = nil  // keep `sum` uniquely referenced so the loop below does not copy it
        sum.withUnsafeMutableBufferPointer { g in
            delta.withUnsafeBufferPointer { d in
                for i in 0..<g.count { g[i] += d[i] }
            }
        }
        grad = sum
    }

    /// Adds into the gradient through a closure writing into a zero-initialised buffer on first use.
    func accumulate(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        guard requiresGrad else { return }
        var sum = grad ?? [Float](repeating: 0, count: data.count)
        grad = nil
        sum.withUnsafeMutableBufferPointer { body($0) }
        grad = sum
    }

    // MARK: Backward

    /// Reverse-mode autodiff from this tensor: fills `grad` of every leaf that requires gradients.
    ///
    /// - Parameter seed: d(loss)/d(self); defaults to 1 for a scalar.
    /// Intermediate gradients and the recorded graph are released afterwards (call `backward` once per graph).
    /// - Complexity: about twice the forward cost.
    public func backward(seed: [Float]? = nil) {
        precondition(requiresGrad, "backward: the tensor does not depend on anything that requires gradients")
        let start = seed ?? {
            precondition(count == 1, "backward: give a seed for a non-scalar tensor of shape \(shape)")
            return [1]
        }()
        // Topological order by iterative depth-first search.
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded { order.append(node); continue }
            if !visited.insert(ObjectIdentifier(node)).inserted { continue }
            stack.append((node, true))
            for parent in node.parents where parent.requiresGrad && !visited.contains(ObjectIdentifier(parent)) {
                stack.append((parent, false))
            }
        }
        accumulate(start)
        for node in order.reversed() {
            guard let function = node.backwardFunction else { continue }
            if let g = node.grad { function(g) }
            node.grad = nil
            node.backwardFunction = nil
            node.parents = []
        }
    }
}

/// Whether ops record the graph; turn it off for inference with `Tensor.withoutGrad`.
enum GradMode {
    @TaskLocal static var isEnabled = true
}

extension Tensor {
    /// Runs `body` with graph recording off (inference, sampling, target computations).
    public static func withoutGrad<R>(_ body: () throws -> R) rethrows -> R {
        try GradMode.$isEnabled.withValue(false, operation: body)
    }

    /// Whether ops currently record the graph.
    public static var isGradEnabled: Bool { GradMode.isEnabled }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let head = data.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(head)\(count > 8 ? ", …" : "")])"
    }
}
