// The report's entry point: loaded runs → analyses → one self-contained HTML page.
import Rewards
import Store

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
    /// With `cache`, per-problem diversity is reused from the store's `DiversityCache` where the samples are
    /// unchanged, and what is computed is cached there.
    public static func analyze(_ runs: [LoadedRun], options: AnalysisOptions = AnalysisOptions(),
                               cache: Store? = nil) -> [RunAnalysis] {
        var options = options
        if options.rewardRange == nil {
            var rewards: [Double] = []
            for run in runs { for problem in run.problems { for sample in problem.samples { rewards.append(sample.reward) } } }
            options.rewardRange = Histogram.range(of: rewards)
        }
        return runs.map { run in
            if let cache { return DiversityCache.analyze(run, options: options, store: cache) }
            return RunAnalysis(run: run.description.name, problems: run.problems, options: options)
        }
    }

    /// The report as one XHTML-style HTML5 document: inline CSS and SVG, no script, no external resource.
    public static func html(_ input: ReportInput) -> String {
        ReportPage(input).render()
    }
}
