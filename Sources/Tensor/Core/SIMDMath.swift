// Vectorised transcendental functions for elementwise kernels: eight lanes per call, no libm call per element.

/// `exp` and `tanh` on SIMD8<Float>, accurate to a few ulp over the float range (Cephes-style range reduction).
enum SIMDMath {
    /// e^x per lane; inputs are clamped to [−87.3, 88.7] (results stay finite and normal).
    @inline(__always)
    static func exp(_ x: SIMD8<Float>) -> SIMD8<Float> {
        var x = x
        x.replace(with: SIMD8(repeating: -87.3), where: x .< -87.3)
        x.replace(with: SIMD8(repeating: 88.7), where: x .> 88.7)
        // x = n·ln2 + r with |r| ≤ ln2/2; ln2 split in two so that n·ln2 is exact enough.
        // Rounding by the 1.5·2^23 trick: adding it leaves round(x·log2 e) in the low mantissa bits, so n needs
        // no float→int conversion (the generic SIMD conversions compile to a slow per-lane path).
        let magic = SIMD8<Float>(repeating: 12_582_912)
        let shifted = x * 1.442_695_04 + magic
        let n = shifted - magic
        var r = x - n * 0.693_359_375
        r = r + n * 2.121_944_4e-4
        var p = SIMD8<Float>(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let er = p * r * r + r + 1
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let exponent = (integer &+ 127) &<< 23
        return er * unsafeBitCast(exponent, to: SIMD8<Float>.self)
    }

    /// tanh(x) per lane, as 1 − 2 / (e^{2x} + 1) (absolute error below 1e-7).
    @inline(__always)
    static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
        1 - 2 / (exp(2 * x) + 1)
    }

    /// Applies `kernel` to `count` floats from `input` into `output`, eight at a time (the tail padded with zeros).
    @inline(__always)
    static func map(count: Int, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
                    _ kernel: (SIMD8<Float>) -> SIMD8<Float>) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(input + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(output + i).storeBytes(of: kernel(v), as: SIMD8<Float>.self)
            i += 8
        }
        if i < count {
            var v = SIMD8<Float>(repeating: 0)
            for j in 0..<(count - i) { v[j] = input[i + j] }
            let y = kernel(v)
            for j in 0..<(count - i) { output[i + j] = y[j] }
        }
    }
}
