// The demo's last step: the HTML report over every run (and training run) in the demo store.
import Reports
import Rewards
import Store

extension DemoCommand {
    /// Writes OUT/index.html comparing every run in `store`, with every training run's curves.
    func writeReport(store: Store, out: String) throws {
        let runs = try store.runs().map { try RunLoader.load(store, run: $0.name) }
        let training = try store.trainingRuns().map(\.name)
        Console.error("== report: \(runs.count) runs, \(training.count) training runs")
        // The simulated reward maximiser is the baseline the other simulated runs are tested against.
        let baseline = runs.contains { $0.description.name == "sim-collapsed" } ? "sim-collapsed" : nil
        let path = try ReportCommand.write(store: store, runs: runs, extraTraining: training, baseline: baseline,
                                           options: AnalysisOptions(), title: "FlowRL demo report", out: out)
        Console.error("report: \(path)  (open it in a browser; scripts/render-report.sh makes a PNG)")
    }
}
