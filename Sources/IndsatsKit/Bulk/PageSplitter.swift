import Foundation

/// Splits the large PDFs of a batch by pages across the workers and puts them
/// back together: a worker asked to convert a PDF of more than `pagesPerPart`
/// pages answers `split`; its page ranges then go to the workers as jobs of
/// their own, each answered with the lines of its pages; once all are in,
/// their lines, concatenated in page order, go to one worker that finishes
/// the document (grammar, page furniture, columns and everything after need
/// the whole document). The result is the unsplit conversion's, byte for
/// byte: a part whose reading made poppler log anything (which an unsplit
/// read might log once, or on another page) sends the document back to be
/// converted whole.
struct PageSplitter {
    let pagesPerPart: Int
    /// The workers that read the parts: a document is cut into a multiple of
    /// this many parts, so that they all finish about together and none
    /// waits idle for the last part before the document can be finished;
    /// unless that makes parts shorter than half of `pagesPerPart` (each part
    /// costs a request, a hash of the file and a fresh drawing state, which a
    /// few pages do not repay).
    let workers: Int

    /// A split document's parts, as they come in.
    private struct Parts {
        var pageCount: Int
        var sha256: String?
        var lines: [Data?]
    }
    private var documents: [Int: Parts] = [:]

    init(pagesPerPart: Int, workers: Int = 1) {
        self.pagesPerPart = max(1, pagesPerPart); self.workers = max(1, workers)
    }

    /// What a finished job leads to.
    enum Step {
        /// The input's outcome, to report.
        case done(WorkerPool.Outcome)
        /// More jobs for it (possibly none yet: other parts are still out).
        case more([WorkerPool.Job])
    }

    /// The first request for an input: converted whole unless it is a large PDF.
    func request(path: String, unlessSHA256: String?) -> WorkerProtocol.Request {
        .init(path: path, unlessSHA256: unlessSHA256, splitAbove: pagesPerPart)
    }

    /// Page ranges whose sizes differ by a page at most, none longer than
    /// `pagesPerPart`, as many as a multiple of `workers` when the parts stay
    /// at least half that long (see `workers`).
    func ranges(pageCount: Int) -> [ClosedRange<Int>] {
        guard pageCount > 0 else { return [] }
        let needed = (pageCount + pagesPerPart - 1) / pagesPerPart
        let even = (needed + workers - 1) / workers * workers
        let parts = pageCount / even >= max(1, pagesPerPart / 2) ? even : needed
        let size = pageCount / parts, longer = pageCount % parts
        var first = 1
        return (0..<parts).map { part in
            let range = first...(first + size - (part < longer ? 0 : 1))
            first = range.upperBound + 1
            return range
        }
    }

    mutating func next(after job: WorkerPool.Job, _ outcome: WorkerPool.Outcome) -> Step {
        let path = job.request.path
        guard let range = job.request.pageRange else {
            if case .reply(let reply, _) = outcome, reply.status == .split {
                let ranges = self.ranges(pageCount: reply.pages)
                documents[job.input] = Parts(pageCount: reply.pages, sha256: reply.source.sha256,
                                             lines: Array(repeating: nil, count: ranges.count))
                return .more(ranges.map { .init(input: job.input, request: .init(path: path, pages: $0)) })
            }
            return .done(outcome)
        }
        // A part. Once the document has failed, its other parts are of no use.
        guard var parts = documents[job.input],
              let part = ranges(pageCount: parts.pageCount).firstIndex(of: range) else { return .more([]) }
        switch outcome {
        case .reply(let reply, let lines) where reply.status == .lines && reply.messages == 0
                && reply.source.sha256 == parts.sha256 && reply.pages == parts.pageCount:
            parts.lines[part] = lines
            guard parts.lines.allSatisfy({ $0 != nil }) else { documents[job.input] = parts; return .more([]) }
            documents[job.input] = nil
            // At its size, each part dropped here once copied: a large document's lines are many megabytes.
            let sizes = parts.lines.map { $0!.count }
            var all = Data(capacity: sizes.reduce(0, +))
            for part in parts.lines.indices {
                all += parts.lines[part]!
                parts.lines[part] = nil
            }
            let request = WorkerProtocol.Request(path: path, finishPageCount: parts.pageCount, finishParts: sizes, threads: workers)
            return .more([.init(input: job.input, request: request, payload: all)])
        case .reply:
            // Poppler had something to say, the file changed, or the part failed: convert it whole.
            documents[job.input] = nil
            return .more([.init(input: job.input, request: .init(path: path))])
        case .crashed, .timedOut:
            documents[job.input] = nil
            return .done(outcome)
        }
    }
}
