import Dispatch

/// Page-by-page (or initiative-by-initiative) stages of one document on
/// several threads: the elements are cut into as many contiguous runs as
/// there are threads, and the results come back in element order, so the
/// output is the same whatever the number of threads. Only pure work goes
/// here (no poppler: a poppler document is read by one thread).
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
        guard min(threads, count) > 1 else {
            return (0..<count).map { transform(slots[$0].take()!) }
        }
        var done: [Run<Void>] = []
        let results = slots.withUnsafeMutableBufferPointer { slots in
            [R](unsafeUninitializedCapacity: count) { results, initialized in
                // Each run reads and writes only its own indexes of the two buffers.
                let shared = Buffers(slots: slots, results: results)
                done = runs(count: count, threads: threads) { range in
                    for i in range { (shared.results.baseAddress! + i).initialize(to: transform(shared.slots[i].take()!)) }
                }
                initialized = count
            }
        }
        for run in done { PatternBudget.adopt(run.budget) }
        return results
    }

    /// A run's elements, its result, and the patterns that exceeded their step budget in it.
    struct Run<R> {
        var range: Range<Int>
        var result: R
        var budget: PatternBudget.Collected
    }

    /// `work` on `0..<count` cut into up to `threads` contiguous runs, side by
    /// side; the runs in order. Their budget overruns reach the caller's
    /// `PatternBudget` only when it adopts them: a run whose result is
    /// thrown away must not fail the extraction.
    static func runs<R: Sendable>(count: Int, threads: Int, _ work: @Sendable (Range<Int>) -> R) -> [Run<R>] {
        let runs = max(1, min(threads, count))
        let ranges = (0..<runs).map { run in (count * run / runs)..<(count * (run + 1) / runs) }
        var done = [Run<R>?](repeating: nil, count: runs)
        let inherited = PatternBudget.inherited()
        done.withUnsafeMutableBufferPointer { done in
            let shared = Slots(done)
            DispatchQueue.concurrentPerform(iterations: runs) { run in
                let (result, budget) = PatternBudget.isolated(inherited) { work(ranges[run]) }
                shared.slots[run] = Run(range: ranges[run], result: result, budget: budget)
            }
        }
        return done.map { $0! }
    }

    private struct Buffers<T, R>: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<T?>
        let results: UnsafeMutableBufferPointer<R>
    }

    /// One slot per run, each written by its run alone.
    private struct Slots<R>: @unchecked Sendable {
        let slots: UnsafeMutableBufferPointer<R?>
        init(_ slots: UnsafeMutableBufferPointer<R?>) { self.slots = slots }
    }
}
