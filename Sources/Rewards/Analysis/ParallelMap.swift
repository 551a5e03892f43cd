// Spreads independent per-problem work over the cores.
import Dispatch

/// Maps `0..<count` in contiguous chunks on all cores, keeping the order of results.
public func parallelMap<T: Sendable>(_ count: Int, minimumChunk: Int = 8, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let chunkCount = max(1, min(count / max(1, minimumChunk), 64))
    let results = ResultSlots<[T]>(count: chunkCount)
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
        let range = (chunk * count / chunkCount)..<((chunk + 1) * count / chunkCount)
        results.set(chunk, range.map(body))
    }
    return results.take().flatMap { $0 }
}

/// Maps `0..<count` in contiguous chunks on all cores; `body` gets a whole chunk, so it can reuse buffers
/// across the chunk's items.
func parallelMapChunks<T: Sendable>(_ count: Int, minimumChunk: Int = 8, _ body: @Sendable (Range<Int>) -> [T]) -> [T] {
    guard count > 0 else { return [] }
    let chunkCount = max(1, min(count / max(1, minimumChunk), 64))
    let results = ResultSlots<[T]>(count: chunkCount)
    DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
        results.set(chunk, body((chunk * count / chunkCount)..<((chunk + 1) * count / chunkCount)))
    }
    return results.take().flatMap { $0 }
}

/// One slot per chunk, each written by exactly one worker before being read after the join.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) {
        slots.withUnsafeMutableBufferPointer { $0[index] = value }
    }
    func take() -> [T] { slots.map { $0! } }
}
