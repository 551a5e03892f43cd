// Every differentiable op's gradient against finite differences.
import Foundation
import Testing
import Tensor

@Suite struct ElementwiseGradientTests {
    @Test func arithmeticWithBroadcasting() {
        let a = parameter([2, 3, 4], seed: 1), b = parameter([3, 1], seed: 2), c = parameter([4], seed: 3)
        checkGradients([a, b, c]) { x in x[0] + x[1] }
        checkGradients([a, b, c]) { x in x[0] - x[2] }
        checkGradients([a, b, c]) { x in x[0] * x[1] * x[2] }
        let positive = Tensor(parameter([3, 1], seed: 4).data.map { abs($0) + 0.5 }, shape: [3, 1], requiresGrad: true)
        checkGradients([a, positive]) { x in x[0] / x[1] }
    }

    @Test func minimumMaximumClamp() {
        // Values spaced away from ties and limits so the kinks are not inside the finite-difference step.
        let a = Tensor((0..<12).map { Float($0) * 0.3 - 1.7 }, shape: [12], requiresGrad: true)
        let b = Tensor((0..<12).map { Float(11 - $0) * 0.3 - 1.55 }, shape: [12], requiresGrad: true)
        checkGradients([a, b]) { x in x[0].minimum(x[1]) }
        checkGradients([a, b]) { x in x[0].maximum(x[1]) }
        checkGradients([a]) { x in x[0].clamped(min: -0.95, max: 0.85) }
        #expect(a.clamped(min: -1, max: 1).data.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    @Test func unaryMaps() {
        let x = parameter([5, 7], seed: 5)
        checkGradients([x]) { $0[0].exp() }
        checkGradients([x]) { $0[0].tanh() }
        checkGradients([x]) { $0[0].sigmoid() }
        checkGradients([x]) { $0[0].gelu() }
        checkGradients([x]) { $0[0].squared() }
        checkGradients([x]) { $0[0].scaled(by: -3) + 2 }
        let p = Tensor(x.data.map { abs($0) + 0.5 }, shape: x.shape, requiresGrad: true)
        checkGradients([p]) { $0[0].log() }
        checkGradients([p]) { $0[0].sqrt() }
    }

    @Test func geluMatchesHandValues() {
        // GELU(1) ≈ 0.841192, GELU(-1) ≈ -0.158808 (tanh approximation).
        let y = Tensor([1, -1, 0], shape: [3]).gelu().data
        #expect(abs(y[0] - 0.841192) < 1e-5 && abs(y[1] + 0.158808) < 1e-5 && y[2] == 0)
    }

    @Test func vectorisedGeluMatchesAFloat64ReferenceEverywhere() {
        // 1001 points (not a multiple of the 8 SIMD lanes, so the tail path runs too), plus far-out values.
        var xs = (0...1000).map { Float(-10 + 0.02 * Double($0)) }
        xs += [-88, -50, 50, 88, 1e-6, -1e-6]
        func reference(_ x: Double) -> (Double, Double) {
            let u = 0.7978845608028654 * (x + 0.044715 * x * x * x), t = Foundation.tanh(u)
            return (0.5 * x * (1 + t), 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * 0.7978845608028654 * (1 + 3 * 0.044715 * x * x))
        }
        let input = Tensor(xs, shape: [xs.count], requiresGrad: true)
        let y = input.gelu()
        y.sum().backward()
        let grad = input.grad ?? []
        var worstValue = 0.0, worstGrad = 0.0
        for (i, x) in xs.enumerated() {
            let (value, slope) = reference(Double(x))
            worstValue = max(worstValue, abs(Double(y.data[i]) - value) / max(1, abs(value)))
            worstGrad = max(worstGrad, abs(Double(grad[i]) - slope))
        }
        #expect(worstValue < 1e-6, "largest GELU error \(worstValue)")
        #expect(worstGrad < 1e-5, "largest GELU gradient error \(worstGrad)")
        #expect(y.data.allSatisfy(\.isFinite) && grad.allSatisfy(\.isFinite))
    }
}

@Suite struct ReductionGradientTests {
    @Test func sumsAndMeans() {
        let x = parameter([3, 4, 5], seed: 6)
        checkGradients([x]) { $0[0].sum() }
        checkGradients([x]) { $0[0].mean() }
        checkGradients([x]) { $0[0].sum(axis: 1) }
        checkGradients([x]) { $0[0].mean(axis: -1, keepingDimension: true) }
        checkGradients([x]) { $0[0].sum(axis: 0) }
        #expect(abs(Tensor([1, 2, 3, 4], shape: [2, 2]).mean(axis: 0).data[1] - 3) < 1e-6)
    }

    @Test func maskedMeans() {
        let x = parameter([3, 5], seed: 7)
        let mask = Tensor([1, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0], shape: [3, 5])
        checkGradients([x]) { $0[0].maskedMean(mask, axis: 1) }
        checkGradients([x]) { $0[0].maskedMean(mask) }
        checkGradients([x]) { $0[0].maskedSum(mask) }
        let m = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]).maskedMean(Tensor([1, 0, 1, 0, 0, 0], shape: [2, 3]), axis: 1)
        #expect(abs(m.data[0] - 2) < 1e-5 && abs(m.data[1]) < 1e-5)  // an all-masked row is 0, not NaN
    }
}

@Suite struct IndexingGradientTests {
    @Test func reshapeRowsEmbeddingGather() {
        let x = parameter([4, 6], seed: 8)
        checkGradients([x]) { $0[0].reshaped([2, -1, 3]) }
        checkGradients([x]) { $0[0].rows(1..<3) }
        checkGradients([x]) { $0[0].embedding([3, 0, 3, 1, 2], shape: [5]) }
        checkGradients([x]) { $0[0].gather(lastAxis: [5, 0, 2, 2]) }
        #expect(x.gather(lastAxis: [1, 1, 1, 1]).data == [x.data[1], x.data[7], x.data[13], x.data[19]])
    }
}

@Suite struct MatMulGradientTests {
    @Test func matmulLinearBatched() {
        let a = parameter([2, 3, 5], seed: 9), w = parameter([5, 4], seed: 10), wt = parameter([4, 5], seed: 11)
        let bias = parameter([4], seed: 12)
        checkGradients([a, w]) { x in x[0].matmul(x[1]) }
        checkGradients([a, wt]) { x in x[0].matmul(x[1], transposingOther: true) }
        checkGradients([a, wt, bias]) { x in x[0].linear(weight: x[1], bias: x[2]) }
        let b = parameter([2, 5, 3], seed: 13)
        checkGradients([a, b]) { x in x[0].batchedMatmul(x[1]) }
    }

    @Test func matmulMatchesHandProduct() {
        let a = Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]), b = Tensor([7, 8, 9, 10, 11, 12], shape: [3, 2])
        #expect(a.matmul(b).data == [58, 64, 139, 154])
    }
}

@Suite struct SoftmaxGradientTests {
    @Test func softmaxFamily() {
        let x = parameter([3, 7], seed: 14, std: 2)
        checkGradients([x]) { $0[0].softmax() }
        checkGradients([x]) { $0[0].logSoftmax() }
        checkGradients([x]) { $0[0].selectedLogProbs([1, 6, 0]) }
        checkGradients([x]) { $0[0].crossEntropy([2, -1, 4]) }
    }

    @Test func crossEntropyMatchesHandValueAndIsStable() {
        // Uniform logits over 4 classes: loss = log 4.
        #expect(abs(Tensor.zeros([2, 4]).crossEntropy([0, 3]).item - 1.386294) < 1e-5)
        let huge = Tensor([1000, 0, -1000], shape: [1, 3])
        #expect(abs(huge.logSoftmax().data[0]) < 1e-6 && huge.softmax().data.allSatisfy(\.isFinite))
    }
}

@Suite struct NormalizationGradientTests {
    @Test func layerNormAndRMSNorm() {
        let x = parameter([4, 8], seed: 15), w = parameter([8], seed: 16), b = parameter([8], seed: 17)
        checkGradients([x, w, b]) { v in v[0].layerNorm(weight: v[1], bias: v[2]) }
        checkGradients([x, w]) { v in v[0].rmsNorm(weight: v[1]) }
        let y = Tensor([1, 2, 3, 4], shape: [1, 4]).layerNorm(weight: Tensor.full([4], 1), bias: nil)
        #expect(abs(y.data.reduce(0, +)) < 1e-5 && abs(y.data[3] - 1.341635) < 1e-4)
    }

    @Test func seededDropout() {
        let x = parameter([6, 10], seed: 18)
        checkGradients([x]) { v in
            var generator = SeededGenerator(seed: 5)
            return v[0].dropout(0.3, using: &generator)
        }
        var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 5)
        #expect(x.dropout(0.3, using: &g1).data == x.dropout(0.3, using: &g2).data)
    }
}

@Suite struct AttentionGradientTests {
    @Test(arguments: [false, true]) func causalSelfAttention(rotary: Bool) {
        let qkv = parameter([2, 5, 3 * 8], seed: 19)
        checkGradients([qkv]) { $0[0].causalSelfAttention(heads: 2, rotary: rotary) }
    }

    @Test func parallelHeadsLargeEnoughToRunConcurrently() {
        // 4·T·T·D = 2²⁰ flops per head reaches the threshold where heads run on all cores (forward and backward).
        let qkv = parameter([2, 64, 3 * 128], seed: 22)
        checkGradients([qkv], samples: 6) { $0[0].causalSelfAttention(heads: 2, rotary: true) }
    }

    /// A prefix then one position at a time through a KV cache gives the outputs of one full causal pass, with
    /// logits large enough (std 3) that a wrong scale or softmax in the one-query path shows.
    @Test(arguments: [false, true])
    func cachedAttentionEqualsTheFullPass(rotary: Bool) {
        let (b, t, h, d) = (2, 7, 2, 12)
        let c = h * d
        let qkv = Tensor.randn([b, t, 3 * c], std: 3, seed: 23)
        let full = Tensor.withoutGrad { qkv.causalSelfAttention(heads: h, rotary: rotary) }.data
        let cache = KVCache(layers: 1, batch: b, heads: h, headDimension: d, capacity: t)
        func positions(_ range: Range<Int>) -> Tensor {
            var rows: [Float] = []
            let width = 3 * c
            for bi in 0..<b {
                for ti in range {
                    let start: Int = (bi * t + ti) * width
                    rows.append(contentsOf: qkv.data[start..<(start + width)])
                }
            }
            return Tensor(rows, shape: [b, range.count, 3 * c])
        }
        var chunks = [0..<3]
        for p in 3..<t { chunks.append(p..<(p + 1)) }
        for range in chunks {
            let out = Tensor.withoutGrad { positions(range).causalSelfAttention(heads: h, rotary: rotary, cache: cache) }
            cache.advance(by: range.count)
            for bi in 0..<b {
                for (row, ti) in range.enumerated() {
                    for j in 0..<c {
                        let cachedIndex: Int = (bi * range.count + row) * c + j
                        let referenceIndex: Int = (bi * t + ti) * c + j
                        let (cached, reference) = (out.data[cachedIndex], full[referenceIndex])
                        #expect(abs(cached - reference) < 1e-4, "b \(bi) position \(ti) channel \(j): \(cached) vs \(reference)")
                    }
                }
            }
        }
    }

    @Test func firstPositionAttendsOnlyToItself() {
        // With one head and T = 2, position 0's output is exactly its own value vector.
        let qkv = Tensor.randn([1, 2, 6], seed: 20)
        let y = qkv.causalSelfAttention(heads: 1, rotary: false)
        #expect(Array(y.data[0..<2]) == Array(qkv.data[4..<6]))
    }
}

@Suite struct AutodiffTests {
    @Test func noGradDetachAndAccumulation() {
        let x = parameter([3], seed: 21)
        let y = Tensor.withoutGrad { x * 2 }
        #expect(!y.requiresGrad)
        let z = (x * x.detached()).sum()
        z.backward()
        #expect(x.grad == x.data)  // d/dx Σ x·stop(x) = x
        x.zeroGrad()
        // x used twice: gradients accumulate.
        (x + x).sum().backward()
        #expect(x.grad == [2, 2, 2])
    }
}
