// Masked whitening over a batch's valid tokens, as verl's masked_whiten: (x − mean) / √(var + 1e-8), with the
// unbiased (N − 1) variance over valid entries.

/// Whitening of token-level values over the valid positions of a batch.
public enum Whitening {
    /// Whitened copy of `values` (B·T, row-major); invalid positions (mask 0) become 0.
    /// - Parameter shiftMean: false keeps the mean (scales only), as verl does for some estimators.
    public static func whiten(_ values: [Float], mask: [Float], shiftMean: Bool = true) -> [Float] {
        var sum: Double = 0, count: Double = 0
        for i in values.indices where mask[i] != 0 { sum += Double(values[i]); count += 1 }
        guard count > 0 else { return values.map { _ in 0 } }
        let mean = sum / count
        var squares: Double = 0
        for i in values.indices where mask[i] != 0 { squares += (Double(values[i]) - mean) * (Double(values[i]) - mean) }
        let variance = count > 1 ? squares / (count - 1) : 0
        let scale = 1 / (variance + 1e-8).squareRoot()
        return values.indices.map { i in
            guard mask[i] != 0 else { return 0 }
            let centred = Double(values[i]) - mean
            return Float(shiftMean ? centred * scale : centred * scale + mean)
        }
    }
}
