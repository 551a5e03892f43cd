// Compressed sizes without per-call setup: one libdeflate compressor and one output buffer, reused. Allocating a
// compressor costs more than compressing a few kilobytes, so callers that measure many small texts keep one.
internal import CDeflate

/// Measures zlib-format compressed sizes with a reusable compressor. Not thread-safe: one per thread.
public final class DeflateSizer {
    private let compressor: OpaquePointer
    private var output: [UInt8] = []
    private var joined: [UInt8] = []

    /// - Parameter level: 1 (fastest) … 12 (smallest).
    public init?(level: Int32) {
        guard let compressor = libdeflate_alloc_compressor(level) else { return nil }
        self.compressor = compressor
    }

    deinit { libdeflate_free_compressor(compressor) }

    /// The compressed size of `bytes`.
    public func size(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { size($0) }
    }

    /// The compressed size of `a` followed by `b` (without the caller building the concatenation).
    public func size(_ a: [UInt8], followedBy b: [UInt8]) -> Int {
        joined.removeAll(keepingCapacity: true)
        joined.append(contentsOf: a)
        joined.append(contentsOf: b)
        return joined.withUnsafeBytes { size($0) }
    }

    private func size(_ bytes: UnsafeRawBufferPointer) -> Int {
        let bound = libdeflate_zlib_compress_bound(compressor, bytes.count)
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        return output.withUnsafeMutableBytes { dst in
            libdeflate_zlib_compress(compressor, bytes.baseAddress, bytes.count, dst.baseAddress, bound)
        }
    }
}
