// Results delivered by index from worker threads, read once all are in.
import Foundation

final class IndexedResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [T?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        storage[i] = value
        lock.unlock()
    }

    /// The values in index order (nil where none was delivered).
    var values: [T?] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
