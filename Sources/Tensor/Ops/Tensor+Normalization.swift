// Layer norm and RMS norm over the last axis, with learned scale (and shift for layer norm).

extension Tensor {
    /// Layer norm over the last axis: (x − mean) / √(var + eps) · weight + bias, weight and bias of shape (C).
    public func layerNorm(weight: Tensor, bias: Tensor?, epsilon: Float = 1e-5) -> Tensor {
        let c = shape.last ?? 1, rows = count / Swift.max(c, 1)
        precondition(weight.shape == [c], "layerNorm: weight \(weight.shape) for last axis \(c)")
        var y = [Float](repeating: 0, count: count)
        var xhat = [Float](repeating: 0, count: count)
        var rstd = [Float](repeating: 0, count: rows)
        let w = weight.data, b = bias?.data
        data.withUnsafeBufferPointer { x in
            for r in 0..<rows {
                let base = r * c
                var mean: Float = 0
                for j in 0..<c { mean += x[base + j] }
                mean /= Float(c)
                var variance: Float = 0
                for j in 0..<c { let d = x[base + j] - mean; variance += d * d }
                variance /= Float(c)
                let s = 1 / (variance + epsilon).squareRoot()
                rstd[r] = s
                for j in 0..<c {
                    let h = (x[base + j] - mean) * s
                    xhat[base + j] = h
                    y[base + j] = h * w[j] + (b?[j] ?? 0)
                }
            }
        }
        let inputs = bias.map { [self, weight, $0] } ?? [self, weight]
        return Tensor.result(y, shape: shape, inputs: inputs) { [self] g in
            weight.accumulate { gw in
                for r in 0..<rows { for j in 0..<c { gw[j] += g[r * c + j] * xhat[r * c + j] } }
            }
            bias?.accumulate { gb in
                for r in 0..<rows { for j in 0..<c { gb[j] += g[r * c + j] } }
            }
            // dx = rstd · (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat)), dxhat = g · w
            self.accumulate { gx in
                for r in 0..<rows {
                    let base = r * c
                    var meanD: Float = 0, meanDX: Float = 0
                    for j in 0..<c {
                        let d = g[base + j] * w[j]
                        meanD += d
                        meanDX += d * xhat[base + j]
                    }
                    meanD /= Float(c); meanDX /= Float(c)
                    for j in 0..<c {
                        let d = g[base + j] * w[j]
                        gx[base + j] += rstd[r] * (d - meanD - xhat[base + j] * meanDX)
                    }
                }
            }
        }
    }

    /// RMS norm over the last axis: x / √(mean(x²) + eps) · weight.
    public func rmsNorm(weight: Tensor, epsilon: Float = 1e-6) -> Tensor {
        let c = shape.last ?? 1, rows = count / Swift.max(c, 1)
        precondition(weight.shape == [c], "rmsNorm: weight \(weight.shape) for last axis \(c)")
        var y = [Float](repeating: 0, count: count)
        var rinv = [Float](repeating: 0, count: rows)
        let w = weight.data, x = data
        for r in 0..<rows {
            let base = r * c
            var ms: Float = 0
            for j in 0..<c { ms += x[base + j] * x[base + j] }
            let s = 1 / (ms / Float(c) + epsilon).squareRoot()
            rinv[r] = s
            for j in 0..<c { y[base + j] = x[base + j] * s * w[j] }
        }
        return Tensor.result(y, shape: shape, inputs: [self, weight]) { [self] g in
            weight.accumulate { gw in
                for r in 0..<rows { for j in 0..<c { gw[j] += g[r * c + j] * x[r * c + j] * rinv[r] } }
            }
            // dx = s · (d − xhat · mean(d · xhat)), d = g · w, xhat = x · s
            self.accumulate { gx in
                for r in 0..<rows {
                    let base = r * c, s = rinv[r]
                    var meanDX: Float = 0
                    for j in 0..<c { meanDX += g[base + j] * w[j] * x[base + j] * s }
                    meanDX /= Float(c)
                    for j in 0..<c { gx[base + j] += s * (g[base + j] * w[j] - x[base + j] * s * meanDX) }
                }
            }
        }
    }

    /// Inverted dropout: zeroes each element with probability `p` and scales the rest by 1/(1−p); identity when
    /// `p` is 0. The mask comes from `generator`, so a seed reproduces it.
    public func dropout(_ p: Float, using generator: inout SeededGenerator) -> Tensor {
        precondition(p >= 0 && p < 1, "dropout: probability \(p) outside [0, 1)")
        if p == 0 { return self }
        let keep = 1 / (1 - p)
        var mask = [Float](repeating: 0, count: count)
        for i in 0..<count where generator.nextUniform() >= p { mask[i] = keep }
        return mul(Tensor(mask, shape: shape))
    }
}
