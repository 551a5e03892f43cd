// Elementwise ops: binary arithmetic with NumPy-style broadcasting, and unary maps (exp, log, GELU, clamp, …).
// Each forward sits next to its backward; broadcast inputs receive gradients summed over the broadcast dimensions.
#if canImport(Glibc)
import Glibc
#endif

/// Shape arithmetic for broadcasting.
enum Broadcast {
    /// The broadcast shape of `a` and `b` (dimensions aligned from the right; 1 stretches).
    static func shape(_ a: [Int], _ b: [Int]) -> [Int] {
        let r = max(a.count, b.count)
        let pa = [Int](repeating: 1, count: r - a.count) + a
        let pb = [Int](repeating: 1, count: r - b.count) + b
        return (0..<r).map { d in
            precondition(pa[d] == pb[d] || pa[d] == 1 || pb[d] == 1, "broadcast: shapes \(a) and \(b) are incompatible")
            return max(pa[d], pb[d])
        }
    }

    /// For each element of `outShape`, the index of the element of `inShape` it reads; nil when the shapes agree.
    static func indexMap(from inShape: [Int], to outShape: [Int]) -> [Int]? {
        let n = outShape.reduce(1, *)
        if inShape == outShape || inShape.reduce(1, *) == n { return nil }
        let r = outShape.count
        let padded = [Int](repeating: 1, count: r - inShape.count) + inShape
        var strides = [Int](repeating: 0, count: r)
        var s = 1
        for d in stride(from: r - 1, through: 0, by: -1) {
            strides[d] = padded[d] == 1 ? 0 : s
            s *= padded[d]
        }
        var map = [Int](repeating: 0, count: n)
        var index = [Int](repeating: 0, count: r)
        var offset = 0
        for i in 0..<n {
            map[i] = offset
            var d = r - 1
            while d >= 0 {
                index[d] += 1
                offset += strides[d]
                if index[d] < outShape[d] { break }
                offset -= strides[d] * index[d]
                index[d] = 0
                d -= 1
            }
        }
        return map
    }
}

extension Tensor {
    /// A broadcasting binary op given its value and its two partial derivatives (as functions of a, b).
    @inline(__always)
    func binary(_ other: Tensor, _ f: (Float, Float) -> Float,
                _ dfa: @escaping (Float, Float) -> Float, _ dfb: @escaping (Float, Float) -> Float) -> Tensor {
        let outShape = Broadcast.shape(shape, other.shape)
        let n = outShape.reduce(1, *)
        let ma = Broadcast.indexMap(from: shape, to: outShape)
        let mb = Broadcast.indexMap(from: other.shape, to: outShape)
        var out = [Float](repeating: 0, count: n)
        let a = data, b = other.data
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { po in
                    switch (ma, mb) {
                    case (nil, nil): for i in 0..<n { po[i] = f(pa[i], pb[i]) }
                    case let (nil, mb?): for i in 0..<n { po[i] = f(pa[i], pb[mb[i]]) }
                    case let (ma?, nil): for i in 0..<n { po[i] = f(pa[ma[i]], pb[i]) }
                    case let (ma?, mb?): for i in 0..<n { po[i] = f(pa[ma[i]], pb[mb[i]]) }
                    }
                }
            }
        }
        return Tensor.result(out, shape: outShape, inputs: [self, other]) { [self] g in
            if self.requiresGrad {
                self.accumulate { ga in
                    for i in 0..<n {
                        let ia = ma?[i] ?? i, ib = mb?[i] ?? i
                        ga[ia] += g[i] * dfa(a[ia], b[ib])
                    }
                }
            }
            if other.requiresGrad {
                other.accumulate { gb in
                    for i in 0..<n {
                        let ia = ma?[i] ?? i, ib = mb?[i] ?? i
                        gb[ib] += g[i] * dfb(a[ia], b[ib])
                    }
                }
            }
        }
    }

    /// A unary op given its value and its derivative as a function of input x and output y.
    @inline(__always)
    func unary(_ f: (Float) -> Float, _ df: @escaping (Float, Float) -> Float) -> Tensor {
        let x = data
        var y = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                for i in 0..<px.count { py[i] = f(px[i]) }
            }
        }
        let output = y
        return Tensor.result(y, shape: shape, inputs: [self]) { [self] g in
            self.accumulate { gx in
                for i in 0..<gx.count { gx[i] += g[i] * df(x[i], output[i]) }
            }
        }
    }

    /// Elementwise sum, broadcasting.
    public func add(_ other: Tensor) -> Tensor { binary(other, +, { _, _ in 1 }, { _, _ in 1 }) }
    /// Elementwise difference, broadcasting.
    public func sub(_ other: Tensor) -> Tensor { binary(other, -, { _, _ in 1 }, { _, _ in -1 }) }
    /// Elementwise product, broadcasting.
    public func mul(_ other: Tensor) -> Tensor { binary(other, *, { _, b in b }, { a, _ in a }) }
    /// Elementwise quotient, broadcasting.
    public func div(_ other: Tensor) -> Tensor { binary(other, /, { _, b in 1 / b }, { a, b in -a / (b * b) }) }
    /// Elementwise minimum, broadcasting; the gradient goes to the smaller input (to `self` on ties).
    public func minimum(_ other: Tensor) -> Tensor {
        binary(other, { Swift.min($0, $1) }, { a, b in a <= b ? 1 : 0 }, { a, b in a <= b ? 0 : 1 })
    }
    /// Elementwise maximum, broadcasting; the gradient goes to the larger input (to `self` on ties).
    public func maximum(_ other: Tensor) -> Tensor {
        binary(other, { Swift.max($0, $1) }, { a, b in a >= b ? 1 : 0 }, { a, b in a >= b ? 0 : 1 })
    }

    /// `self * factor`.
    public func scaled(by factor: Float) -> Tensor { unary({ $0 * factor }, { _, _ in factor }) }
    /// `self + value`.
    public func shifted(by value: Float) -> Tensor { unary({ $0 + value }, { _, _ in 1 }) }
    /// `-self`.
    public func negated() -> Tensor { scaled(by: -1) }
    /// e^x.
    public func exp() -> Tensor { unary({ expf($0) }, { _, y in y }) }
    /// Natural logarithm.
    public func log() -> Tensor { unary({ logf($0) }, { x, _ in 1 / x }) }
    /// x².
    public func squared() -> Tensor { unary({ $0 * $0 }, { x, _ in 2 * x }) }
    /// √x.
    public func sqrt() -> Tensor { unary({ $0.squareRoot() }, { _, y in 0.5 / y }) }
    /// tanh(x).
    public func tanh() -> Tensor { unary({ tanhf($0) }, { _, y in 1 - y * y }) }
    /// The logistic sigmoid 1 / (1 + e^-x).
    public func sigmoid() -> Tensor { unary({ 1 / (1 + expf(-$0)) }, { _, y in y * (1 - y) }) }
    /// max(x, 0).
    public func relu() -> Tensor { unary({ Swift.max($0, 0) }, { x, _ in x > 0 ? 1 : 0 }) }

    /// Values limited to [low, high]; the gradient is zero where the limit is active.
    public func clamped(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
        unary({ Swift.min(Swift.max($0, low), high) }, { x, _ in x >= low && x <= high ? 1 : 0 })
    }

    /// GELU, tanh approximation (as GPT-2): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    public func gelu() -> Tensor {
        let x = data
        var y = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                SIMDMath.map(count: px.count, px.baseAddress.unsafelyUnwrapped, py.baseAddress.unsafelyUnwrapped, Self.geluKernel)
            }
        }
        return Tensor.result(y, shape: shape, inputs: [self]) { [self] g in
            var dydx = [Float](repeating: 0, count: x.count)
            x.withUnsafeBufferPointer { px in
                dydx.withUnsafeMutableBufferPointer { pd in
                    SIMDMath.map(count: px.count, px.baseAddress.unsafelyUnwrapped, pd.baseAddress.unsafelyUnwrapped,
                                 Self.geluDerivativeKernel)
                }
            }
            self.accumulate { gx in
                for i in 0..<gx.count { gx[i] += g[i] * dydx[i] }
            }
        }
    }

    /// GELU, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    @inline(__always)
    static func geluKernel(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let x3: SIMD8<Float> = x * x * x
        let u: SIMD8<Float> = 0.797_884_56 * (x + 0.044715 * x3)
        return 0.5 * x * (1 + SIMDMath.tanh(u))
    }

    /// d GELU / dx for the tanh approximation.
    @inline(__always)
    static func geluDerivativeKernel(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let x2: SIMD8<Float> = x * x
        let u: SIMD8<Float> = 0.797_884_56 * (x + 0.044715 * x2 * x)
        let t = SIMDMath.tanh(u)
        let du: SIMD8<Float> = 0.797_884_56 * (1 + 0.134_145 * x2)
        let left: SIMD8<Float> = 0.5 * (1 + t)
        let right: SIMD8<Float> = 0.5 * x * (1 - t * t) * du
        return left + right
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor { a.add(b) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { a.sub(b) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { a.mul(b) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { a.div(b) }
    public static func * (a: Tensor, s: Float) -> Tensor { a.scaled(by: s) }
    public static func * (s: Float, a: Tensor) -> Tensor { a.scaled(by: s) }
    public static func + (a: Tensor, s: Float) -> Tensor { a.shifted(by: s) }
    public static func - (a: Tensor, s: Float) -> Tensor { a.shifted(by: -s) }
    public static prefix func - (a: Tensor) -> Tensor { a.negated() }
}
