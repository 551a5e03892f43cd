// Shared by `stats` and `report`: the --run/--k/--baseline options and loading the named runs from the store.
import ArgumentParser
import Reports
import Rewards
import Store

/// Which runs to analyse and how.
struct RunSelectionOptions: ParsableArguments {
    @Option(name: .customLong("run"), help: "A run to analyse (repeat for several).")
    var runs: [String] = []

    @Option(help: "The k of pass@k / maj@k / Avg@k, comma separated (default 1,4,16 and n when n < 16; k ≤ n).")
    var k: String?

    @Option(help: "The run the others are compared with (paired test; default: the first run).")
    var baseline: String?

    @Flag(name: .customLong("no-diversity"), help: "Skip the diversity metrics (they read every response).")
    var noDiversity = false

    func validate() throws {
        _ = try ks()
        if let baseline, !runs.isEmpty, !runs.contains(baseline) {
            throw ValidationError("--baseline \(baseline) is not one of the --run names")
        }
    }

    /// The parsed --k list.
    func ks() throws -> [Int]? {
        guard let k else { return nil }
        let values = k.split(separator: ",").map { Int($0.filter { $0 != " " }) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--k expects positive integers separated by commas, e.g. 1,4,16 (got \(k))")
        }
        return values.compactMap { $0 }
    }

    var analysisOptions: AnalysisOptions {
        AnalysisOptions(ks: (try? ks()) ?? nil, diversity: !noDiversity)
    }

    /// Loads the named runs (or, when `allWhenEmpty`, every run in the store when none is named).
    func load(_ store: Store, allWhenEmpty: Bool) throws -> [LoadedRun] {
        var names = runs
        if names.isEmpty {
            guard allWhenEmpty else { throw ValidationError("name at least one run with --run") }
            names = try store.runs().map(\.name)
        }
        for name in names where try store.run(named: name) == nil {
            let known = try store.runs().map(\.name)
            throw WorkFailure(message: "no run named \(name) in the store"
                              + (known.isEmpty ? " (it has no runs)" : "; runs: " + known.joined(separator: ", ")))
        }
        // Runs are read concurrently (the store's pool serves parallel readers); the first failure is reported.
        let selected = names
        let loaded = parallelMap(selected.count, minimumChunk: 1) { i in Result { try RunLoader.load(store, run: selected[i]) } }
        return try zip(names, loaded).map { name, result in
            do { return try result.get() } catch { throw WorkFailure(message: "run \(name): \(error)") }
        }
    }
}
