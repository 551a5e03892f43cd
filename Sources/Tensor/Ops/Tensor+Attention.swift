// Fused causal multi-head self-attention, llm.c style: input the packed (B, T, 3C) projection q|k|v, output
// (B, T, C). Optional rotary position embedding (RoPE, interleaved pairs) on q and k. With a KV cache (inference
// only) the new keys/values are appended and queries attend to the whole cached prefix. Heads run in parallel.
#if canImport(Glibc)
import Glibc
#endif

/// Keys and values of earlier positions for every layer, for incremental decoding.
///
/// Layout per layer: (B, H, capacity, D). `length` positions are filled; the model advances it after each forward.
public final class KVCache {
    /// Sequences in the batch.
    public let batch: Int
    /// Attention heads per layer.
    public let heads: Int
    /// Channels per head.
    public let headDimension: Int
    /// Maximum positions.
    public let capacity: Int
    /// Positions filled so far.
    public internal(set) var length = 0
    var keys: [[Float]]
    var values: [[Float]]

    /// An empty cache for `layers` layers.
    public init(layers: Int, batch: Int, heads: Int, headDimension: Int, capacity: Int) {
        self.batch = batch
        self.heads = heads
        self.headDimension = headDimension
        self.capacity = capacity
        let size = batch * heads * capacity * headDimension
        keys = Array(repeating: [Float](repeating: 0, count: size), count: layers)
        values = keys
    }

    /// Marks `count` more positions as filled (called once per forward, after all layers).
    public func advance(by count: Int) {
        precondition(length + count <= capacity, "KVCache: \(length + count) positions exceed capacity \(capacity)")
        length += count
    }
}

/// Rotary embedding (RoPE) for a run of positions: pairs (2i, 2i+1) of a head vector rotated by
/// position · 10000^(−2i/D). The cosines and sines are computed once per attention call, not per head.
struct RotaryTable: Sendable {
    private let half: Int
    private let start: Int
    private let cosines: [Float]
    private let sines: [Float]

    init(dimension d: Int, positions: Range<Int>) {
        half = d / 2
        start = positions.lowerBound
        let frequencies = (0..<half).map { powf(10000, -Float(2 * $0) / Float(d)) }
        var c = [Float](repeating: 0, count: positions.count * half), s = c
        for (row, position) in positions.enumerated() {
            for i in 0..<half {
                let angle = Float(position) * frequencies[i]
                c[row * half + i] = cosf(angle)
                s[row * half + i] = sinf(angle)
            }
        }
        cosines = c
        sines = s
    }

    /// Rotates the head vector at `x` (D floats) for `position` in place; `inverse` rotates back (for gradients).
    @inline(__always)
    func apply(_ x: UnsafeMutablePointer<Float>, position: Int, inverse: Bool = false) {
        let base = (position - start) * half
        cosines.withUnsafeBufferPointer { cp in
            sines.withUnsafeBufferPointer { sp in
                for i in 0..<half {
                    let c = cp[base + i], s = inverse ? -sp[base + i] : sp[base + i]
                    let a = x[2 * i], b = x[2 * i + 1]
                    x[2 * i] = a * c - b * s
                    x[2 * i + 1] = a * s + b * c
                }
            }
        }
    }
}

/// Attention of one query over `count` keys and values (a cached sampling step), SIMD across the head dimension:
/// scores = scale · q·kⱼ, softmax, out = Σⱼ pⱼ vⱼ. Same arithmetic as the general path up to summation order.
enum SingleQueryAttention {
    /// - Parameters:
    ///   - keys, values: `count` rows of `dimension` floats each.
    ///   - scores: room for `count` floats (overwritten with the probabilities).
    ///   - out: `dimension` floats, overwritten.
    static func run(query: UnsafePointer<Float>, keys: UnsafePointer<Float>, values: UnsafePointer<Float>, count: Int,
                    dimension d: Int, scale: Float, scores: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>) {
        let vectorized = d - d % 8
        for j in 0..<count {
            let key = keys + j * d
            var acc = SIMD8<Float>(repeating: 0)
            var i = 0
            while i < vectorized {
                acc.addProduct(load(query + i), load(key + i))
                i += 8
            }
            var dot = acc.sum()
            while i < d { dot += query[i] * key[i]; i += 1 }
            scores[j] = dot * scale
        }
        softmax(scores, visible: count, width: count)
        out.update(repeating: 0, count: d)
        for j in 0..<count {
            let weight = scores[j]
            let value = values + j * d
            let w = SIMD8<Float>(repeating: weight)
            var i = 0
            while i < vectorized {
                var o = load(out + i)
                o.addProduct(w, load(value + i))
                UnsafeMutableRawPointer(out + i).storeBytes(of: o, as: SIMD8<Float>.self)
                i += 8
            }
            while i < d { out[i] += weight * value[i]; i += 1 }
        }
    }

    /// A causal row's numerically stable softmax in place: the first `visible` of `width` scores become
    /// probabilities, the masked rest 0. Both attention paths normalise rows through this.
    @inline(__always)
    static func softmax(_ row: UnsafeMutablePointer<Float>, visible: Int, width: Int) {
        var m = -Float.infinity
        for j in 0..<visible { m = Swift.max(m, row[j]) }
        var total: Float = 0
        for j in 0..<visible { let e = expf(row[j] - m); row[j] = e; total += e }
        let inverse = 1 / total
        for j in 0..<visible { row[j] *= inverse }
        for j in visible..<width { row[j] = 0 }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func load(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> { load(UnsafePointer(p)) }
}

/// Unchecked wrapper so disjoint writes from parallel iterations can share a base pointer.
struct SharedPointer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
}

extension Tensor {
    /// Causal self-attention over the packed projection `self` (B, T, 3C) with `heads` heads → (B, T, C).
    ///
    /// - Parameters:
    ///   - rotary: apply RoPE to q and k at their absolute positions.
    ///   - cache: for inference: appends this step's keys and values to `layer` of the cache and attends to all
    ///     `cache.length + T` positions (the caller advances the cache). No gradient flows through a cached call.
    /// - Complexity: 4·B·T²·C flops forward (T² becomes T·(prefix+T) with a cache).
    public func causalSelfAttention(heads: Int, rotary: Bool, cache: KVCache? = nil, layer: Int = 0) -> Tensor {
        precondition(rank == 3 && shape[2] % (3 * heads) == 0, "attention: need (B, T, 3C) with C divisible by heads, got \(shape)")
        let b = shape[0], t = shape[1], c = shape[2] / 3, h = heads, d = c / h
        let offset = cache?.length ?? 0
        let tk = offset + t
        let scale = 1 / Float(d).squareRoot()
        if let cache {
            precondition(cache.batch == b && cache.heads == h && cache.headDimension == d,
                         "attention: cache (B \(cache.batch), H \(cache.heads), D \(cache.headDimension)) for input B \(b), H \(h), D \(d)")
            precondition(tk <= cache.capacity, "attention: \(tk) positions exceed the cache capacity \(cache.capacity)")
        }
        let recording = Tensor.isGradEnabled && requiresGrad && cache == nil
        let table = rotary ? RotaryTable(dimension: d, positions: offset..<tk) : nil
        var out = [Float](repeating: 0, count: b * t * c)
        // Saved for backward, per (b, h): roped q, k, v (T, D) and probabilities P (T, T).
        var savedQ = [Float](repeating: 0, count: recording ? b * h * t * d : 0)
        var savedK = savedQ, savedV = savedQ
        var savedP = [Float](repeating: 0, count: recording ? b * h * t * t : 0)
        var cacheKeys = cache?.keys[layer] ?? []
        var cacheValues = cache?.values[layer] ?? []
        cache?.keys[layer] = []  // keep the arrays uniquely referenced while we write
        cache?.values[layer] = []
        let capacity = cache?.capacity ?? 0
        data.withUnsafeBufferPointer { xBuffer in
            let x = xBuffer.baseAddress.unsafelyUnwrapped
            let o = SharedPointer(base: out.withUnsafeMutableBufferPointer { $0.baseAddress.unsafelyUnwrapped })
            let sq = savedQ.withUnsafeMutableBufferPointer { $0.baseAddress }
            let sk = savedK.withUnsafeMutableBufferPointer { $0.baseAddress }
            let sv = savedV.withUnsafeMutableBufferPointer { $0.baseAddress }
            let sp = savedP.withUnsafeMutableBufferPointer { $0.baseAddress }
            // The arrays are not resized or reassigned until the loop ends, so these addresses stay valid.
            let ck = cache == nil ? nil : cacheKeys.withUnsafeMutableBufferPointer { $0.baseAddress }
            let cv = cache == nil ? nil : cacheValues.withUnsafeMutableBufferPointer { $0.baseAddress }
            Parallel.forEach(b * h, workPerItem: 4 * t * tk * d) { bh in
                let bi = bh / h, hi = bh % h
                var q = [Float](repeating: 0, count: t * d)
                var k = [Float](repeating: 0, count: t * d)
                var v = [Float](repeating: 0, count: t * d)
                var p = [Float](repeating: 0, count: t * tk)
                var y = [Float](repeating: 0, count: t * d)
                q.withUnsafeMutableBufferPointer { q in
                k.withUnsafeMutableBufferPointer { k in
                v.withUnsafeMutableBufferPointer { v in
                p.withUnsafeMutableBufferPointer { p in
                y.withUnsafeMutableBufferPointer { y in
                    let qp = q.baseAddress.unsafelyUnwrapped, kp = k.baseAddress.unsafelyUnwrapped
                    let vp = v.baseAddress.unsafelyUnwrapped, pp = p.baseAddress.unsafelyUnwrapped
                    for ti in 0..<t {
                        let row = x + (bi * t + ti) * 3 * c + hi * d
                        for j in 0..<d { qp[ti * d + j] = row[j]; kp[ti * d + j] = row[c + j]; vp[ti * d + j] = row[2 * c + j] }
                        if let table {
                            table.apply(qp + ti * d, position: offset + ti)
                            table.apply(kp + ti * d, position: offset + ti)
                        }
                    }
                    // Keys and values to attend to: this call's, or the cache after appending them.
                    var keys = UnsafePointer(kp), values = UnsafePointer(vp)
                    if cache != nil, let ck, let cv {
                        let base = bh * capacity * d
                        for i in 0..<(t * d) { ck[base + offset * d + i] = kp[i]; cv[base + offset * d + i] = vp[i] }
                        keys = UnsafePointer(ck + base); values = UnsafePointer(cv + base)
                    }
                    // One query (a sampling step): a fused loop, not two matrix-vector products, each of which
                    // would cost OpenBLAS a thread hand-off larger than the work (72 of them per token at 6 × 6).
                    if t == 1 && !recording {
                        SingleQueryAttention.run(query: qp, keys: keys, values: values, count: tk, dimension: d,
                                                 scale: scale, scores: pp, out: o.base + bi * c + hi * d)
                        return
                    }
                    // S (T, Tk) = q kᵀ · scale; mask the future; softmax rows → P.
                    BLAS.sgemm(transposeA: false, transposeB: true, m: t, n: tk, k: d, alpha: scale,
                               a: qp, lda: d, b: keys, ldb: d, c: pp, ldc: tk)
                    for ti in 0..<t { SingleQueryAttention.softmax(pp + ti * tk, visible: offset + ti + 1, width: tk) }
                    // y (T, D) = P V
                    BLAS.sgemm(transposeA: false, transposeB: false, m: t, n: d, k: tk,
                               a: pp, lda: tk, b: values, ldb: d, c: y.baseAddress, ldc: d)
                    for ti in 0..<t {
                        let dst = o.base + (bi * t + ti) * c + hi * d
                        for j in 0..<d { dst[j] = y[ti * d + j] }
                    }
                    if recording, let sq, let sk, let sv, let sp {
                        (sq + bh * t * d).update(from: qp, count: t * d)
                        (sk + bh * t * d).update(from: kp, count: t * d)
                        (sv + bh * t * d).update(from: vp, count: t * d)
                        (sp + bh * t * t).update(from: pp, count: t * t)
                    }
                }}}}}
            }
        }
        cache?.keys[layer] = cacheKeys
        cache?.values[layer] = cacheValues
        if !recording { return Tensor(out, shape: [b, t, c]) }
        let (q, k, v, probabilities) = (savedQ, savedK, savedV, savedP)
        return Tensor.result(out, shape: [b, t, c], inputs: [self]) { [self] g in
            self.accumulate { gx in
                let gxs = SharedPointer(base: gx.baseAddress.unsafelyUnwrapped)
                g.withUnsafeBufferPointer { gBuffer in
                q.withUnsafeBufferPointer { qAll in
                k.withUnsafeBufferPointer { kAll in
                v.withUnsafeBufferPointer { vAll in
                probabilities.withUnsafeBufferPointer { pAll in
                    let gp = gBuffer.baseAddress.unsafelyUnwrapped
                    Parallel.forEach(b * h, workPerItem: 8 * t * t * d) { bh in
                        let bi = bh / h, hi = bh % h
                        let qp = qAll.baseAddress.unsafelyUnwrapped + bh * t * d
                        let kp = kAll.baseAddress.unsafelyUnwrapped + bh * t * d
                        let vp = vAll.baseAddress.unsafelyUnwrapped + bh * t * d
                        let pp = pAll.baseAddress.unsafelyUnwrapped + bh * t * t
                        var dy = [Float](repeating: 0, count: t * d)
                        var dp = [Float](repeating: 0, count: t * t)
                        var dq = [Float](repeating: 0, count: t * d)
                        var dk = [Float](repeating: 0, count: t * d)
                        var dv = [Float](repeating: 0, count: t * d)
                        for ti in 0..<t {
                            let src = gp + (bi * t + ti) * c + hi * d
                            for j in 0..<d { dy[ti * d + j] = src[j] }
                        }
                        dp.withUnsafeMutableBufferPointer { dp in
                            let dpp = dp.baseAddress.unsafelyUnwrapped
                            // dP = dY Vᵀ ; dV = Pᵀ dY
                            BLAS.sgemm(transposeA: false, transposeB: true, m: t, n: t, k: d,
                                       a: dy, lda: d, b: vp, ldb: d, c: dpp, ldc: t)
                            BLAS.sgemm(transposeA: true, transposeB: false, m: t, n: d, k: t,
                                       a: pp, lda: t, b: dy, ldb: d, c: &dv, ldc: d)
                            // dS = P ⊙ (dP − Σ_j dP·P) · scale (in place in dp)
                            for ti in 0..<t {
                                let pr = pp + ti * t, dr = dpp + ti * t
                                var dot: Float = 0
                                for j in 0...ti { dot += pr[j] * dr[j] }
                                for j in 0...ti { dr[j] = pr[j] * (dr[j] - dot) * scale }
                                for j in (ti + 1)..<t { dr[j] = 0 }
                            }
                            // dQ = dS K ; dK = dSᵀ Q
                            BLAS.sgemm(transposeA: false, transposeB: false, m: t, n: d, k: t,
                                       a: dpp, lda: t, b: kp, ldb: d, c: &dq, ldc: d)
                            BLAS.sgemm(transposeA: true, transposeB: false, m: t, n: d, k: t,
                                       a: dpp, lda: t, b: qp, ldb: d, c: &dk, ldc: d)
                        }
                        if let table {
                            dq.withUnsafeMutableBufferPointer { p in
                                for ti in 0..<t { table.apply(p.baseAddress.unsafelyUnwrapped + ti * d, position: ti, inverse: true) }
                            }
                            dk.withUnsafeMutableBufferPointer { p in
                                for ti in 0..<t { table.apply(p.baseAddress.unsafelyUnwrapped + ti * d, position: ti, inverse: true) }
                            }
                        }
                        for ti in 0..<t {
                            let dst = gxs.base + (bi * t + ti) * 3 * c + hi * d
                            for j in 0..<d {
                                dst[j] += dq[ti * d + j]
                                dst[c + j] += dk[ti * d + j]
                                dst[2 * c + j] += dv[ti * d + j]
                            }
                        }
                    }
                }}}}}
            }
        }
    }
}
