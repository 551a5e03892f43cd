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
print(json ? report.json(numpyGFLOPS: numpy) : report.table(numpyGFLOPS: numpy))
