// Matrix products on cblas_sgemm: matmul (2-D, or a stack of row vectors times one matrix), batched matmul, and the
// fused linear layer y = x·Wᵀ + b with PyTorch's (out, in) weight layout.

extension Tensor {
    /// `self` (..., M, K) times `other` (K, N) → (..., M, N); leading dimensions are folded into rows.
    /// With `transposingOther`, `other` is (N, K) and is used as its transpose.
    /// - Complexity: 2·rows·K·N flops forward, twice that backward.
    public func matmul(_ other: Tensor, transposingOther: Bool = false) -> Tensor {
        precondition(rank >= 1 && other.rank == 2, "matmul: need (..., K) x (K, N), got \(shape) x \(other.shape)")
        let k = shape[rank - 1]
        let n = transposingOther ? other.shape[0] : other.shape[1]
        precondition((transposingOther ? other.shape[1] : other.shape[0]) == k,
                     "matmul: inner dimensions differ in \(shape) x \(other.shape)\(transposingOther ? "ᵀ" : "")")
        let m = count / Swift.max(k, 1)
        var out = [Float](repeating: 0, count: m * n)
        let a = data, b = other.data
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { pc in
                    BLAS.sgemm(transposeA: false, transposeB: transposingOther, m: m, n: n, k: k,
                               a: pa.baseAddress, lda: k, b: pb.baseAddress, ldb: transposingOther ? k : n,
                               c: pc.baseAddress, ldc: n)
                }
            }
        }
        return Tensor.result(out, shape: Array(shape.dropLast()) + [n], inputs: [self, other]) { [self] g in
            g.withUnsafeBufferPointer { pg in
                if self.requiresGrad {
                    // dA (m, k) += dC (m, n) · Bᵀ   [B is (k, n)], or dC · B   [B stored (n, k)]
                    self.accumulate { ga in
                        b.withUnsafeBufferPointer { pb in
                            BLAS.sgemm(transposeA: false, transposeB: !transposingOther, m: m, n: k, k: n,
                                       a: pg.baseAddress, lda: n, b: pb.baseAddress, ldb: transposingOther ? k : n,
                                       beta: 1, c: ga.baseAddress, ldc: k)
                        }
                    }
                }
                if other.requiresGrad {
                    other.accumulate { gb in
                        a.withUnsafeBufferPointer { pa in
                            if transposingOther {
                                // dB (n, k) += dCᵀ (n, m) · A (m, k)
                                BLAS.sgemm(transposeA: true, transposeB: false, m: n, n: k, k: m,
                                           a: pg.baseAddress, lda: n, b: pa.baseAddress, ldb: k,
                                           beta: 1, c: gb.baseAddress, ldc: k)
                            } else {
                                // dB (k, n) += Aᵀ (k, m) · dC (m, n)
                                BLAS.sgemm(transposeA: true, transposeB: false, m: k, n: n, k: m,
                                           a: pa.baseAddress, lda: k, b: pg.baseAddress, ldb: n,
                                           beta: 1, c: gb.baseAddress, ldc: n)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Fused linear layer: `self` (..., in) · weightᵀ + bias with weight (out, in) and bias (out) → (..., out).
    public func linear(weight: Tensor, bias: Tensor?) -> Tensor {
        let y = matmul(weight, transposingOther: true)
        guard let bias else { return y }
        precondition(bias.shape == [weight.shape[0]], "linear: bias \(bias.shape) for weight \(weight.shape)")
        return y.addingRowVector(bias)
    }

    /// `self` (..., N) plus a row vector (N) broadcast over rows: the bias add, with a fast column-sum backward.
    public func addingRowVector(_ vector: Tensor) -> Tensor {
        let n = vector.count
        precondition(shape.last == n, "addingRowVector: \(vector.shape) does not match the last axis of \(shape)")
        var out = data
        let rows = count / Swift.max(n, 1)
        vector.data.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { y in
                for r in 0..<rows { for j in 0..<n { y[r * n + j] += v[j] } }
            }
        }
        return Tensor.result(out, shape: shape, inputs: [self, vector]) { [self] g in
            self.accumulate(g)
            vector.accumulate { gv in
                for r in 0..<rows { for j in 0..<n { gv[j] += g[r * n + j] } }
            }
        }
    }

    /// Batched matmul: `self` (B, M, K) times `other` (B, K, N) → (B, M, N), one sgemm per batch entry.
    public func batchedMatmul(_ other: Tensor) -> Tensor {
        precondition(rank == 3 && other.rank == 3 && shape[0] == other.shape[0] && shape[2] == other.shape[1],
                     "batchedMatmul: need (B, M, K) x (B, K, N), got \(shape) x \(other.shape)")
        let batch = shape[0], m = shape[1], k = shape[2], n = other.shape[2]
        var out = [Float](repeating: 0, count: batch * m * n)
        let a = data, b = other.data
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { pc in
                    for i in 0..<batch {
                        BLAS.sgemm(transposeA: false, transposeB: false, m: m, n: n, k: k,
                                   a: pa.baseAddress?.advanced(by: i * m * k), lda: k, b: pb.baseAddress?.advanced(by: i * k * n), ldb: n,
                                   c: pc.baseAddress?.advanced(by: i * m * n), ldc: n)
                    }
                }
            }
        }
        return Tensor.result(out, shape: [batch, m, n], inputs: [self, other]) { [self] g in
            g.withUnsafeBufferPointer { pg in
                self.accumulate { ga in
                    b.withUnsafeBufferPointer { pb in
                        for i in 0..<batch {  // dA_i += dC_i · B_iᵀ
                            BLAS.sgemm(transposeA: false, transposeB: true, m: m, n: k, k: n,
                                       a: pg.baseAddress?.advanced(by: i * m * n), lda: n, b: pb.baseAddress?.advanced(by: i * k * n), ldb: n,
                                       beta: 1, c: ga.baseAddress?.advanced(by: i * m * k), ldc: k)
                        }
                    }
                }
                other.accumulate { gb in
                    a.withUnsafeBufferPointer { pa in
                        for i in 0..<batch {  // dB_i += A_iᵀ · dC_i
                            BLAS.sgemm(transposeA: true, transposeB: false, m: k, n: n, k: m,
                                       a: pa.baseAddress?.advanced(by: i * m * k), lda: k, b: pg.baseAddress?.advanced(by: i * m * n), ldb: n,
                                       beta: 1, c: gb.baseAddress?.advanced(by: i * k * n), ldc: n)
                        }
                    }
                }
            }
        }
    }
}
