// A compact, exact byte encoding of `ProblemDiversity`, so a store can keep computed diversity and hand it back
// unchanged (every Double travels as its bit pattern).

extension ProblemDiversity {
    /// Names the metric definitions behind an encoded value. Bump it whenever any diversity metric's computation
    /// changes, so values cached by an earlier version are recomputed rather than reused.
    public static let definitionVersion = "diversity-2"

    /// The encoding: little-endian fields, optionals preceded by a presence byte.
    public var encoded: [UInt8] {
        var out = ByteWriter()
        out.int(distinct.count)
        for value in distinct { out.double(value) }
        out.optionalDouble(selfBLEU)
        out.optionalDouble(jaccard)
        out.optionalDouble(compressionSimilarity)
        out.int(answers.distinctAnswers)
        out.double(answers.entropyBits)
        out.int(correctSolutions)
        out.int(clusters.sizes.count)
        for size in clusters.sizes { out.int(size) }
        return out.bytes
    }

    /// Decodes `encoded`; nil when the bytes are not a complete encoding.
    public init?(encoded bytes: [UInt8]) {
        var input = ByteReader(bytes)
        guard let orders = input.int(), orders >= 0, orders <= 64 else { return nil }
        var distinct: [Double] = []
        for _ in 0..<orders {
            guard let value = input.double() else { return nil }
            distinct.append(value)
        }
        guard let selfBLEU = input.optionalDouble(), let jaccard = input.optionalDouble(),
              let compression = input.optionalDouble(), let distinctAnswers = input.int(),
              let entropy = input.double(), let correctSolutions = input.int(),
              let clusterCount = input.int(), clusterCount >= 0, clusterCount <= bytes.count else { return nil }
        var sizes: [Int] = []
        for _ in 0..<clusterCount {
            guard let size = input.int() else { return nil }
            sizes.append(size)
        }
        guard input.isAtEnd else { return nil }
        self.init(distinct: distinct, selfBLEU: selfBLEU, jaccard: jaccard, compressionSimilarity: compression,
                  answers: AnswerDiversity(distinctAnswers: distinctAnswers, entropyBits: entropy),
                  correctSolutions: correctSolutions, clusters: SolutionClusters(sizes: sizes))
    }
}

private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func word(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
    mutating func int(_ value: Int) { word(UInt64(bitPattern: Int64(value))) }
    mutating func double(_ value: Double) { word(value.bitPattern) }
    mutating func optionalDouble(_ value: Double?) {
        bytes.append(value == nil ? 0 : 1)
        if let value { double(value) }
    }
}

private struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func word() -> UInt64? {
        guard offset + 8 <= bytes.count else { return nil }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(8 * i) }
        offset += 8
        return value
    }
    mutating func int() -> Int? { word().map { Int(Int64(bitPattern: $0)) } }
    mutating func double() -> Double? { word().map(Double.init(bitPattern:)) }
    /// .some(nil) for an absent value, nil for malformed input.
    mutating func optionalDouble() -> Double?? {
        guard offset < bytes.count else { return nil }
        let present = bytes[offset]
        offset += 1
        switch present {
        case 0: return .some(nil)
        case 1: return double().map { .some($0) }
        default: return nil
        }
    }
}
