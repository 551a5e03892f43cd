// The one thread that starts every slot's bwrap. bwrap runs with --die-with-parent and the launcher sets
// PR_SET_PDEATHSIG: both fire when the THREAD that forked it ends, not the process. Slots outlive the worker thread
// that first needed them (Dispatch retires idle threads), so they are forked from this thread, which lives as long
// as the process: the sandboxes still die with the grader, and only then.
import FlowRLCore
import Glibc

/// Runs closures on one long-lived thread, one at a time, and waits for their results.
final class LauncherThread: @unchecked Sendable {
    static let shared = LauncherThread()

    private let condition = Condition()
    private var queue: [() -> Void] = []

    private init() {
        DedicatedThread { [self] in serve() }.detach()
    }

    private func serve() {
        while true {
            condition.lock()
            while queue.isEmpty { condition.wait() }
            let work = queue.removeFirst()
            condition.unlock()
            work()
        }
    }

    /// Runs `body` on the launcher thread and returns its result.
    func perform<T>(_ body: @escaping () -> T) -> T {
        let box = ResultBox<T>()
        condition.lock()
        queue.append {
            let value = body()
            box.done.lock()
            box.value = value
            box.done.signal()
            box.done.unlock()
        }
        condition.signal()
        condition.unlock()
        box.done.lock()
        while box.value == nil { box.done.wait() }
        let value = box.value!
        box.done.unlock()
        return value
    }
}

/// A result handed from the launcher thread back to the waiting caller.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
    let done = Condition()
}
