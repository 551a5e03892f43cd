// Numerically stable softmax, log-softmax, cross-entropy and per-token log-probabilities over the last axis.
// Each subtracts the row maximum before exponentiating; the fused losses never materialise a gradient of the
// full log-softmax, only (softmax − one-hot).
#if canImport(Glibc)
import Glibc
#endif

/// Row-wise kernels shared by the ops below and by inference code.
enum RowKernels {
    /// Writes log-softmax of `x[0..<n]` into `y` and returns nothing; stable for large inputs.
    @inline(__always)
    static func logSoftmax(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        var m = -Float.infinity
        for j in 0..<n { m = Swift.max(m, x[j]) }
        var s: Float = 0
        for j in 0..<n { s += expf(x[j] - m) }
        let logZ = m + logf(s)
        for j in 0..<n { y[j] = x[j] - logZ }
    }

    /// log Σ exp over `x[0..<n]`.
    @inline(__always)
    static func logSumExp(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var m = -Float.infinity
        for j in 0..<n { m = Swift.max(m, x[j]) }
        if m == -.infinity { return m }
        var s: Float = 0
        for j in 0..<n { s += expf(x[j] - m) }
        return m + logf(s)
    }
}

extension Tensor {
    private var rowLength: Int { shape.last ?? 1 }

    /// Softmax over the last axis.
    public func softmax() -> Tensor {
        let n = rowLength, rows = count / Swift.max(n, 1)
        var y = [Float](repeating: 0, count: count)
        data.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                for r in 0..<rows {
                    let base = r * n
                    let lse = RowKernels.logSumExp(px.baseAddress.unsafelyUnwrapped + base, n)
                    for j in 0..<n { py[base + j] = expf(px[base + j] - lse) }
                }
            }
        }
        let out = y
        return Tensor.result(y, shape: shape, inputs: [self]) { [self] g in
            // dx = y ⊙ (g − Σ g·y)
            self.accumulate { gx in
                for r in 0..<rows {
                    let base = r * n
                    var dot: Float = 0
                    for j in 0..<n { dot += g[base + j] * out[base + j] }
                    for j in 0..<n { gx[base + j] += out[base + j] * (g[base + j] - dot) }
                }
            }
        }
    }

    /// Log-softmax over the last axis.
    public func logSoftmax() -> Tensor {
        let n = rowLength, rows = count / Swift.max(n, 1)
        var y = [Float](repeating: 0, count: count)
        data.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                for r in 0..<rows {
                    RowKernels.logSoftmax(px.baseAddress.unsafelyUnwrapped + r * n, py.baseAddress.unsafelyUnwrapped + r * n, n)
                }
            }
        }
        let out = y
        return Tensor.result(y, shape: shape, inputs: [self]) { [self] g in
            // dx = g − softmax · Σ g
            self.accumulate { gx in
                for r in 0..<rows {
                    let base = r * n
                    var total: Float = 0
                    for j in 0..<n { total += g[base + j] }
                    for j in 0..<n { gx[base + j] += g[base + j] - expf(out[base + j]) * total }
                }
            }
        }
    }

    /// log softmax(self)[target] per row: logits (..., V) and one target per row → (...).
    ///
    /// The per-token log-probability of RL losses; fused so backward is g·(one-hot − softmax).
    public func selectedLogProbs(_ targets: [Int]) -> Tensor {
        let n = rowLength, rows = count / Swift.max(n, 1)
        precondition(targets.count == rows, "selectedLogProbs: \(targets.count) targets for \(rows) rows of \(shape)")
        var out = [Float](repeating: 0, count: rows)
        var lse = [Float](repeating: 0, count: rows)
        data.withUnsafeBufferPointer { px in
            for r in 0..<rows {
                precondition(targets[r] >= 0 && targets[r] < n, "selectedLogProbs: target \(targets[r]) outside 0..<\(n)")
                lse[r] = RowKernels.logSumExp(px.baseAddress.unsafelyUnwrapped + r * n, n)
                out[r] = px[r * n + targets[r]] - lse[r]
            }
        }
        let x = data
        return Tensor.result(out, shape: Array(shape.dropLast()), inputs: [self]) { [self] g in
            self.accumulate { gx in
                for r in 0..<rows where g[r] != 0 {
                    let base = r * n
                    for j in 0..<n { gx[base + j] -= g[r] * expf(x[base + j] - lse[r]) }
                    gx[base + targets[r]] += g[r]
                }
            }
        }
    }

    /// Mean cross-entropy of logits (..., V) against one target per row; rows whose target is `ignoreIndex` are left
    /// out of both the sum and the count. Shape [].
    public func crossEntropy(_ targets: [Int], ignoreIndex: Int = -1) -> Tensor {
        let valid = targets.map { $0 == ignoreIndex ? 0 : 1 }
        let safeTargets = targets.map { $0 == ignoreIndex ? 0 : $0 }
        let mask = Tensor(valid.map(Float.init), shape: Array(shape.dropLast()))
        let total = Float(valid.reduce(0, +))
        return selectedLogProbs(safeTargets).mul(mask).sum().scaled(by: -1 / Swift.max(total, 1))
    }
}
