// Compressed sizes for the compression similarity: one LZ4 state and one output buffer, reused, so measuring a
// short text costs the compression alone (libdeflate spent more clearing its hash tables than compressing 1 kB).
internal import CLZ4

/// Measures LZ4 block sizes with reusable buffers. Not thread-safe: one per thread.
final class LZ4Sizer {
    private let state: UnsafeMutableRawPointer
    private var output: [UInt8] = []
    private var joined: [UInt8] = []

    init() {
        state = .allocate(byteCount: Int(LZ4_sizeofState()), alignment: 16)
    }

    deinit { state.deallocate() }

    /// The compressed size of `text`'s UTF-8 bytes.
    func size(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { size(UnsafeRawBufferPointer($0)) }
    }

    /// The compressed size of `a` followed by `b` (one block, so matches across the join count).
    func size(_ a: String, followedBy b: String) -> Int {
        joined.removeAll(keepingCapacity: true)
        joined.append(contentsOf: a.utf8)
        joined.append(contentsOf: b.utf8)
        return joined.withUnsafeBytes { size($0) }
    }

    private func size(_ bytes: UnsafeRawBufferPointer) -> Int {
        let bound = Int(LZ4_compressBound(Int32(bytes.count)))
        if output.count < bound { output = [UInt8](repeating: 0, count: bound) }
        return output.withUnsafeMutableBytes { dst in
            Int(LZ4_compress_fast_extState(state, bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                                           dst.baseAddress?.assumingMemoryBound(to: CChar.self),
                                           Int32(bytes.count), Int32(bound), 1))
        }
    }
}
