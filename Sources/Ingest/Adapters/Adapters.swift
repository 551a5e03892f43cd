// The known benchmark families, and how a file's family is chosen: named with --benchmark, or detected from the
// fields of its first row (each adapter scores the row; the best positive score wins).
import FlowRLCore

/// The registry of benchmark adapters.
public enum Adapters {
    /// Every adapter, in the order ties are broken.
    public static func all(limits: IngestLimits = .standard) -> [any BenchmarkAdapter] {
        [LiveCodeBenchAdapter(maxDecodedTestBytes: limits.maxDecodedTestBytes), HumanEvalAdapter(),
         MATH500Adapter(), AIMEAdapter(), AMCAdapter()]
    }

    /// The names `--benchmark` accepts.
    public static let names = ["aime", "math500", "amc", "livecodebench", "humaneval"]

    /// The adapter for a `--benchmark` name (aliases: `lcb`, `math-500`, `math`).
    public static func named(_ name: String, limits: IngestLimits = .standard) -> (any BenchmarkAdapter)? {
        let canonical: String
        switch name.lowercased() {
        case "lcb", "livecodebench", "code_generation_lite": canonical = "livecodebench"
        case "math500", "math-500", "math": canonical = "math500"
        case let other: canonical = other
        }
        return all(limits: limits).first { $0.benchmark == canonical }
    }

    /// The best adapter for a first row, or nil when none recognises it.
    public static func detect(_ row: JSONObject, context: RowContext,
                              limits: IngestLimits = .standard) -> (any BenchmarkAdapter)? {
        var best: (any BenchmarkAdapter)?
        var bestScore = 0
        for adapter in all(limits: limits) {
            let s = adapter.score(row, context: context)
            if s > bestScore {
                best = adapter
                bestScore = s
            }
        }
        return best
    }
}
