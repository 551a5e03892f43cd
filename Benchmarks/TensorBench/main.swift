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

let report = TensorBenchmark.run(models: models)
let numpy = TensorBenchmark.numpyGFLOPS(size: report.sgemmSize)
print(json ? report.json(numpyGFLOPS: numpy) : report.table(numpyGFLOPS: numpy))
