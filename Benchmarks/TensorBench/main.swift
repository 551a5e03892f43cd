// tensor-bench: prints sgemm peak, training and sampling throughput (see TensorBenchmark); `--json` prints one
// object with sgemm_gflops, train_gflops, train_fraction_of_peak, train_tokens_per_s and kv_cache_speedup for the
// 10M model; `--models 1M` limits the sizes. numpy's matmul is measured too when python3 has numpy.
import Foundation
import Tensor

let arguments = CommandLine.arguments
// `OPENBLAS_CORETYPE=Prescott tensor-bench --reselect-core` reproduces a VM where OpenBLAS loads its generic kernel:
// the variable took effect at library load; dropping it here lets BLAS.ensureConfigured() re-select the core.
if arguments.contains("--reselect-core") { unsetenv("OPENBLAS_CORETYPE") }
let json = arguments.contains("--json")
var models = ["1M", "10M"]
if let i = arguments.firstIndex(of: "--models"), i + 1 < arguments.count { models = arguments[i + 1].split(separator: ",").map(String.init) }

/// numpy's float32 matmul GFLOP/s at n × n, or nil without python3/numpy.
func numpyGFLOPS(size n: Int) -> Double? {
    let script = """
    import time, numpy as np
    a = np.random.rand(\(n), \(n)).astype(np.float32); b = np.random.rand(\(n), \(n)).astype(np.float32)
    a @ b; ts = []
    for _ in range(5):
        t = time.perf_counter(); a @ b; ts.append(time.perf_counter() - t)
    print(2 * \(n) ** 3 / sorted(ts)[2] / 1e9)
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return Double(out.trimmingCharacters(in: .whitespacesAndNewlines))
}

let report = TensorBenchmark.run(models: models)
let numpy = numpyGFLOPS(size: report.sgemmSize)
let main = report.models.last
if json {
    var object: [String: Any] = [
        "blas": report.blas, "sgemm_size": report.sgemmSize, "sgemm_gflops": report.sgemmGFLOPS,
        "train_gflops": main?.trainGFLOPS ?? 0, "train_fraction_of_peak": main?.trainFractionOfPeak ?? 0,
        "train_tokens_per_s": main?.trainTokensPerSecond ?? 0, "kv_cache_speedup": main?.kvCacheSpeedup ?? 0,
        "model": main?.name ?? "",
    ]
    if let numpy { object["numpy_gflops"] = numpy }
    var perModel: [[String: Any]] = []
    for m in report.models {
        perModel.append(["name": m.name, "parameters": m.parameters, "tokens_per_step": m.tokensPerStep,
                         "step_seconds": m.stepSeconds, "train_tokens_per_s": m.trainTokensPerSecond,
                         "train_gflops": m.trainGFLOPS, "train_fraction_of_peak": m.trainFractionOfPeak,
                         "sample_tokens_per_s_cached": m.sampleTokensPerSecondCached,
                         "sample_tokens_per_s_uncached": m.sampleTokensPerSecondUncached,
                         "kv_cache_speedup": m.kvCacheSpeedup, "sampled_length": m.sampledLength])
    }
    object["models"] = perModel
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
} else {
    func f(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }
    print(report.blas)
    print("sgemm \(report.sgemmSize)²: \(f(report.sgemmGFLOPS)) GFLOP/s" + (numpy.map { "   numpy matmul: \(f($0)) GFLOP/s (ours / numpy = \(f(report.sgemmGFLOPS / $0, 2)))" } ?? "   (numpy not available)"))
    print("model  params   tokens/step  step s   train tok/s  train GFLOP/s  of sgemm peak  sample tok/s cached  uncached  KV speedup")
    for m in report.models {
        print([m.name.padding(toLength: 6, withPad: " ", startingAt: 0), String(m.parameters).padding(toLength: 8, withPad: " ", startingAt: 0),
               String(m.tokensPerStep).padding(toLength: 12, withPad: " ", startingAt: 0), f(m.stepSeconds, 3).padding(toLength: 8, withPad: " ", startingAt: 0),
               f(m.trainTokensPerSecond, 0).padding(toLength: 12, withPad: " ", startingAt: 0), f(m.trainGFLOPS).padding(toLength: 14, withPad: " ", startingAt: 0),
               (f(100 * m.trainFractionOfPeak) + "%").padding(toLength: 14, withPad: " ", startingAt: 0),
               f(m.sampleTokensPerSecondCached, 0).padding(toLength: 20, withPad: " ", startingAt: 0),
               f(m.sampleTokensPerSecondUncached, 0).padding(toLength: 9, withPad: " ", startingAt: 0), f(m.kvCacheSpeedup) + "×"].joined(separator: " "))
    }
}
