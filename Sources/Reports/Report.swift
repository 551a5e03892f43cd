// The report's entry point: loaded runs → analyses → one self-contained HTML page.
import Rewards

/// What a report shows.
public struct ReportInput: Sendable {
    public var title: String
    public var runs: [LoadedRun]
    /// The analysis of each run, in the order of `runs`.
    public var analyses: [RunAnalysis]
    /// The run the others are tested against (nil: the first run).
    public var baseline: String?
    /// Training runs whose curves are shown (those linked from runs and any others asked for).
    public var training: [TrainingCurves]
    /// Shown in the header (e.g. an ISO timestamp); empty to leave out.
    public var generatedAt: String

    public init(title: String = "FlowRL report", runs: [LoadedRun], analyses: [RunAnalysis], baseline: String? = nil,
                training: [TrainingCurves] = [], generatedAt: String = "") {
        precondition(runs.count == analyses.count, "one analysis per run")
        self.title = title
        self.runs = runs
        self.analyses = analyses
        self.baseline = baseline
        self.training = training
        self.generatedAt = generatedAt
    }
}

/// Builds reports.
public enum Report {
    /// Analyses every run with one shared reward-histogram range, so the methods' histograms are comparable.
    public static func analyze(_ runs: [LoadedRun], options: AnalysisOptions = AnalysisOptions()) -> [RunAnalysis] {
        var options = options
        if options.rewardRange == nil {
            options.rewardRange = Histogram.range(of: runs.lazy.flatMap { $0.problems.lazy.flatMap { $0.samples.map(\.reward) } })
        }
        return runs.map { RunAnalysis(run: $0.description.name, problems: $0.problems, options: options) }
    }

    /// The report as one XHTML-style HTML5 document: inline CSS and SVG, no script, no external resource.
    public static func html(_ input: ReportInput) -> String {
        ReportPage(input).render()
    }
}
