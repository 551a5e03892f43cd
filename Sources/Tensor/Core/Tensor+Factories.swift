// Constructors: constants, seeded random initialisation.

extension Tensor {
    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], requiresGrad: Bool = false) -> Tensor {
        Tensor([Float](repeating: 0, count: shape.reduce(1, *)), shape: shape, requiresGrad: requiresGrad)
    }

    /// A tensor filled with `value`.
    public static func full(_ shape: [Int], _ value: Float, requiresGrad: Bool = false) -> Tensor {
        Tensor([Float](repeating: value, count: shape.reduce(1, *)), shape: shape, requiresGrad: requiresGrad)
    }

    /// A one-element tensor of shape [] holding `value`.
    public static func scalar(_ value: Float) -> Tensor { Tensor([value], shape: []) }

    /// Normal samples with mean 0 and standard deviation `std`, reproducible for `seed`.
    public static func randn(_ shape: [Int], std: Float = 1, seed: UInt64, requiresGrad: Bool = false) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return randn(shape, std: std, using: &generator, requiresGrad: requiresGrad)
    }

    /// Normal samples with mean 0 and standard deviation `std` drawn from `generator`.
    public static func randn(_ shape: [Int], std: Float = 1, using generator: inout SeededGenerator,
                             requiresGrad: Bool = false) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = generator.nextNormal() * std }
        return Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }

    /// Uniform samples in [low, high) drawn from `generator`.
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, using generator: inout SeededGenerator,
                               requiresGrad: Bool = false) -> Tensor {
        let n = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = low + (high - low) * generator.nextUniform() }
        return Tensor(values, shape: shape, requiresGrad: requiresGrad)
    }
}
