// Bulk ingest allocates and frees tens of megabytes per row (decoded tests, compressed blobs). By default glibc
// maps each such buffer fresh from the kernel and unmaps it on free, so every row pays page faults and zeroing
// (measured: over half the ingest time in the kernel). Keeping buffers up to 64 MB in the heap lets the next row
// reuse the same pages; the peak stays bounded by the largest working set, not by the file size.

enum MemoryTuning {
    static func reuseLargeBuffers() {
        _ = glibcMallopt(-3 /* M_MMAP_THRESHOLD */, 64 << 20)
        _ = glibcMallopt(-1 /* M_TRIM_THRESHOLD */, 128 << 20)
    }
}

/// glibc's mallopt(3): <malloc.h> is not part of Swift's Glibc module.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
