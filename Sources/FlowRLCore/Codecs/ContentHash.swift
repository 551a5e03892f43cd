// XXH64 (Yann Collet's xxHash, 64-bit variant), written from the published algorithm description.
// Used as the content hash of stored rows: fast enough to hash gigabytes of tests while ingesting.

/// A streaming XXH64 hasher.
///
///     var h = ContentHasher()
///     h.update("math500/test/algebra/1")
///     let digest = h.finalize()   // 16 hex digits via `ContentHasher.hex(digest)`
public struct ContentHasher: Sendable {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var v1, v2, v3, v4: UInt64
    private let seed: UInt64
    private var total: UInt64 = 0
    /// Bytes fed but not yet consumed by a stripe (fewer than 32), held inline so that hashing allocates nothing.
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pendingCount = 0

    public init(seed: UInt64 = 0) {
        self.seed = seed
        v1 = seed &+ Self.p1 &+ Self.p2
        v2 = seed &+ Self.p2
        v3 = seed
        v4 = seed &- Self.p1
    }

    @inline(__always) private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }

    @inline(__always) private static func round(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        rotl(acc &+ lane &* p2, 31) &* p1
    }

    @inline(__always) private static func merge(_ h: UInt64, _ v: UInt64) -> UInt64 {
        (h ^ round(0, v)) &* p1 &+ p4
    }

    /// Feeds bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        total &+= UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        if pendingCount > 0 {
            let take = min(32 - pendingCount, n)
            keep(UnsafeRawBufferPointer(start: base, count: take))
            i = take
            guard pendingCount == 32 else { return }
            withUnsafeBytes(of: pending) { stripe($0.baseAddress!) }
            pendingCount = 0
        }
        while i + 32 <= n {
            stripe(base + i)
            i += 32
        }
        if i < n { keep(UnsafeRawBufferPointer(start: base + i, count: n - i)) }
    }

    /// Appends bytes (at most the room left) to `pending`.
    @inline(__always) private mutating func keep(_ bytes: UnsafeRawBufferPointer) {
        let at = pendingCount
        withUnsafeMutableBytes(of: &pending) { UnsafeMutableRawBufferPointer(rebasing: $0[at..<(at + bytes.count)]).copyMemory(from: bytes) }
        pendingCount += bytes.count
    }

    /// Feeds a byte array.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds a string's UTF-8 followed by a 0xFF separator, so that ("ab","c") and ("a","bc") differ.
    public mutating func update(_ field: String) {
        var copy = field
        copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
        withUnsafeBytes(of: UInt8(0xFF)) { update($0) }
    }

    @inline(__always) private mutating func stripe(_ p: UnsafeRawPointer) {
        v1 = Self.round(v1, p.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian)
        v2 = Self.round(v2, p.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian)
        v3 = Self.round(v3, p.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian)
        v4 = Self.round(v4, p.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian)
    }

    /// The 64-bit digest of everything fed so far.
    public func finalize() -> UInt64 {
        var h: UInt64
        if total >= 32 {
            h = Self.rotl(v1, 1) &+ Self.rotl(v2, 7) &+ Self.rotl(v3, 12) &+ Self.rotl(v4, 18)
            h = Self.merge(h, v1)
            h = Self.merge(h, v2)
            h = Self.merge(h, v3)
            h = Self.merge(h, v4)
        } else {
            h = seed &+ Self.p5
        }
        h &+= total
        h = withUnsafeBytes(of: pending) { Self.mixTail(h, UnsafeRawBufferPointer(rebasing: $0[..<pendingCount])) }
        h ^= h >> 33
        h &*= Self.p2
        h ^= h >> 29
        h &*= Self.p3
        h ^= h >> 32
        return h
    }

    /// Folds the bytes left after the last stripe into `h`.
    private static func mixTail(_ start: UInt64, _ tail: UnsafeRawBufferPointer) -> UInt64 {
        var h = start
        var i = 0
        while i + 8 <= tail.count {
            var lane: UInt64 = 0
            for k in 0..<8 { lane |= UInt64(tail[i + k]) << (8 * UInt64(k)) }
            h ^= round(0, lane)
            h = rotl(h, 27) &* p1 &+ p4
            i += 8
        }
        if i + 4 <= tail.count {
            var word: UInt64 = 0
            for k in 0..<4 { word |= UInt64(tail[i + k]) << (8 * UInt64(k)) }
            h ^= word &* p1
            h = rotl(h, 23) &* p2 &+ p3
            i += 4
        }
        while i < tail.count {
            h ^= UInt64(tail[i]) &* p5
            h = rotl(h, 11) &* p1
            i += 1
        }
        return h
    }

    /// A digest as 16 lowercase hex digits.
    public static func hex(_ digest: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { out in
            for k in 0..<16 {
                let d = UInt8(truncatingIfNeeded: digest >> (60 - 4 * UInt64(k))) & 15
                out[k] = d < 10 ? UInt8(ascii: "0") + d : UInt8(ascii: "a") + d - 10
            }
            return 16
        }
    }
}
