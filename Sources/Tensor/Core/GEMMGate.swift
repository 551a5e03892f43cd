// OpenBLAS 0.3.21 (pthreads) deadlocks when two threads run multi-threaded GEMMs at once, or when its thread count
// changes while a GEMM runs (seen in the test suite: one thread spinning in exec_blas_async, another blocked in
// sgemm_thread_tn). Every GEMM outside a `Parallel` region therefore holds this process-wide gate; a `Parallel`
// region holds it for its whole duration and switches OpenBLAS to one thread, and GEMMs issued by its iterations
// (single-threaded, which OpenBLAS runs reentrantly) pass without taking it.
#if canImport(Glibc)
import Glibc
#endif

enum GEMMGate {
    nonisolated(unsafe) private static let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    nonisolated(unsafe) private static let regionKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// True on a thread that is running an iteration of a `Parallel` region.
    static var insideParallelRegion: Bool { pthread_getspecific(regionKey) != nil }

    /// Marks (or unmarks) the current thread as running a `Parallel` iteration.
    static func setInsideParallelRegion(_ inside: Bool) {
        pthread_setspecific(regionKey, inside ? UnsafeRawPointer(bitPattern: 1) : nil)
    }

    /// Runs `body` holding the gate, unless this thread is inside a `Parallel` region (which already holds it).
    @inline(__always)
    static func withGate<T>(_ body: () -> T) -> T {
        if insideParallelRegion { return body() }
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}
