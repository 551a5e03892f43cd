// A thread of its own, outside Dispatch's pool: for a long-running loop that blocks (reading input, waiting on a
// channel) and must not take one of the pool's threads, which are sized to the cores for the work it feeds.
#if canImport(Glibc)
import Glibc
#endif

/// A started thread running one closure; `join()` waits for it to return.
public final class DedicatedThread: @unchecked Sendable {
    private var thread = pthread_t()
    private let body: () -> Void
    private var joined = false

    /// Starts `body` on a new thread at once.
    public init(_ body: @escaping @Sendable () -> Void) {
        self.body = body
        let me = Unmanaged.passRetained(self).toOpaque()
        let rc = pthread_create(&thread, nil, { arg in
            let this = Unmanaged<DedicatedThread>.fromOpaque(arg!).takeRetainedValue()
            this.body()
            return nil
        }, me)
        precondition(rc == 0, "cannot start a thread (errno \(rc))")
    }

    /// Waits for the closure to return (once; later calls return at once). Call it from one thread only.
    public func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }

    /// Lets the thread run on and end without being joined.
    public func detach() {
        guard !joined else { return }
        joined = true
        pthread_detach(thread)
    }

    deinit { detach() }
}
