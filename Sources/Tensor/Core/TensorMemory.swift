// Training allocates and frees the same activation buffers (megabytes each) every step. With glibc's defaults,
// large ones are mapped from the kernel and unmapped when freed, so every step page-faults and zero-fills them
// again (measured: ~5% of a 10M-model training step in clear_page). Keeping them in the heap lets malloc reuse them.

/// Process-wide allocator settings for training and sampling workloads.
public enum TensorMemory {
    /// Serve buffers up to 32 MB (glibc's maximum mmap threshold) from the heap, and keep freed heap memory for reuse.
    /// Call once at the start of a training or benchmark process (it also affects other allocations).
    public static func keepFreedBuffersForReuse() {
        _ = tensorMallopt(-3 /* M_MMAP_THRESHOLD */, 32 << 20)
        _ = tensorMallopt(-1 /* M_TRIM_THRESHOLD */, 256 << 20)
    }
}

/// glibc's mallopt(3): <malloc.h> is not part of Swift's Glibc module.
@_silgen_name("mallopt")
private func tensorMallopt(_ parameter: Int32, _ value: Int32) -> Int32
