// Compressed sizes for the compression similarity: one LZ4 stream and one output buffer, reused, so measuring a
// short text costs the compression alone (libdeflate spent more clearing its hash tables than compressing 1 kB).
internal import CLZ4

/// Measures LZ4 block sizes with a reusable stream. Not thread-safe: one per thread.
final class LZ4Sizer {
    private let stream: UnsafeMutablePointer<LZ4_stream_t>
    private var output: [UInt8] = []

    init() {
        stream = LZ4_createStream()
    }

    deinit { LZ4_freeStream(stream) }

    /// The compressed size of `first`'s UTF-8 bytes on their own, and of `second`'s compressed right after them
    /// (a second block of the same stream, so it may copy from `first`): C(x) and C(y | x), whose sum is the
    /// compressed size of the pair, at the cost of compressing each text once.
    func sizes(_ first: String, then second: String) -> (first: Int, second: Int) {
        var (first, second) = (first, second)
        return first.withUTF8 { a in
            second.withUTF8 { b in
                LZ4_resetStream_fast(stream)
                return (compress(UnsafeRawBufferPointer(a)), compress(UnsafeRawBufferPointer(b)))
            }
        }
    }

    /// The compressed size of `text`'s UTF-8 bytes on their own.
    func size(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            LZ4_resetStream_fast(stream)
            return compress(UnsafeRawBufferPointer(bytes))
        }
    }

    /// Compresses `bytes` as the stream's next block; they must stay where they are until the stream is reset.
    private func compress(_ bytes: UnsafeRawBufferPointer) -> Int {
        let bound = Int(LZ4_compressBound(Int32(bytes.count)))
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        return output.withUnsafeMutableBytes { dst in
            Int(LZ4_compress_fast_continue(stream, bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                                           dst.baseAddress?.assumingMemoryBound(to: CChar.self),
                                           Int32(bytes.count), Int32(bound), 1))
        }
    }
}
