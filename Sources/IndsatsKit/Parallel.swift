import Dispatch

/// Page-by-page stages of one document on several threads: the elements are
/// cut into as many contiguous runs as there are threads, and the results
/// come back in element order, so the output is the same whatever the
/// number of threads. Only pure work goes here (no poppler: a poppler
/// document is read by one thread).
enum Parallel {
    /// `transform` of each element, in order. Each element is moved out of
    /// `items` before it is transformed, so that it is freed as soon as its
    /// result is made (a large document's words are most of its memory).
    /// Grammar patterns that exceed their step budget on another thread
    /// reach the caller's `PatternBudget`, in element order.
    static func map<T: Sendable, R: Sendable>(_ items: consuming [T], threads: Int,
                                              _ transform: @Sendable (consuming T) -> R) -> [R] {
        var slots = items.map(Optional.some)
        _ = consume items
        let count = slots.count
        let runs = min(max(1, threads), count)
        guard runs > 1 else {
            return (0..<count).map { transform(slots[$0].take()!) }
        }
        var collected = [PatternBudget.Collected?](repeating: nil, count: runs)
        let results = slots.withUnsafeMutableBufferPointer { slots in
            collected.withUnsafeMutableBufferPointer { collected in
                [R](unsafeUninitializedCapacity: count) { results, initialized in
                    // Each run reads and writes only its own indexes of the three buffers.
                    let shared = Buffers(slots: slots, results: results, collected: collected)
                    DispatchQueue.concurrentPerform(iterations: runs) { run in
                        let range = (count * run / runs)..<(count * (run + 1) / runs)
                        (_, shared.collected[run]) = PatternBudget.isolated {
                            for i in range { (shared.results.baseAddress! + i).initialize(to: transform(shared.slots[i].take()!)) }
                        }
                    }
                    initialized = count
                }
            }
        }
        for run in collected { PatternBudget.adopt(run!) }
        return results
    }

    private struct Buffers<T, R>: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<T?>
        let results: UnsafeMutableBufferPointer<R>
        let collected: UnsafeMutableBufferPointer<PatternBudget.Collected?>
    }
}
