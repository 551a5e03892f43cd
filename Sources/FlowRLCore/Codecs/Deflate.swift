// zlib-format compression through libdeflate (faster than zlib at both ends, whole buffers at a time).
internal import CDeflate

/// A zlib stream failed to decode, or decoded past a size cap.
public struct DeflateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { "zlib: \(reason)" }
}

/// zlib-format (RFC 1950) compression and decompression.
public enum Deflate {
    /// Compresses `bytes` into a zlib stream at `level` (1 fastest … 12 smallest; 6 is zlib's default).
    public static func compress(_ bytes: UnsafeRawBufferPointer, level: Int32 = 6) -> [UInt8] {
        guard let compressor = libdeflate_alloc_compressor(level) else { return [] }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, bytes.count)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBytes { dst in
            libdeflate_zlib_compress(compressor, bytes.baseAddress, bytes.count, dst.baseAddress, bound)
        }
        out.removeLast(bound - written)
        return out
    }

    /// Compresses a byte array.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        bytes.withUnsafeBytes { compress($0, level: level) }
    }

    /// Decompresses a zlib stream.
    ///
    /// - Parameters:
    ///   - expectedSize: the exact decompressed size when known (one pass); otherwise the buffer grows.
    ///   - limit: decompressed sizes above this are refused (decompression bombs).
    public static func decompress(_ bytes: UnsafeRawBufferPointer, expectedSize: Int? = nil,
                                  limit: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        try inflate(bytes, initialCapacity: min(limit, max(expectedSize ?? bytes.count * 4, 64)), limit: limit) {
            decompressor, capacity, actual in
            var result = LIBDEFLATE_SUCCESS
            // Uninitialised capacity: libdeflate writes every byte it reports, so no zero-fill pass is needed.
            out = [UInt8](unsafeUninitializedCapacity: capacity) { dst, count in
                result = libdeflate_zlib_decompress(decompressor, bytes.baseAddress, bytes.count, dst.baseAddress,
                                                    capacity, &actual)
                count = result == LIBDEFLATE_SUCCESS ? actual : 0
            }
            return result
        }
        return out
    }

    /// Decompresses a zlib stream into `scratch` (grown as needed, up to `limit`) and returns the decompressed size:
    /// for data that is only inspected, not kept, without allocating a fresh buffer per stream.
    public static func decompress(_ bytes: UnsafeRawBufferPointer, into scratch: ScratchBuffer, limit: Int) throws -> Int {
        try inflate(bytes, initialCapacity: min(limit, max(scratch.bytes.count, bytes.count * 4, 64)), limit: limit) {
            decompressor, capacity, actual in
            scratch.reserve(capacity)
            return libdeflate_zlib_decompress(decompressor, bytes.baseAddress, bytes.count, scratch.bytes.baseAddress,
                                              capacity, &actual)
        }
    }

    /// The loop both decompressions share: `attempt(decompressor, capacity, &size)` decompresses into a buffer of
    /// `capacity` bytes; the capacity doubles (up to `limit`) while the output does not fit. Returns the size.
    private static func inflate(_ bytes: UnsafeRawBufferPointer, initialCapacity: Int, limit: Int,
                                _ attempt: (OpaquePointer, Int, inout Int) -> libdeflate_result) throws -> Int {
        guard let decompressor = libdeflate_alloc_decompressor() else { throw DeflateError(reason: "out of memory") }
        defer { libdeflate_free_decompressor(decompressor) }
        var capacity = initialCapacity
        while true {
            var actual = 0
            switch attempt(decompressor, capacity, &actual) {
            case LIBDEFLATE_SUCCESS:
                return actual
            case LIBDEFLATE_INSUFFICIENT_SPACE:
                guard capacity < limit else {
                    throw DeflateError(reason: "decompresses to more than \(limit) bytes (the cap)")
                }
                capacity = capacity > limit / 2 ? limit : capacity * 2
            default:
                throw DeflateError(reason: "corrupt or truncated compressed data")
            }
        }
    }

    /// Decompresses a zlib stream held in a byte array.
    public static func decompress(_ bytes: [UInt8], expectedSize: Int? = nil, limit: Int) throws -> [UInt8] {
        try bytes.withUnsafeBytes { raw in try decompress(raw, expectedSize: expectedSize, limit: limit) }
    }
}
