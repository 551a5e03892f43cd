// How every number in the report is computed.
import Rewards

extension ReportPage {
    func methodsSection() -> String {
        let b = Bootstrap()
        let t = PairedTest()
        let items = [
            "Avg@k: the mean over problems of c/n, the expected accuracy of k samples (the same for every k ≤ n; the "
                + "FlowRL paper reports Avg@16 with n = 16). Undecided and ungraded samples count as not correct.",
            "pass@k: the unbiased estimator 1 − C(n−c, k)/C(n, k) per problem (Chen et al. 2021), computed as "
                + "1 − ∏(1 − k/i) over i = n−c+1 … n, then averaged over problems. A k is reported only when every "
                + "problem of the group has at least k samples.",
            "maj@k: the first k samples vote with their normalised extracted answers (samples without one do not "
                + "vote); an answer's credit is the share of its voters graded correct; ties between top answers "
                + "score the mean of their credits (a uniformly random tie-break); no votes score 0.",
            "Intervals: percentile bootstrap over problems, \(b.resamples) resamples, 95%, fixed seed (the same data "
                + "always gives the same interval); all metrics of a group share the resampled problems.",
            "Δ vs baseline: per-problem accuracy differences on the problems both runs sampled; the interval is a "
                + "paired percentile bootstrap of the mean difference and p is a two-sided sign-flip permutation "
                + "test with \(t.permutations) random sign assignments (p = 1 for identical runs).",
            "Rewards: within-problem variance uses n − 1; r̂ is the group z-score (std + 1e-6) as in GRPO/FlowRL; "
                + "FlowRL's target weights are softmax(β·r̂) with β = 15, their entropy in nats and the effective "
                + "sample size 1/Σw².",
            "Diversity: tokens are lower-cased words, numbers and single symbols. distinct-n pools the n-grams of a "
                + "problem's samples; self-BLEU is the mean sentence BLEU-4 of each sample against the others "
                + "(floor smoothing 0.1, effective order); Jaccard is estimated from \(MinHashSketch.bins)-bin "
                + "one-permutation MinHash sketches of word trigrams; compression similarity is 1 − mean normalised "
                + "compression distance (\(CompressionSimilarity.compressor)) over cyclically adjacent pairs.",
            "Clusters: single linkage of samples whose MinHash trigram Jaccard is at least "
                + "\(Markup.fixed(SolutionClusters.defaultThreshold, 2)). Correct solutions counts clusters among "
                + "the correct samples. Strategy score (mirroring the FlowRL paper's 1–5 judge rubric, which the "
                + "paper applied with an LLM to 16 AIME samples): with the largest cluster scaled to 16 samples, "
                + "s = 16·L/n: s ≥ 14 → 1, 10 ≤ s < 14 → 2, 7 ≤ s < 10 → 3, 3 < s < 7 → 4, s ≤ 3 → 5.",
        ]
        return "<ul class=\"note\">" + items.map { "<li>\(Markup.escape($0))</li>" }.joined() + "</ul>"
    }
}
