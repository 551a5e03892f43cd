// Data-parallel loops over independent work items (attention heads, sequences) on the machine's cores.
import Dispatch

/// Runs independent iterations on all cores.
enum Parallel {
    /// Calls `body(i)` for every i in 0..<count, concurrently; each iteration must write disjoint memory.
    /// OpenBLAS is switched to one thread meanwhile, so per-item GEMMs do not oversubscribe the cores.
    /// `workPerItem` (roughly flops) below ~1M runs serially: thread hand-off would cost more than it saves.
    static func forEach(_ count: Int, workPerItem: Int = .max, _ body: (Int) -> Void) {
        // Nested regions run serially: the outer region already owns the cores and the GEMM gate.
        if count <= 1 || workPerItem < 1 << 20 || GEMMGate.insideParallelRegion {
            for i in 0..<count { body(i) }
            return
        }
        GEMMGate.withGate {
            let blasThreads = BLAS.threads
            if blasThreads != 1 { BLAS.setThreads(1) }
            withoutActuallyEscaping(body) { escapable in
                let box = UncheckedBody(body: escapable)
                DispatchQueue.concurrentPerform(iterations: count) { i in
                    let wasInside = GEMMGate.insideParallelRegion
                    GEMMGate.setInsideParallelRegion(true)
                    box.body(i)
                    GEMMGate.setInsideParallelRegion(wasInside)
                }
            }
            if blasThreads != 1 { BLAS.setThreads(blasThreads) }
        }
    }
}

/// The loop body, declared sendable by contract: iterations touch disjoint memory (checked under TSan in tests).
private struct UncheckedBody: @unchecked Sendable {
    let body: (Int) -> Void
}
