// `flowrl report`: one self-contained HTML page comparing runs (DIR/index.html).
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Reports
import Rewards
import Store

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report comparing runs: DIR/index.html (inline CSS and SVG, no script, no network).")

    @OptionGroup var selection: RunSelectionOptions

    @Option(help: "The folder to write index.html into (created when missing).")
    var out: String

    @Option(help: "The report's title.")
    var title = "FlowRL report"

    @Option(name: .customLong("training"), help: "Also show this training run's curves (repeatable).")
    var training: [String] = []

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open()
        let runs = try selection.load(store, allWhenEmpty: true)
        let path = try Self.write(store: store, runs: runs, extraTraining: training, baseline: selection.baseline,
                                  options: selection.analysisOptions, title: title, out: out)
        Console.error("report: \(path) (\(runs.count) runs)")
        Console.out(path)
    }

    /// Analyses `runs`, renders the report, checks it with libxml2 and writes it atomically to OUT/index.html.
    /// - Returns: the path written.
    static func write(store: Store, runs: [LoadedRun], extraTraining: [String] = [], baseline: String?,
                      options: AnalysisOptions, title: String, out: String) throws -> String {
        var trainingNames: [String] = []
        for name in runs.compactMap(\.description.trainingRun) + extraTraining where !trainingNames.contains(name) {
            trainingNames.append(name)
        }
        let training = try trainingNames.compactMap { try RunLoader.training(store, name: $0) }
        let analyses = Report.analyze(runs, options: options, cache: store)
        let stamp = ISO8601DateFormatter().string(from: Date())
        let html = Report.html(ReportInput(title: title, runs: runs, analyses: analyses, baseline: baseline,
                                           training: training, generatedAt: stamp))
        let fm = FileManager.default
        do { try fm.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw WorkFailure(message: "\(out): cannot create the folder: \(error.localizedDescription)")
        }
        do { _ = try XHTMLCheck.parse(html) } catch {
            let kept = out + "/index.invalid.html"
            try? Data(html.utf8).write(to: URL(fileURLWithPath: kept))
            throw WorkFailure(message: "internal error, the report failed its libxml2 check (kept as \(kept)): \(error)")
        }
        let path = out + "/index.html"
        // Written to a temporary name and renamed, so a reader never sees half a report.
        let temporary = out + "/.index.html.partial"
        do {
            try Data(html.utf8).write(to: URL(fileURLWithPath: temporary))
            guard Glibc.rename(temporary, path) == 0 else {
                throw WorkFailure(message: "\(path): cannot write: \(String(cString: strerror(errno)))")
            }
        } catch let failure as WorkFailure {
            try? fm.removeItem(atPath: temporary)
            throw failure
        } catch {
            try? fm.removeItem(atPath: temporary)
            throw WorkFailure(message: "\(path): cannot write: \(error.localizedDescription)")
        }
        return path
    }
}
