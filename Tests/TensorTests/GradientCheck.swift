// Finite-difference gradient checking: compares backward() against central differences of a random projection of
// the op's output (loss = Σ out·R), computed with careful steps and the projection accumulated in Double.
import Testing
import Tensor

/// Checks d(Σ f(inputs)·R)/d(input) for every input that requires gradients, on up to `samples` elements each.
func checkGradients(_ inputs: [Tensor], step: Float = 1e-2, tolerance: Float = 1e-2, samples: Int = 48,
                    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor) {
    let probe = Tensor.withoutGrad { f(inputs) }
    let projection = Tensor.randn(probe.shape, seed: 99)
    func loss() -> Double {
        let out = Tensor.withoutGrad { f(inputs) }
        var total: Double = 0
        for i in 0..<out.count { total += Double(out.data[i]) * Double(projection.data[i]) }
        return total
    }
    for x in inputs { x.zeroGrad() }
    f(inputs).mul(projection).sum().backward()
    for (n, x) in inputs.enumerated() where x.requiresGrad {
        let analytic = x.grad ?? [Float](repeating: 0, count: x.count)
        let stride = max(1, x.count / samples)
        for i in Swift.stride(from: 0, to: x.count, by: stride) {
            let original = x.data[i]
            x.data[i] = original + step
            let plus = loss()
            x.data[i] = original - step
            let minus = loss()
            x.data[i] = original
            let numeric = Float((plus - minus) / Double(2 * step))
            let error = abs(numeric - analytic[i])
            #expect(error <= tolerance * max(1, abs(numeric), abs(analytic[i])),
                    "input \(n) element \(i): analytic \(analytic[i]) vs numeric \(numeric)", sourceLocation: sourceLocation)
        }
    }
}

/// A seeded random tensor requiring gradients.
func parameter(_ shape: [Int], seed: UInt64, std: Float = 1) -> Tensor {
    Tensor.randn(shape, std: std, seed: seed, requiresGrad: true)
}
