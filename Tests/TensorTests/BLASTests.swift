// OpenBLAS: the core type in use, and sgemm against a Double reference in every transpose combination.
import Testing
import Tensor

@Suite struct BLASTests {
    @Test func coreTypeIsFastWhenTheCPUSupportsIt() {
        let configuration = BLAS.ensureConfigured()
        if BLAS.supportedFastCore(cpuFlags: BLAS.cpuFlags()) != nil {
            #expect(["skylakex", "haswell", "zen", "cooperlake", "sapphirerapids"].contains(configuration.activeCore.lowercased()),
                    "OpenBLAS runs \(configuration)")
        }
        #expect(BLAS.supportedFastCore(cpuFlags: ["avx2", "fma"]) == "Haswell")
        #expect(BLAS.supportedFastCore(cpuFlags: ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma"]) == "SkylakeX")
        #expect(BLAS.supportedFastCore(cpuFlags: ["sse3"]) == nil)
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func sgemmMatchesReference(transposes: (Bool, Bool)) {
        let (ta, tb) = transposes
        // Odd sizes exercise the kernels' edge handling; one row takes the matrix-vector path.
        for m in [67, 1] {
            checkSgemm(ta: ta, tb: tb, m: m, n: 45, k: 131)
        }
    }

    func checkSgemm(ta: Bool, tb: Bool, m: Int, n: Int, k: Int) {
        let a = Tensor.randn([m * k], seed: 1).data, b = Tensor.randn([k * n], seed: 2).data
        var c = [Float](repeating: 0.5, count: m * n)
        BLAS.sgemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, alpha: 2, a: a, lda: ta ? m : k,
                   b: b, ldb: tb ? k : n, beta: 1, c: &c, ldc: n)
        var worst: Double = 0
        for i in 0..<m {
            for j in 0..<n {
                var s: Double = 0
                for p in 0..<k {
                    let av = ta ? a[p * m + i] : a[i * k + p]
                    let bv = tb ? b[j * k + p] : b[p * n + j]
                    s += Double(av) * Double(bv)
                }
                worst = max(worst, abs(2 * s + 0.5 - Double(c[i * n + j])))
            }
        }
        #expect(worst < 1e-3, "m \(m), transposes \(ta) \(tb): max error \(worst)")
    }
}
