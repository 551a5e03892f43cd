// Multi-megabyte buffers that live for one row (a record's bytes, its decoded tests) are mapped fresh from the
// kernel each time; faulting them in 4 KiB at a time cost ~15% of a 1 GB LiveCodeBench ingest (measured with
// perf: page-fault handling, not the zeroing). Asking for transparent huge pages on such a buffer before it is
// first written makes that one fault per 2 MiB. The system's THP setting here is `madvise`, so it is opt-in.
#if canImport(Glibc)
import Glibc
#endif

/// Transparent-huge-page advice for large, freshly allocated buffers.
public enum HugePages {
    /// Buffers smaller than this are left alone (they come from the heap, not their own mapping).
    public static let minimumBytes = 4 << 20

    /// Advises the kernel to back the 2 MiB-aligned interior of `buffer` with huge pages. Call before the buffer is
    /// first written; harmless (a no-op) where unsupported.
    public static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        guard buffer.count >= minimumBytes, let base = buffer.baseAddress else { return }
        let huge = 2 << 20
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + buffer.count) & ~(huge - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }

    /// A byte array of `count` uninitialised bytes, huge-page advised, filled by `initialize` (which must write
    /// every byte).
    public static func array(count: Int, _ initialize: (UnsafeMutableRawBufferPointer) throws -> Void) rethrows -> [UInt8] {
        try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            advise(raw)
            try initialize(raw)
            initialized = count
        }
    }
}
