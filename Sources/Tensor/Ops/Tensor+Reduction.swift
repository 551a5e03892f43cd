// Reductions: sums and means over everything or one axis, and their masked versions for token-level RL losses.

extension Tensor {
    /// Splits the shape around `axis` into (outer, length, inner) for reductions.
    func axisSplit(_ axis: Int) -> (outer: Int, length: Int, inner: Int, axis: Int) {
        let a = axis < 0 ? axis + rank : axis
        precondition(a >= 0 && a < rank, "axis \(axis) out of range for shape \(shape)")
        return (shape[..<a].reduce(1, *), shape[a], shape[(a + 1)...].reduce(1, *), a)
    }

    /// The sum of all elements, shape [].
    public func sum() -> Tensor {
        var total: Double = 0
        for v in data { total += Double(v) }
        let n = count
        return Tensor.result([Float(total)], shape: [], inputs: [self]) { [self] g in
            self.accumulate([Float](repeating: g[0], count: n))
        }
    }

    /// The mean of all elements, shape [].
    public func mean() -> Tensor { sum().scaled(by: 1 / Float(Swift.max(count, 1))) }

    /// Sum over `axis` (negative counts from the end); keeps it as size 1 when `keepingDimension`.
    public func sum(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let (outer, length, inner, a) = axisSplit(axis)
        var out = [Float](repeating: 0, count: outer * inner)
        data.withUnsafeBufferPointer { x in
            out.withUnsafeMutableBufferPointer { y in
                for o in 0..<outer {
                    for l in 0..<length {
                        let base = (o * length + l) * inner
                        for i in 0..<inner { y[o * inner + i] += x[base + i] }
                    }
                }
            }
        }
        var outShape = shape
        if keepingDimension { outShape[a] = 1 } else { outShape.remove(at: a) }
        return Tensor.result(out, shape: outShape, inputs: [self]) { [self] g in
            self.accumulate { gx in
                for o in 0..<outer {
                    for l in 0..<length {
                        let base = (o * length + l) * inner
                        for i in 0..<inner { gx[base + i] += g[o * inner + i] }
                    }
                }
            }
        }
    }

    /// Mean over `axis`.
    public func mean(axis: Int, keepingDimension: Bool = false) -> Tensor {
        let length = axisSplit(axis).length
        return sum(axis: axis, keepingDimension: keepingDimension).scaled(by: 1 / Float(Swift.max(length, 1)))
    }

    /// Σ x·mask over all elements (mask broadcasts to x's shape and carries no gradient).
    public func maskedSum(_ mask: Tensor) -> Tensor { mul(mask.detached()).sum() }

    /// Σ x·mask / (Σ mask + 1e-8) over all elements: the token-mean of a loss over valid tokens.
    public func maskedMean(_ mask: Tensor) -> Tensor {
        let m = mask.detached()
        let weight = Tensor.scalar(Float(Double(m.data.reduce(0, +)) * Double(count / Swift.max(m.count, 1)) + 1e-8))
        return mul(m).sum().div(weight)
    }

    /// Σ over `axis` of x·mask (mask of x's shape, or broadcasting to it; no gradient).
    public func maskedSum(_ mask: Tensor, axis: Int) -> Tensor { mul(mask.detached()).sum(axis: axis) }

    /// Σ over `axis` of x·mask divided by Σ over `axis` of mask (+ 1e-8): per-row means over valid positions.
    ///
    /// The mask must have x's shape (for example a (B, T) response mask for (B, T) log-probs).
    public func maskedMean(_ mask: Tensor, axis: Int) -> Tensor {
        precondition(mask.shape == shape, "maskedMean(axis:): mask shape \(mask.shape) differs from \(shape)")
        let m = mask.detached()
        let counts = Tensor.withoutGrad { m.sum(axis: axis) }.shifted(by: 1e-8)
        return mul(m).sum(axis: axis).div(counts)
    }
}
