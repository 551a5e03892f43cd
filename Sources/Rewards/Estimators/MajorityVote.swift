// maj@k: the majority vote over the first k samples' normalised extracted answers.

/// maj@k for one problem.
///
/// The first k samples (index order; samples are exchangeable draws) vote with their normalised extracted answer;
/// samples without an answer do not vote. Each distinct answer's credit is the share of its voters the grader
/// marked correct (1 or 0 when the grader is consistent). **Ties:** when t answers share the top vote count the
/// result is the mean of their credits, the expected credit when the tie is broken uniformly at random.
/// With no votes at all the result is 0.
///
/// - Returns: a value in [0, 1]; nil when the problem has fewer than k samples.
public func majorityAtK(_ samples: [ScoredSample], k: Int) -> Double? {
    guard k >= 1, samples.count >= k else { return nil }
    var votes: [String: (count: Int, correct: Int)] = [:]
    for i in 0..<k {  // fields read in place: copying whole samples (texts included) costs more than voting
        guard let answer = samples[i].answer else { continue }
        votes[answer, default: (0, 0)].count += 1
        if samples[i].isCorrect { votes[answer, default: (0, 0)].correct += 1 }
    }
    guard let top = votes.values.map(\.count).max() else { return 0 }
    let tied = votes.values.filter { $0.count == top }
    let credit = tied.reduce(0.0) { $0 + Double($1.correct) / Double($1.count) }
    return credit / Double(tied.count)
}
