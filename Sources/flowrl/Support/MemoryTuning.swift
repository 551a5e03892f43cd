// Bulk ingest allocates and frees tens of megabytes per row (decoded tests, compressed blobs). Buffers of 4 MB
// and more are mapped from the kernel and returned to it when freed, so peak memory is the live working set
// (glibc's adaptive threshold would otherwise grow to 32 MB and keep such buffers in per-thread arenas:
// measured 250-290 MB peak instead of under 200 MB on the 1 GB benchmark file, for ~10% more speed).

enum MemoryTuning {
    static func returnLargeBuffersToTheSystem() {
        _ = glibcMallopt(-3 /* M_MMAP_THRESHOLD */, 4 << 20)
    }
}

/// glibc's mallopt(3): <malloc.h> is not part of Swift's Glibc module.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
