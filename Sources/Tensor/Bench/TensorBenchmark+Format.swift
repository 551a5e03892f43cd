// Printing a benchmark report: an aligned table for people, one JSON object for scripts (the keys
// `flowrl bench tensor --json` promises: sgemm_gflops, train_gflops, train_fraction_of_peak, train_tokens_per_s,
// kv_cache_speedup — for the largest model measured — plus per-model figures). kv_cache_speedup is measured on one
// sequence; kv_cache_speedup_batched on a batch sampled together (as rollouts are).

extension TensorBenchmark.Report {
    /// The report as one JSON object; `numpyGFLOPS` is included when given.
    public func json(numpyGFLOPS: Double? = nil) -> String {
        func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
        let main = models.last
        var fields: [String] = [
            "\"blas\":\(SafeTensors.jsonString(blas))",
            "\"sgemm_size\":\(sgemmSize)",
            "\"sgemm_gflops\":\(number(sgemmGFLOPS))",
            "\"model\":\(SafeTensors.jsonString(main?.name ?? ""))",
            "\"train_gflops\":\(number(main?.trainGFLOPS ?? 0))",
            "\"train_fraction_of_peak\":\(number(main?.trainFractionOfPeak ?? 0))",
            "\"train_tokens_per_s\":\(number(main?.trainTokensPerSecond ?? 0))",
            "\"kv_cache_speedup\":\(number(main?.kvCacheSpeedup ?? 0))",
            "\"kv_cache_speedup_batched\":\(number(main?.kvCacheSpeedupBatched ?? 0))",
            "\"kv_cache_speedup_ceiling\":\(number(main?.kvCacheSpeedupCeiling ?? 0))",
            "\"gemv_gb_per_s\":\(number(gemvGBPerSecond))",
        ]
        if let numpyGFLOPS { fields.append("\"numpy_gflops\":\(number(numpyGFLOPS))") }
        let perModel = models.map { m in
            "{\"name\":\(SafeTensors.jsonString(m.name)),\"parameters\":\(m.parameters),\"tokens_per_step\":\(m.tokensPerStep),"
                + "\"step_seconds\":\(number(m.stepSeconds)),\"train_tokens_per_s\":\(number(m.trainTokensPerSecond)),"
                + "\"train_gflops\":\(number(m.trainGFLOPS)),\"train_fraction_of_peak\":\(number(m.trainFractionOfPeak)),"
                + "\"sample_tokens_per_s_cached\":\(number(m.sampleTokensPerSecondCached)),"
                + "\"sample_tokens_per_s_uncached\":\(number(m.sampleTokensPerSecondUncached)),"
                + "\"kv_cache_speedup\":\(number(m.kvCacheSpeedup)),\"sample_batch\":\(m.sampleBatch),"
                + "\"kv_cache_speedup_batched\":\(number(m.kvCacheSpeedupBatched)),"
                + "\"matrix_vector_tokens_per_s\":\(number(m.matrixVectorTokensPerSecond)),"
                + "\"kv_cache_speedup_ceiling\":\(number(m.kvCacheSpeedupCeiling)),"
                + "\"sampled_length\":\(m.sampledLength),"
                + "\"sample_tokens_per_s_bandwidth_bound\":\(number(m.sampleTokensPerSecondBandwidthBound))}"
        }
        fields.append("\"models\":[\(perModel.joined(separator: ","))]")
        return "{\(fields.joined(separator: ","))}"
    }

    /// The report as an aligned text table (figures side by side with the sgemm peak and numpy).
    public func table(numpyGFLOPS: Double? = nil) -> String {
        func fixed(_ x: Double, _ digits: Int) -> String {
            guard x.isFinite else { return "n/a" }
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            let r = (x * scale).rounded() / scale
            if digits == 0 { return String(Int(r)) }
            let text = String(r)
            let parts = text.split(separator: ".", maxSplits: 1)
            let fraction = parts.count > 1 ? String(parts[1].prefix(digits)) : ""
            return parts[0] + "." + fraction + String(repeating: "0", count: digits - fraction.count)
        }
        func cell(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(1, width - s.count)) }
        var lines = [blas]
        var peakLine = "sgemm \(sgemmSize)x\(sgemmSize): \(fixed(sgemmGFLOPS, 1)) GFLOP/s"
        if let numpyGFLOPS {
            peakLine += "   numpy matmul: \(fixed(numpyGFLOPS, 1)) GFLOP/s (sgemm / numpy = \(fixed(sgemmGFLOPS / numpyGFLOPS, 2)))"
        } else {
            peakLine += "   (numpy not available)"
        }
        lines.append(peakLine)
        lines.append("matrix-vector over 64 MB: \(fixed(gemvGBPerSecond, 1)) GB/s (the ceiling of one-sequence KV sampling: "
                     + "each token reads every weight once)")
        let header = ["model", "params", "tokens/step", "step s", "train tok/s", "train GFLOP/s", "of sgemm", "sample tok/s (KV)",
                      "of bandwidth", "(no KV)", "KV speedup 1 seq", "(ceiling)", "KV speedup batch"]
        let widths = [7, 10, 12, 8, 12, 14, 10, 18, 13, 9, 17, 10, 16]
        lines.append(zip(header, widths).map { cell($0, $1) }.joined())
        for m in models {
            let row = [m.name, String(m.parameters), String(m.tokensPerStep), fixed(m.stepSeconds, 3), fixed(m.trainTokensPerSecond, 0),
                       fixed(m.trainGFLOPS, 1), fixed(100 * m.trainFractionOfPeak, 1) + "%", fixed(m.sampleTokensPerSecondCached, 0),
                       4 * m.parameters < lastLevelCacheBytes ? "in cache"
                           : fixed(100 * m.sampleTokensPerSecondCached / m.sampleTokensPerSecondBandwidthBound, 0) + "%",
                       fixed(m.sampleTokensPerSecondUncached, 0), fixed(m.kvCacheSpeedup, 1) + "x",
                       fixed(m.kvCacheSpeedupCeiling, 1) + "x",
                       fixed(m.kvCacheSpeedupBatched, 1) + "x (\(m.sampleBatch))"]
            lines.append(zip(row, widths).map { cell($0, $1) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
