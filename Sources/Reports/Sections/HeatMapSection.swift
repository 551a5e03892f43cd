// Per-problem solve rate, methods × problems, problems ordered by difficulty (mean solve rate over methods).

extension ReportPage {
    func heatMapSection() -> String {
        var out = ""
        for benchmark in benchmarks {
            var rates: [String: [String: Double]] = [:]
            var problems: [String] = []
            var known = Set<String>()
            for analysis in input.analyses {
                for p in analysis.problems where p.benchmark == benchmark {
                    rates[analysis.run, default: [:]][p.problemID] = p.accuracy
                    if known.insert(p.problemID).inserted { problems.append(p.problemID) }
                }
            }
            let runs = runNames.filter { rates[$0] != nil }
            guard !runs.isEmpty else { continue }
            func mean(_ id: String) -> Double {
                let values = runs.compactMap { rates[$0]?[id] }
                return values.reduce(0, +) / Double(max(1, values.count))
            }
            let difficulty = Dictionary(uniqueKeysWithValues: problems.map { ($0, mean($0)) })
            problems.sort { (difficulty[$0] ?? 0, $1) > (difficulty[$1] ?? 0, $0) }
            let map = HeatMap(title: "Solve rate per problem on \(benchmark)", rowLabels: runs,
                              values: runs.map { run in problems.map { rates[run]?[$0] } }, columnLabels: problems,
                              xLabel: "\(problems.count) problems, easiest → hardest (mean solve rate over methods)")
            out += figure(map.svg(), caption: "Each cell is one problem's share of correct samples under one method.")
        }
        return out.isEmpty ? note("No problems to show.") : out
    }
}
