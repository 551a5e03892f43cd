// AdamW and SGD updates against hand-computed values; clipping; non-finite steps skipped; schedules.
import Testing
import Tensor

@Suite struct OptimizerTests {
    @Test func adamWFirstStepMatchesHandValue() {
        // Step 1: m̂ = g, v̂ = g², update = lr·(g/(|g|+ε) + λ·p) = lr·(sign(g) + λ·p).
        let p = Tensor([1, -2], shape: [2], requiresGrad: true)
        let adam = AdamW(groups: [ParameterGroup([p], weightDecay: 0.1)],
                         schedule: .warmupConstant(peak: 0.01, warmupSteps: 0), maxGradientNorm: nil)
        p.grad = [0.5, -3]
        let report = adam.step()
        #expect(!report.skipped && adam.stepCount == 1)
        #expect(abs(p.data[0] - (1 - 0.01 * (1 + 0.1))) < 1e-6)
        #expect(abs(p.data[1] - (-2 - 0.01 * (-1 - 0.2))) < 1e-6)
        #expect(p.grad == nil)
    }

    @Test func nonFiniteGradientNormSkipsTheStep() {
        let p = Tensor([1, 2], shape: [2], requiresGrad: true)
        let adam = AdamW(groups: [ParameterGroup([p])], schedule: .warmupConstant(peak: 0.1, warmupSteps: 0))
        p.grad = [.nan, 1]
        let report = adam.step()
        #expect(report.skipped && !report.gradientNorm.isFinite)
        #expect(p.data == [1, 2] && adam.stepCount == 0 && p.grad == nil)
    }

    @Test func clippingScalesToTheGlobalNorm() {
        let a = Tensor.zeros([2], requiresGrad: true), b = Tensor.zeros([1], requiresGrad: true)
        a.grad = [3, 0]; b.grad = [4]
        let norm = GradientClipping.clip([a, b], maxNorm: 1)
        #expect(abs(norm - 5) < 1e-6)
        #expect(abs(GradientClipping.globalNorm([a, b]) - 1) < 1e-5)
    }

    @Test func sgdWithMomentumAndGroups() {
        let p = Tensor([1], shape: [1], requiresGrad: true), q = Tensor([1], shape: [1], requiresGrad: true)
        let sgd = SGD(groups: [ParameterGroup([p]), ParameterGroup([q], learningRateScale: 0)],
                      schedule: .warmupConstant(peak: 0.1, warmupSteps: 0), momentum: 0.9)
        p.grad = [1]; q.grad = [1]
        sgd.step()
        p.grad = [1]
        sgd.step()
        // v1 = 1, p = 0.9; v2 = 0.9 + 1 = 1.9, p = 0.9 − 0.19 = 0.71; q's group has learning rate 0.
        #expect(abs(p.data[0] - 0.71) < 1e-6 && q.data[0] == 1)
    }

    @Test func schedules() {
        let constant = LearningRateSchedule.warmupConstant(peak: 1, warmupSteps: 10)
        #expect(abs(constant.rate(at: 0) - 0.1) < 1e-6 && constant.rate(at: 9) == 1 && constant.rate(at: 1000) == 1)
        let cosine = LearningRateSchedule.warmupCosine(peak: 1, warmupSteps: 10, totalSteps: 110, minimum: 0.1)
        #expect(cosine.rate(at: 10) == 1)
        #expect(abs(cosine.rate(at: 60) - 0.55) < 1e-5)
        #expect(abs(cosine.rate(at: 110) - 0.1) < 1e-6 && abs(cosine.rate(at: 500) - 0.1) < 1e-6)
    }
}
