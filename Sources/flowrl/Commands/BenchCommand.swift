// `flowrl bench`: figures for this machine, printed (never asserted): `flowrl bench tensor`.
import ArgumentParser
import Tensor

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure this machine's throughput.", subcommands: [BenchTensorCommand.self])
}

/// `flowrl bench tensor [--json] [--models 1M,10M]`.
struct BenchTensorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tensor",
        abstract: "sgemm peak, training and sampling throughput of the ~1M and ~10M transformers.",
        discussion: """
            Training tokens/s (forward + backward + AdamW) and the achieved GFLOP/s as a fraction of a large \
            cblas_sgemm measured in the same run (and of numpy's matmul when python3 has numpy); sampling tokens/s \
            with and without the KV cache. With --json: one object with sgemm_gflops, train_gflops, \
            train_fraction_of_peak, train_tokens_per_s and kv_cache_speedup for the 10M model, and every figure.
            """)

    @Flag(help: "Print one JSON object.")
    var json = false

    @Option(help: "Model sizes to measure, comma-separated (1M, 10M).")
    var models = "1M,10M"

    func validate() throws {
        let known = Set(TensorBenchmark.configurations().map(\.0))
        for name in models.split(separator: ",") where !known.contains(String(name)) {
            throw ValidationError("unknown model size \(name) (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    func run() throws {
        let report = TensorBenchmark.run(models: models.split(separator: ",").map(String.init))
        let numpy = TensorBenchmark.numpyGFLOPS(size: report.sgemmSize)
        Console.out(json ? report.json(numpyGFLOPS: numpy) : report.table(numpyGFLOPS: numpy))
    }
}
