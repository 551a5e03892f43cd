// A blocking first-in first-out channel between two threads with a fixed capacity (so memory stays bounded).
import Dispatch
import Synchronization

/// A bounded FIFO: `put` blocks while full, `take` blocks while empty; `cancel` releases a blocked producer.
final class BoundedChannel<Element: Sendable>: Sendable {
    private let items = Mutex<[Element]>([])
    private let cancelled = Atomic<Bool>(false)
    private let available = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore

    init(capacity: Int) {
        free = DispatchSemaphore(value: capacity)
    }

    /// Appends `element`, waiting for room; false when the channel was cancelled (the element is dropped).
    @discardableResult
    func put(_ element: Element) -> Bool {
        free.wait()
        if cancelled.load(ordering: .acquiring) {
            free.signal()
            return false
        }
        items.withLock { $0.append(element) }
        available.signal()
        return true
    }

    /// Removes the oldest element, waiting for one.
    func take() -> Element {
        available.wait()
        let element = items.withLock { $0.removeFirst() }
        free.signal()
        return element
    }

    /// Makes every later `put` return false at once, and wakes a producer waiting for room.
    func cancel() {
        cancelled.store(true, ordering: .releasing)
        free.signal()
    }
}
