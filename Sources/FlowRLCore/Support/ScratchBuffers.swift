// Reusable byte buffers for work that needs a large temporary buffer per item (a row's decompressed tests).
// A fresh multi-megabyte allocation is mapped from the kernel and zero-filled page by page on every use;
// handing the same few buffers around turns that into one page fault per page for the whole run.
import Synchronization

/// An uninitialised byte buffer that only grows.
public final class ScratchBuffer: @unchecked Sendable {
    /// The buffer's bytes (uninitialised until written).
    public private(set) var bytes: UnsafeMutableRawBufferPointer

    init(capacity: Int) {
        bytes = .allocate(byteCount: max(capacity, 1), alignment: 16)
        HugePages.advise(bytes)
    }

    deinit { bytes.deallocate() }

    /// Makes room for `capacity` bytes; the old contents are not kept.
    public func reserve(_ capacity: Int) {
        guard capacity > bytes.count else { return }
        bytes.deallocate()
        bytes = .allocate(byteCount: capacity, alignment: 16)
        HugePages.advise(bytes)
    }
}

/// A small pool of scratch buffers shared by the threads of a parallel loop. Memory stays bounded: at most
/// `maxKept` buffers are kept, and none larger than `maxKeptBytes`.
public final class ScratchPool: Sendable {
    private let free = Mutex<[ScratchBuffer]>([])
    private let maxKept: Int
    private let maxKeptBytes: Int

    public init(maxKept: Int = 4, maxKeptBytes: Int = 64 << 20) {
        self.maxKept = maxKept
        self.maxKeptBytes = maxKeptBytes
    }

    /// Runs `body` with a buffer of this pool (the largest free one, or a new one), then takes it back.
    public func withBuffer<R>(_ body: (ScratchBuffer) throws -> R) rethrows -> R {
        let buffer = free.withLock { $0.popLast() } ?? ScratchBuffer(capacity: 1 << 16)
        defer {
            if buffer.bytes.count <= maxKeptBytes {
                free.withLock { kept in
                    if kept.count < maxKept {
                        kept.append(buffer)
                        kept.sort { $0.bytes.count < $1.bytes.count }
                    }
                }
            }
        }
        return try body(buffer)
    }
}
