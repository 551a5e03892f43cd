// Diversity per method and benchmark: n-gram, similarity, answer and strategy measures.
import Rewards

extension ReportPage {
    func diversitySection() -> String {
        guard !benchmarks.isEmpty else { return note("No samples to measure.") }
        var out = note("Per problem over its n samples, then averaged over problems. distinct-n: unique n-grams / "
                       + "n-grams (higher = more varied); self-BLEU, MinHash trigram Jaccard and compression "
                       + "similarity: how alike the samples are (lower = more varied); answers: distinct final "
                       + "answers and their entropy in bits (blank where no answers are extracted, e.g. code); correct solutions: clusters among the correct samples; "
                       + "strategy: the 1–5 score read from the clusters (see Methods). Metrics that need two samples "
                       + "are blank for runs with one sample per problem.")
        out += "<div class=\"scroll\"><table class=\"diversity\"><thead><tr><th scope=\"col\">method</th><th scope=\"col\">benchmark</th>"
        for h in ["distinct-1", "distinct-2", "distinct-3", "distinct-4", "self-BLEU", "Jaccard (MinHash)",
                  "compression sim.", "distinct answers", "answer entropy", "correct solutions", "strategy (1–5)"] {
            out += "<th scope=\"col\">\(h)</th>"
        }
        out += "</tr></thead><tbody>"
        var any = false
        for benchmark in benchmarks {
            for row in summaries(benchmark) {
                guard let d = row.diversity else { continue }
                any = true
                func num(_ v: Double?, _ metric: String, _ decimals: Int = 3) -> String {
                    guard let v else { return "<td data-metric=\"\(Markup.escape(metric))\">–</td>" }
                    return "<td data-metric=\"\(Markup.escape(metric))\" data-value=\"\(Markup.raw(v))\">\(Markup.fixed(v, decimals))</td>"
                }
                out += "<tr>" + runCell(row.run) + "<td class=\"text\">\(Markup.escape(benchmark))</td>"
                for (i, v) in d.distinct.enumerated() { out += num(v, "distinct-\(i + 1)") }
                out += num(d.selfBLEU, "self_bleu") + num(d.jaccard, "jaccard")
                    + num(d.compressionSimilarity, "compression")
                    + num(row.majority == nil ? nil : d.distinctAnswers, "distinct_answers", 2)
                    + num(row.majority == nil ? nil : d.answerEntropyBits, "answer_entropy", 2) + num(d.correctSolutions, "correct_solutions", 2)
                    + num(d.strategyScore, "strategy", 2) + "</tr>"
            }
        }
        out += "</tbody></table></div>"
        guard any else { return note("Diversity was not computed.") }
        let chart = GroupedBarChart(
            title: "Strategy-diversity score (1 = one method, 5 = many)", yLabel: "score",
            categories: benchmarks,
            series: runNames.map { run in
                (run, color(of: run), benchmarks.map { b in analysis(run)?.summary(benchmark: b)?.diversity?.strategyScore })
            },
            yDomain: (0, 5))
        return out + figure(chart.svg(), caption: "Mean over problems of the cluster-based score (problems with at least two samples).")
    }
}
