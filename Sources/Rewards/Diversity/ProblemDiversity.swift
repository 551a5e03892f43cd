// Every diversity metric of one problem's samples, computed from one tokenisation.

/// The diversity of one problem's n samples.
public struct ProblemDiversity: Sendable, Equatable {
    /// distinct-1 … distinct-4 (pooled over the samples).
    public var distinct: [Double]
    /// Mean sentence BLEU-4 of each sample against the others (higher = more alike); nil for n < 2.
    public var selfBLEU: Double?
    /// Mean pairwise word-trigram Jaccard similarity, estimated with MinHash; nil for n < 2.
    public var jaccard: Double?
    /// 1 − mean normalised compression distance; nil for n < 2.
    public var compressionSimilarity: Double?
    public var answers: AnswerDiversity
    /// Clusters of the correct samples (distinct correct solutions); 0 when none is correct.
    public var correctSolutions: Int
    /// Clusters of all samples.
    public var clusters: SolutionClusters
    /// 1–5, see `SolutionClusters.strategyScore`; nil for n < 2.
    public var strategyScore: Int? { clusters.strategyScore }

    /// Computes every metric; `threshold` is the clustering similarity (`SolutionClusters.defaultThreshold`).
    /// - Complexity: O(total characters + n² × MinHash bins).
    public init(_ samples: [ScoredSample], threshold: Double = SolutionClusters.defaultThreshold) {
        var scratch = NGramScratch()
        self.init(samples, threshold: threshold, scratch: &scratch)
    }

    init(distinct: [Double], selfBLEU: Double?, jaccard: Double?, compressionSimilarity: Double?,
         answers: AnswerDiversity, correctSolutions: Int, clusters: SolutionClusters) {
        self.distinct = distinct
        self.selfBLEU = selfBLEU
        self.jaccard = jaccard
        self.compressionSimilarity = compressionSimilarity
        self.answers = answers
        self.correctSolutions = correctSolutions
        self.clusters = clusters
    }

    init(_ samples: [ScoredSample], threshold: Double, scratch: inout NGramScratch) {
        let tokens = samples.map { Tokenizer.tokenHashes($0.text) }
        let ngrams = scratch.statistics(tokens: tokens)
        distinct = ngrams.distinct
        selfBLEU = ngrams.selfBLEU
        jaccard = MinHashSketch.meanPairwiseJaccard(ngrams.sketches)
        let agreement = BinAgreement(ngrams.sketches)
        compressionSimilarity = CompressionSimilarity.similarity(samples.map(\.text), sizer: scratch.sizer)
        answers = AnswerDiversity(answers: samples.map(\.answer))
        clusters = SolutionClusters(Array(samples.indices), of: agreement, threshold: threshold)
        let correct = samples.indices.filter { samples[$0].isCorrect }
        correctSolutions = correct.isEmpty ? 0 : SolutionClusters(correct, of: agreement, threshold: threshold).count
    }
}

/// Means of the per-problem diversity metrics over a set of problems (metrics that are nil for a problem, e.g.
/// self-BLEU with one sample, are averaged over the problems that have them; nil when none has).
public struct DiversitySummary: Sendable, Equatable {
    public var problems: Int
    public var distinct: [Double]
    public var selfBLEU: Double?
    public var jaccard: Double?
    public var compressionSimilarity: Double?
    public var distinctAnswers: Double
    public var answerEntropyBits: Double
    public var correctSolutions: Double
    public var strategyScore: Double?

    public init(_ items: [ProblemDiversity]) {
        problems = items.count
        func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }
        distinct = (0..<NGramStatistics.maxOrder).map { o in mean(items.map { $0.distinct[o] }) ?? 0 }
        selfBLEU = mean(items.compactMap(\.selfBLEU))
        jaccard = mean(items.compactMap(\.jaccard))
        compressionSimilarity = mean(items.compactMap(\.compressionSimilarity))
        distinctAnswers = mean(items.map { Double($0.answers.distinctAnswers) }) ?? 0
        answerEntropyBits = mean(items.map(\.answers.entropyBits)) ?? 0
        correctSolutions = mean(items.map { Double($0.correctSolutions) }) ?? 0
        strategyScore = mean(items.compactMap { $0.strategyScore.map(Double.init) })
    }
}
