// Throughput figures for the tensor engine, measured in one run so they compare: a large sgemm (the machine's
// practical peak), training steps (forward + backward + AdamW) of ~1M and ~10M parameter models, and sampling with
// and without the KV cache. Used by `tensor-bench` and meant for `flowrl bench tensor`. Not a test.
import Foundation

/// Measures and reports tensor throughput.
public enum TensorBenchmark {
    /// Figures for one model size.
    public struct ModelFigures: Codable, Sendable {
        /// Model name ("1M", "10M").
        public var name: String
        /// Trainable parameters.
        public var parameters: Int
        /// Tokens per training step (batch × sequence length).
        public var tokensPerStep: Int
        /// Seconds per training step (median of the measured steps).
        public var stepSeconds: Double
        /// Training tokens per second.
        public var trainTokensPerSecond: Double
        /// Matrix-multiply GFLOP/s achieved by training (3 × forward flops / step time).
        public var trainGFLOPS: Double
        /// trainGFLOPS / sgemm GFLOP/s of the same run.
        public var trainFractionOfPeak: Double
        /// Sampling tokens/s with the KV cache, one sequence.
        public var sampleTokensPerSecondCached: Double
        /// Sampling tokens/s recomputing the prefix every step, one sequence.
        public var sampleTokensPerSecondUncached: Double
        /// Cached / uncached sampling speed for one sequence. Bounded by memory bandwidth: a cached step is a
        /// matrix-vector product that reads every weight once per token.
        public var kvCacheSpeedup: Double
        /// Sequences sampled together in the batched measurement (as RL rollouts sample; 16 by default).
        public var sampleBatch: Int
        /// Cached / uncached sampling speed for `sampleBatch` sequences sampled together (recomputation batches
        /// well, so this ratio is lower).
        public var kvCacheSpeedupBatched: Double
        /// Tokens generated per sequence in the sampling measurement.
        public var sampledLength: Int
        /// The memory-bandwidth ceiling of one-sequence cached sampling: every float32 weight is read once per
        /// token, so tokens/s cannot exceed (matrix-vector GB/s of this run) / (4 bytes × parameters).
        public var sampleTokensPerSecondBandwidthBound: Double
        /// Tokens/s of the matrix-vector products alone of one cached step: each of the model's own weight
        /// matrices (and the tied output head) times one vector, through the same `BLAS.sgemm` call sampling makes,
        /// back to back. No cached step can beat it: everything else a step does only adds time.
        public var matrixVectorTokensPerSecond: Double
        /// matrixVectorTokensPerSecond / sampleTokensPerSecondUncached: the largest one-sequence KV-cache speedup
        /// this machine allows this model, were attention, norms and sampling free.
        public var kvCacheSpeedupCeiling: Double { matrixVectorTokensPerSecond / sampleTokensPerSecondUncached }
    }

    /// Everything one run measured.
    public struct Report: Codable, Sendable {
        /// OpenBLAS core and threads.
        public var blas: String
        /// Square sgemm size used for the peak.
        public var sgemmSize: Int
        /// Best sgemm GFLOP/s.
        public var sgemmGFLOPS: Double
        /// GB/s of matrix-vector products over weights twice the size of the last-level cache (the bandwidth a
        /// cached sampling step is bound by).
        public var gemvGBPerSecond: Double
        /// This machine's last-level cache in bytes: a model whose weights fit is not bandwidth-bound.
        public var lastLevelCacheBytes: Int
        /// Per model size.
        public var models: [ModelFigures]
    }

    /// Seconds taken by `body` (median of `repeats` after one warm-up).
    public static func seconds(repeats: Int = 3, _ body: () -> Void) -> Double {
        body()
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let start = ContinuousClock.now
            body()
            let d = ContinuousClock.now - start
            times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
        }
        return times.sorted()[times.count / 2]
    }

    /// GFLOP/s of an n × n × n sgemm.
    public static func sgemmGFLOPS(size n: Int) -> Double {
        let a = Tensor.randn([n * n], seed: 1).data, b = Tensor.randn([n * n], seed: 2).data
        var c = [Float](repeating: 0, count: n * n)
        let t = seconds(repeats: 5) {
            BLAS.sgemm(transposeA: false, transposeB: false, m: n, n: n, k: n, a: a, lda: n, b: b, ldb: n, c: &c, ldc: n)
        }
        return 2 * Double(n * n * n) / t / 1e9
    }

    /// The last-level cache size from sysfs (sysconf reports the host's on this VM kind; 32 MB when unknown).
    public static func lastLevelCacheBytes() -> Int {
        let path = "/sys/devices/system/cpu/cpu0/cache/index3/size"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 32 << 20 }
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let scale = t.hasSuffix("K") ? 1 << 10 : t.hasSuffix("M") ? 1 << 20 : 1
        return Int(t.filter(\.isNumber)).map { $0 * scale } ?? 32 << 20
    }

    /// GB/s read by matrix-vector products (through `BLAS.sgemm` with one row, as sampling calls it) over 64 MB of
    /// weights in 384 × 1536 blocks, more than this machine kind's 32 MB last-level cache.
    public static func gemvGBPerSecond(blocks: Int = 28) -> Double {
        let k = 384, n = 1536
        let weights = (0..<blocks).map { Tensor.randn([k * n], seed: UInt64(10 + $0)).data }
        let x = Tensor.randn([k], seed: 9).data
        var y = [Float](repeating: 0, count: n)
        let t = seconds(repeats: 9) {
            for w in weights {
                BLAS.sgemm(transposeA: false, transposeB: false, m: 1, n: n, k: k, a: x, lda: k, b: w, ldb: n, c: &y, ldc: n)
            }
        }
        return Double(4 * k * n * blocks) / t / 1e9
    }

    /// Seconds per token of a cached step's matrix-vector products alone, on `model`'s own weights: per layer the
    /// packed q/k/v, attention output, MLP up and down projections, then the output head (PyTorch (out, in)
    /// layout, as `linear` calls them).
    static func matrixVectorStepSeconds(_ model: Transformer, tokens: Int = 64) -> Double {
        let names = (0..<model.config.layers).flatMap { layer in
            ["attn.c_attn", "attn.c_proj", "mlp.c_fc", "mlp.c_proj"].map { "h.\(layer).\($0).weight" }
        } + ["wte.weight"]
        let weights = names.compactMap { model.parameter($0) }
        precondition(weights.count == names.count && weights.allSatisfy { $0.shape.count == 2 }, "benchmark: weights \(names)")
        let longest = weights.map { $0.shape.max() ?? 0 }.max() ?? 0
        let x = [Float](repeating: 0.01, count: longest)
        var y = [Float](repeating: 0, count: longest)
        let t = seconds(repeats: 3) {
            for _ in 0..<tokens {
                for w in weights {
                    let (outputs, inputs) = (w.shape[0], w.shape[1])
                    w.data.withUnsafeBufferPointer { b in
                        BLAS.sgemm(transposeA: false, transposeB: true, m: 1, n: outputs, k: inputs, a: x, lda: inputs,
                                   b: b.baseAddress, ldb: inputs, c: &y, ldc: outputs)
                    }
                }
            }
        }
        return t / Double(tokens)
    }

    /// The two benchmark models: ~1M (C 128, L 4) and ~10M (C 384, L 6) parameters, byte vocabulary, context 256.
    public static func configurations() -> [(String, TransformerConfig)] {
        [("1M", TransformerConfig(vocabularySize: 259, contextLength: 256, layers: 4, width: 128, heads: 4, positions: .rotary)),
         ("10M", TransformerConfig(vocabularySize: 259, contextLength: 256, layers: 6, width: 384, heads: 6, positions: .rotary))]
    }

    /// Measures one model: training at `batch` × 256 tokens per step, then sampling `sampleLength` tokens.
    public static func measure(name: String, config: TransformerConfig, batch: Int = 16, steps: Int = 3,
                               sampleLength: Int = 256, sampleBatch: Int = 16, peak: Double, gemvGBPerSecond: Double) -> ModelFigures {
        let model = Transformer(config: config, seed: 1)
        let adam = AdamW(groups: model.parameterGroups(weightDecay: 0.1), schedule: .warmupConstant(peak: 1e-4, warmupSteps: 1))
        let t = config.contextLength
        var generator = SeededGenerator(seed: 3)
        let tokens = (0..<(batch * (t + 1))).map { _ in Int(generator.next() % UInt64(config.vocabularySize)) }
        let stepSeconds = seconds(repeats: steps) {
            model.languageModelLoss(tokens: tokens, batch: batch).backward()
            adam.step()
        }
        let tokensPerStep = batch * t
        let flops = 3 * config.forwardFlops(tokens: tokensPerStep, length: t)
        let trainGFLOPS = flops / stepSeconds / 1e9
        let options = SamplingOptions(temperature: 1, maxNewTokens: sampleLength - 1, seed: 1)
        var slow = options
        slow.useCache = false
        let single = [[256]]
        let cached = seconds(repeats: 1) { _ = model.sample(prompts: single, options: options) }
        let uncached = seconds(repeats: 0) { _ = model.sample(prompts: single, options: slow) } / 2  // warm-up + 1 run
        let batched = [[Int]](repeating: [256], count: sampleBatch)
        let cachedBatch = seconds(repeats: 1) { _ = model.sample(prompts: batched, options: options) }
        let uncachedBatch = seconds(repeats: 0) { _ = model.sample(prompts: batched, options: slow) } / 2
        let generated = Double(sampleLength - 1)
        let chain = matrixVectorStepSeconds(model)
        return ModelFigures(name: name, parameters: config.parameterCount, tokensPerStep: tokensPerStep,
                            stepSeconds: stepSeconds, trainTokensPerSecond: Double(tokensPerStep) / stepSeconds,
                            trainGFLOPS: trainGFLOPS, trainFractionOfPeak: trainGFLOPS / peak,
                            sampleTokensPerSecondCached: generated / cached, sampleTokensPerSecondUncached: generated / uncached,
                            kvCacheSpeedup: uncached / cached, sampleBatch: sampleBatch,
                            kvCacheSpeedupBatched: uncachedBatch / cachedBatch, sampledLength: sampleLength,
                            sampleTokensPerSecondBandwidthBound: gemvGBPerSecond * 1e9 / Double(4 * config.parameterCount),
                            matrixVectorTokensPerSecond: 1 / chain)
    }

    /// Runs the whole benchmark.
    public static func run(sgemmSize: Int = 2048, models: [String] = ["1M", "10M"]) -> Report {
        TensorMemory.keepFreedBuffersForReuse()
        let configuration = BLAS.ensureConfigured()
        let peak = max(sgemmGFLOPS(size: sgemmSize), sgemmGFLOPS(size: 1024))
        let bandwidth = gemvGBPerSecond()
        let figures = configurations().filter { models.contains($0.0) }.map {
            measure(name: $0.0, config: $0.1, peak: peak, gemvGBPerSecond: bandwidth)
        }
        return Report(blas: configuration.description, sgemmSize: sgemmSize, sgemmGFLOPS: peak, gemvGBPerSecond: bandwidth,
                      lastLevelCacheBytes: lastLevelCacheBytes(), models: figures)
    }
}
