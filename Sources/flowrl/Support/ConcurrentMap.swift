// Maps indices to values on several threads, results in index order.
import Dispatch
import FlowRLCore

enum ConcurrentMap {
    /// `body(0..<count)` on up to `workers` threads (default: all cores); element i of the result is `body(i)`.
    static func run<T>(_ count: Int, workers: Int?, _ body: @Sendable (Int) -> T) -> [T] {
        let threads = max(1, min(workers ?? Machine.coreCount, count))
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                var i = t
                while i < count {
                    out.initializeElement(at: i, to: body(i))
                    i += threads
                }
            }
            initialized = count
        }
    }
}
