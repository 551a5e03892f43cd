// Reward distributions: a histogram per method, and per benchmark the group statistics GRPO and FlowRL train on.
import Rewards

extension ReportPage {
    func rewardsSection() -> String {
        guard !benchmarks.isEmpty else { return note("No rewards to show.") }
        var panels: [(label: String, color: String, edges: [Double], counts: [Int])] = []
        for analysis in input.analyses {
            guard let first = analysis.benchmarks.first?.rewards.histogram else { continue }
            var counts = [Int](repeating: 0, count: first.counts.count)
            for summary in analysis.benchmarks {
                for (i, c) in summary.rewards.histogram.counts.enumerated() where i < counts.count { counts[i] += c }
            }
            panels.append((analysis.run, color(of: analysis.run), first.edges, counts))
        }
        var out = figure(HistogramPanels(title: "Reward distribution per method (all benchmarks)", xLabel: "reward",
                                         panels: panels).svg(),
                         caption: "Share of each method's samples per reward bin; every panel uses the same bins and scale.")
        out += note("Zero-advantage groups are problems whose samples are all correct or all wrong: GRPO's group "
                    + "z-score is 0 for every sample there. FlowRL's target weights are softmax(β·r̂) over a "
                    + "problem's samples (β = \(Markup.fixed(GroupRewards.defaultBeta, 0)), r̂ the group z-score); "
                    + "their entropy (nats) and effective sample size (1/Σw², shown as a share of n) say how many "
                    + "samples the target spreads over.")
        out += "<table class=\"rewards\"><thead><tr><th scope=\"col\">method</th><th scope=\"col\">benchmark</th>"
            + "<th scope=\"col\">mean reward</th><th scope=\"col\">mean within-problem variance</th>"
            + "<th scope=\"col\">all correct %</th><th scope=\"col\">all wrong %</th>"
            + "<th scope=\"col\">target-weight entropy</th><th scope=\"col\">ESS / n</th></tr></thead><tbody>"
        for benchmark in benchmarks {
            for row in summaries(benchmark) {
                let r = row.rewards
                var line = "<tr>" + runCell(row.run) + "<td class=\"text\">\(Markup.escape(benchmark))</td>"
                line += valueCell(r.meanReward, "mean_reward", Markup.fixed(r.meanReward, 3))
                line += "<td>\(Markup.fixed(r.meanVariance, 3))</td>"
                line += valueCell(r.allCorrectShare, "all_correct", Markup.percent(r.allCorrectShare))
                line += valueCell(r.allWrongShare, "all_wrong", Markup.percent(r.allWrongShare))
                line += "<td>\(Markup.fixed(r.meanTargetEntropy, 3))</td><td>\(Markup.fixed(r.meanNormalizedESS, 3))</td></tr>"
                out += line
            }
        }
        return out + "</tbody></table>"
    }

    func valueCell(_ value: Double, _ metric: String, _ shown: String) -> String {
        "<td data-metric=\"\(Markup.escape(metric))\" data-value=\"\(Markup.raw(value))\">\(shown)</td>"
    }
}
