// Every loss and target against values worked out by hand on tiny batches (the arithmetic is in the comments).
import Testing
#if canImport(Glibc)
import Glibc
#endif
import Tensor
@testable import FlowRL

private func close(_ a: [Float], _ b: [Float], _ tolerance: Float = 1e-4) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}

@Suite struct RewardNormalizationTests {
    @Test func groupZScoreUsesTheUnbiasedStd() {
        // mean 0.5, std √(4·0.25/3) = 0.57735 → ±0.5/0.57735 = ±0.866025
        let r = RewardNormalization.group.normalize([1, 0, 0, 1], groups: [0, 0, 0, 0])
        #expect(close(r.map(Float.init), [0.866025, -0.866025, -0.866025, 0.866025]))
    }

    @Test func constantGroupsGiveZeroAndSingletonsKeepTheirReward() {
        // group 0 constant → 0; group 1 has one member: mean 0, std 1 → r̂ = 3/(1 + 1e-6)
        let r = RewardNormalization.group.normalize([2, 2, 3], groups: [0, 0, 1])
        #expect(r[0] == 0 && r[1] == 0)
        #expect(abs(r[2] - 3 / (1 + 1e-6)) < 1e-12)
        #expect(RewardNormalization.none.normalize([2, 2, 3], groups: [0, 0, 1]) == [2, 2, 3])
    }

    @Test func groupsNeedNotBeAdjacent() {
        // groups {0: 1, 3}, {1: 5, 5}: ±√2/2 in group 0 (std √2), 0 in group 1
        let r = RewardNormalization.group.normalize([1, 5, 3, 5], groups: [0, 1, 0, 1])
        #expect(close(r.map(Float.init), [-0.707106, 0, 0.707106, 0]))
    }
}

@Suite struct FlowRLObjectiveTests {
    // B = 2, T = 2; row 1's second position is padding.
    //   mean log π  = (−1.5, −0.5), mean log π_ref = (−1.5, −1), log Z = (0.3, −0.2), r̂ = (0.5, −1), β = 2
    //   δ0 = 0.3 − 1.5 − 1 + 1.5 = −0.7;  δ1 = −0.2 − 0.5 + 2 + 1 = 2.3
    private func inputs() -> (Tensor, Tensor, Tensor, Tensor) {
        let logProbs = Tensor([-1, -2, -0.5, 0], shape: [2, 2], requiresGrad: true)
        let ref = Tensor([-1.5, -1.5, -1, -9], shape: [2, 2])
        let mask = Tensor([1, 1, 1, 0], shape: [2, 2])
        let logZ = Tensor([0.3, -0.2], shape: [2], requiresGrad: true)
        return (logProbs, ref, mask, logZ)
    }

    @Test func lossAndGradientsMatchHandValues() {
        let (logProbs, ref, mask, logZ) = inputs()
        let out = FlowRLObjective.loss(logProbs: logProbs, refLogProbs: ref, mask: mask, logZ: logZ,
                                       normalizedRewards: [0.5, -1], weights: [1, 1], beta: 2)
        #expect(close(out.residuals.data, [-0.7, 2.3]))
        #expect(abs(out.loss.item - (0.49 + 5.29) / 2) < 1e-5)  // 2.89
        out.loss.backward()
        // dL/dlogZ = w·δ (the 2 of δ² over the mean's 1/2); dL/dlog π = w·δ / (valid tokens of the row)
        #expect(close(logZ.grad ?? [], [-0.7, 2.3]))
        #expect(close(logProbs.grad ?? [], [-0.35, -0.35, 2.3, 0]))
    }

    @Test func weightsScaleEachResidual() {
        let (logProbs, ref, mask, logZ) = inputs()
        let out = FlowRLObjective.loss(logProbs: logProbs, refLogProbs: ref, mask: mask, logZ: logZ,
                                       normalizedRewards: [0.5, -1], weights: [1.2, 0.8], beta: 2)
        #expect(abs(out.loss.item - (1.2 * 0.49 + 0.8 * 5.29) / 2) < 1e-5)  // 2.41
    }

    @Test func constantGroupLeavesOnlyTheLogRatioAndLogZ() {
        // rewards (1, 1) in one group → r̂ = 0: δ0 = 0.3 − 1.5 + 1.5 = 0.3, δ1 = −0.2 − 0.5 + 1 = 0.3
        let (logProbs, ref, mask, logZ) = inputs()
        let r = RewardNormalization.group.normalize([1, 1], groups: [0, 0]).map(Float.init)
        let out = FlowRLObjective.loss(logProbs: logProbs, refLogProbs: ref, mask: mask, logZ: logZ,
                                       normalizedRewards: r, weights: [1, 1], beta: 15)
        #expect(close(out.residuals.data, [0.3, 0.3]))
        #expect(abs(out.loss.item - 0.09) < 1e-6)
    }

    @Test func singleSampleGroupsUseTheRawReward() {
        // two groups of one: r̂ = R/(1 + 1e-6) ≈ (0.5, −1), so the hand values of the first test hold
        let (logProbs, ref, mask, logZ) = inputs()
        let r = RewardNormalization.group.normalize([0.5, -1], groups: [0, 1]).map(Float.init)
        let out = FlowRLObjective.loss(logProbs: logProbs, refLogProbs: ref, mask: mask, logZ: logZ,
                                       normalizedRewards: r, weights: [1, 1], beta: 2)
        #expect(close(out.residuals.data, [-0.7, 2.3]))
    }

    @Test(arguments: [
        // log-ratio sums 0.5, 3, −1 → e^0.5 = 1.648721, e^3 = 20.085537, e^−1 = 0.367879
        (ImportanceWeightMode.clip, [Float(1.2), 1.2, 0.8]),
        (ImportanceWeightMode.cap, [Float(1.648721), 10, 0.367879]),
        (ImportanceWeightMode.none, [Float(1.648721), 20.085537, 0.367879]),
    ])
    func importanceWeightModes(mode: ImportanceWeightMode, expected: [Float]) {
        // per-token differences (0.25, 0.25 | 1, 2 | −1, masked 5): the sum runs over valid tokens only
        let current: [Float] = [-0.75, -0.75, 0, 0, -2, 4]
        let old: [Float] = [-1, -1, -1, -2, -1, -1]
        let mask: [Float] = [1, 1, 1, 1, 1, 0]
        let w = FlowRLObjective.importanceWeights(logProbs: current, oldLogProbs: old, mask: mask, batch: 3, mode: mode)
        #expect(close(w, expected))
    }

    @Test func onPolicyWeightsAreOne() {
        let lp: [Float] = [-1, -2, -3, -4]
        for mode in ImportanceWeightMode.allCases {
            #expect(FlowRLObjective.importanceWeights(logProbs: lp, oldLogProbs: lp, mask: [1, 1, 1, 1], batch: 2,
                                                      mode: mode) == [1, 1])
        }
    }
}

@Suite struct GRPOObjectiveTests {
    @Test func advantagesAreTheGroupZScore() {
        // mean 0.25, std √(0.75/3) = 0.5 → (1.5, −0.5, −0.5, −0.5)
        #expect(close(GRPOObjective.advantages(rewards: [1, 0, 0, 0], groups: [0, 0, 0, 0]), [1.5, -0.5, -0.5, -0.5]))
    }

    @Test func clippedSurrogateWithDualClip() {
        // row 0 (A = +1): ratios 1.5 → max(−1.5, −1.2) = −1.2 (clipped, no gradient); 0.9 → −0.9 (gradient −r/4)
        // row 1 (A = −1): ratio 5 → max(5, 1.2) = 5 → min(5, 3) = 3 (dual clip, no gradient);
        //                 ratio 0.5 → max(0.5, 0.8) = 0.8 (clipped, no gradient)
        // token-mean: (−1.2 − 0.9 + 3 + 0.8)/4 = 0.425
        let old = Tensor([-1, -1, -2, -2], shape: [2, 2])
        let ratios: [Float] = [1.5, 0.9, 5, 0.5]
        let logProbs = Tensor(zip(old.data, ratios).map { $0 + logf($1) }, shape: [2, 2], requiresGrad: true)
        let out = GRPOObjective.loss(logProbs: logProbs, oldLogProbs: old, refLogProbs: old, mask: Tensor.full([2, 2], 1),
                                     advantages: [1, -1], klCoefficient: 0)
        #expect(abs(out.loss.item - 0.425) < 1e-5)
        out.loss.backward()
        #expect(close(logProbs.grad ?? [], [0, -0.225, 0, 0]))
    }

    @Test func k3KLTermAndPaddingAreTokenMeans() {
        // valid tokens: log π = −1, log π_ref = −1.5 → k = −0.5, exp(−0.5) + 0.5 − 1 = 0.106531; A = 0 → surrogate 0
        // the padded position (k would be large) is ignored; loss = 0.1 · 0.106531
        let logProbs = Tensor([-1, -1, -3], shape: [1, 3], requiresGrad: true)
        let ref = Tensor([-1.5, -1.5, 0], shape: [1, 3])
        let out = GRPOObjective.loss(logProbs: logProbs, oldLogProbs: logProbs.detached(), refLogProbs: ref,
                                     mask: Tensor([1, 1, 0], shape: [1, 3]), advantages: [0], klCoefficient: 0.1)
        #expect(abs(out.kl.item - 0.106531) < 1e-5)
        #expect(abs(out.loss.item - 0.0106531) < 1e-6)
    }

    @Test func kEstimators() {
        // log π = −1, log π_ref = −2: k1 = 1, k2 = 0.5, k3 = e^−1 + 1 − 1 = 0.367879
        let lp = Tensor([-1], shape: [1]), ref = Tensor([-2], shape: [1])
        #expect(KLEstimator.k1.perToken(logProbs: lp, refLogProbs: ref).item == 1)
        #expect(KLEstimator.k2.perToken(logProbs: lp, refLogProbs: ref).item == 0.5)
        #expect(abs(KLEstimator.k3.perToken(logProbs: lp, refLogProbs: ref).item - 0.367879) < 1e-6)
    }
}

@Suite struct ReinforcePlusPlusTests {
    @Test func returnsWhitenedOverTheBatch() {
        // returns (1, 1, 0, 0): mean 0.5, unbiased std √(1/3) → ±0.866025; padding stays 0
        let a = ReinforcePlusPlus.advantages(rewards: [1, 0], groups: [0, 1], mask: [1, 1, 0, 1, 1, 0], groupBaseline: false)
        #expect(close(a, [0.866025, 0.866025, 0, -0.866025, -0.866025, 0]))
    }

    @Test func baselineVariantSubtractsTheGroupMeanFirst() {
        // group means 0.5 and 3 → scores (0.5, −0.5, 0, 0); mean 0, std √(0.5/3) = 0.408248 → ±1.224745
        let a = ReinforcePlusPlus.advantages(rewards: [1, 0, 3, 3], groups: [0, 0, 1, 1], mask: [1, 1, 1, 1],
                                             groupBaseline: true)
        #expect(close(a, [1.224745, -1.224745, 0, 0]))
    }
}

@Suite struct PPOObjectiveTests {
    @Test func gaeWithUnitGammaAndLambda() {
        // V = (0.5, 0.2, 0.1), R = 1 at the last token: δ = (−0.3, −0.1, 0.9) → A = (0.5, 0.8, 0.9), returns = 1;
        // whitened: mean 0.733333, std 0.208167 → (−1.120897, 0.320256, 0.800641)
        let e = PPOObjective.gae(rewards: [1], values: [0.5, 0.2, 0.1, 7], mask: [1, 1, 1, 0])
        #expect(close(e.returns, [1, 1, 1, 0]))
        #expect(close(e.advantages, [-1.120897, 0.320256, 0.800641, 0]))
    }

    @Test func gaeWithDiscounting() {
        // γ = 0.9, λ = 0.5: A2 = 0.9; δ1 = 0.09 − 0.2 = −0.11, A1 = −0.11 + 0.45·0.9 = 0.295;
        // δ0 = 0.18 − 0.5 = −0.32, A0 = −0.32 + 0.45·0.295 = −0.18725; returns = A + V = (0.31275, 0.495, 1.0)
        let e = PPOObjective.gae(rewards: [1], values: [0.5, 0.2, 0.1], mask: [1, 1, 1], gamma: 0.9, lambda: 0.5)
        #expect(close(e.returns, [0.31275, 0.495, 1.0]))
    }

    @Test func clippedValueLoss() {
        // token 0: V 1.5, V_old 0.2, R 1 → (0.5)² = 0.25 vs clipped 0.7 → 0.09: max 0.25 (gradient 2·0.5·½·½ = 0.25)
        // token 1: V −0.5, V_old 0.5, R −0.4 → 0.01 vs clipped 0.0 → 0.16: max 0.16 (clipped: no gradient)
        // loss = ½ · (0.25 + 0.16)/2 = 0.1025
        let values = Tensor([1.5, -0.5], shape: [1, 2], requiresGrad: true)
        let loss = PPOObjective.valueLoss(values: values, oldValues: Tensor([0.2, 0.5], shape: [1, 2]),
                                          returns: Tensor([1, -0.4], shape: [1, 2]), mask: Tensor.full([1, 2], 1))
        #expect(abs(loss.item - 0.1025) < 1e-6)
        loss.backward()
        #expect(close(values.grad ?? [], [0.25, 0]))
    }
}
