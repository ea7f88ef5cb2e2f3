import Foundation

/// What the batch parent and an `indsats worker` process say over the
/// worker's standard input and output. A message is one JSON line (its
/// header) followed by exactly `bytes` bytes of payload: for a reply, the
/// document's JSON as `indsats extract` would print it, or a part's page
/// lines (`PageLinesCodec`); for a request, the page lines of a whole
/// document to finish. JSON strings escape newlines, so a line is always one header.
///
/// A large PDF is split by pages: asked with `splitAbove`, a worker answers
/// `split` (with the page count) instead of converting a PDF of more pages;
/// the parent asks workers for the `lines` of page ranges, then one worker to
/// finish the document from all of them, stitched in page order.
public enum WorkerProtocol {
    public struct Request: Codable, Equatable, Sendable {
        public var path: String
        /// Reply `unchanged` without converting when the input's SHA-256 is this (resume).
        public var unlessSHA256: String?
        /// Answer `split` for a PDF of more pages than this.
        public var splitAbove: Int?
        /// Only the lines of these pages (first and last, 1-based), answered as `lines`.
        public var pages: [Int]?
        /// The document's page count, with a payload of its pages' lines: finish it from them.
        public var finishPageCount: Int?
        /// For finishing: the payload's parts (as read, each whole pages), in
        /// bytes, decoded side by side; and how many threads the page-by-page
        /// stages may use (the batch's jobs: while a document is finished, the
        /// other workers wait for it unless the batch has other inputs).
        public var finishParts: [Int]?
        public var threads: Int?
        /// Length of the payload after the header line.
        public var bytes: Int = 0

        public init(path: String, unlessSHA256: String? = nil, splitAbove: Int? = nil, pages: ClosedRange<Int>? = nil,
                    finishPageCount: Int? = nil, finishParts: [Int]? = nil, threads: Int? = nil, bytes: Int = 0) {
            self.path = path; self.unlessSHA256 = unlessSHA256; self.splitAbove = splitAbove
            self.pages = pages.map { [$0.lowerBound, $0.upperBound] }
            self.finishPageCount = finishPageCount; self.finishParts = finishParts; self.threads = threads
            self.bytes = bytes
        }

        public var pageRange: ClosedRange<Int>? {
            guard let pages, pages.count == 2, pages[0] <= pages[1] else { return nil }
            return pages[0]...pages[1]
        }
    }

    public struct Reply: Codable, Equatable, Sendable {
        public enum Status: String, Codable, Sendable { case document, error, unchanged, split, lines }
        public var status: Status
        /// Of the input; `format` and `sha256` when known.
        public var source: ErrorRecord.Source
        /// For `error`.
        public var error: ErrorRecord.Failure?
        /// For `document`: its page and initiative counts, for progress and
        /// summary; for `split` and `lines`: the document's page count.
        public var pages: Int = 0
        public var initiatives: Int = 0
        /// For `lines`: how many messages poppler logged while reading them.
        public var messages: Int = 0
        /// Length of the payload after the header line.
        public var bytes: Int = 0

        public init(status: Status, source: ErrorRecord.Source, error: ErrorRecord.Failure? = nil,
                    pages: Int = 0, initiatives: Int = 0, messages: Int = 0, bytes: Int = 0) {
            self.status = status; self.source = source; self.error = error
            self.pages = pages; self.initiatives = initiatives; self.messages = messages; self.bytes = bytes
        }
    }

    /// A message's header line, newline included.
    public static func line<T: Encodable>(_ value: T) throws -> Data {
        try JSONOutput.encode(value, pretty: false)
    }

    /// Splits one complete reply off the front of `buffer`, if it holds one.
    public static func takeReply(from buffer: inout Data) throws -> (Reply, Data)? {
        guard let newline = buffer.firstIndex(of: 0x0A) else { return nil }
        let reply = try JSONDecoder().decode(Reply.self, from: buffer[buffer.startIndex..<newline])
        let payloadStart = buffer.index(after: newline)
        guard buffer.endIndex - payloadStart >= reply.bytes else { return nil }
        let payloadEnd = payloadStart + reply.bytes
        let payload = Data(buffer[payloadStart..<payloadEnd])
        buffer = Data(buffer[payloadEnd...])
        return (reply, payload)
    }
}
