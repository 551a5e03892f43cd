// Shape ops (reshape, slicing rows) and index ops (embedding lookup, gather along the last axis).

extension Tensor {
    /// The same values with a new shape of equal size; one dimension may be -1 (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let unknown = target.firstIndex(of: -1) {
            let known = target.enumerated().filter { $0.offset != unknown }.map(\.element).reduce(1, *)
            target[unknown] = known == 0 ? 0 : count / known
        }
        precondition(target.reduce(1, *) == count, "reshape: \(shape) cannot become \(newShape)")
        return Tensor.result(data, shape: target, inputs: [self]) { [self] g in self.accumulate(g) }
    }

    /// Rows `range` along the first axis (a contiguous slice).
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(rank >= 1 && range.lowerBound >= 0 && range.upperBound <= shape[0], "rows: \(range) out of \(shape)")
        let inner = shape.dropFirst().reduce(1, *)
        let out = Array(data[(range.lowerBound * inner)..<(range.upperBound * inner)])
        var outShape = shape
        outShape[0] = range.count
        return Tensor.result(out, shape: outShape, inputs: [self]) { [self] g in
            self.accumulate { gx in
                for i in 0..<g.count { gx[range.lowerBound * inner + i] += g[i] }
            }
        }
    }

    /// Embedding lookup: row `indices[i]` of this (V, C) table for each index; output `indexShape + [C]`.
    public func embedding(_ indices: [Int], shape indexShape: [Int]) -> Tensor {
        precondition(rank == 2, "embedding: table must be (V, C), got \(shape)")
        precondition(indices.count == indexShape.reduce(1, *), "embedding: \(indices.count) indices for \(indexShape)")
        let v = shape[0], c = shape[1]
        var out = [Float](repeating: 0, count: indices.count * c)
        data.withUnsafeBufferPointer { table in
            out.withUnsafeMutableBufferPointer { y in
                for (i, index) in indices.enumerated() {
                    precondition(index >= 0 && index < v, "embedding: index \(index) outside 0..<\(v)")
                    for j in 0..<c { y[i * c + j] = table[index * c + j] }
                }
            }
        }
        return Tensor.result(out, shape: indexShape + [c], inputs: [self]) { [self] g in
            self.accumulate { gt in
                for (i, index) in indices.enumerated() {
                    for j in 0..<c { gt[index * c + j] += g[i * c + j] }
                }
            }
        }
    }

    /// Picks one element per row along the last axis: out[..., ] = self[..., indices[row]]; shape drops the last axis.
    public func gather(lastAxis indices: [Int]) -> Tensor {
        let n = shape.last ?? 1
        let rows = count / Swift.max(n, 1)
        precondition(indices.count == rows, "gather: \(indices.count) indices for \(rows) rows of \(shape)")
        var out = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            precondition(indices[r] >= 0 && indices[r] < n, "gather: index \(indices[r]) outside 0..<\(n)")
            out[r] = data[r * n + indices[r]]
        }
        return Tensor.result(out, shape: Array(shape.dropLast()), inputs: [self]) { [self] g in
            self.accumulate { gx in
                for r in 0..<rows { gx[r * n + indices[r]] += g[r] }
            }
        }
    }
}
