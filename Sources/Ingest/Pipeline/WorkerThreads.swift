// A few threads of their own for the decoding: Dispatch's pool spins (sched_yield) between short jobs, which on
// a two-core machine takes CPU time from the work itself; these threads sleep on a semaphore instead.

import FlowRLCore

/// Threads that run submitted closures, first come first served.
final class WorkerThreads: Sendable {
    private let queue: BoundedChannel<(@Sendable () -> Void)?>
    private let threads: [DedicatedThread]

    /// Starts `count` threads; `capacity` closures can wait to run before `submit` blocks.
    init(count: Int, capacity: Int) {
        let queue = BoundedChannel<(@Sendable () -> Void)?>(capacity: capacity + count)
        self.queue = queue
        threads = (0..<count).map { _ in
            DedicatedThread {
                while let work = queue.take() { work() }
            }
        }
    }

    /// Queues `work` for the next free thread.
    func submit(_ work: @escaping @Sendable () -> Void) { queue.put(work) }

    /// Lets the queued work run, then ends the threads and waits for them.
    func finish() {
        for _ in threads { queue.put(nil) }
        for thread in threads { thread.join() }
    }
}
