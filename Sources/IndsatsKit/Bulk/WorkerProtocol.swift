import Foundation

/// What the batch parent and an `indsats worker` process say over the
/// worker's standard input and output. A request is one JSON line; a reply
/// is one JSON line (its header) followed by exactly `bytes` bytes of
/// payload: the document's JSON, as `indsats extract` would print it.
/// JSON strings escape newlines, so a line is always one message.
public enum WorkerProtocol {
    public struct Request: Codable, Equatable, Sendable {
        public var path: String
        /// Reply `unchanged` without converting when the input's SHA-256 is this (resume).
        public var unlessSHA256: String?

        public init(path: String, unlessSHA256: String? = nil) { self.path = path; self.unlessSHA256 = unlessSHA256 }
    }

    public struct Reply: Codable, Equatable, Sendable {
        public enum Status: String, Codable, Sendable { case document, error, unchanged }
        public var status: Status
        /// Of the input; `format` and `sha256` when known.
        public var source: ErrorRecord.Source
        /// For `error`.
        public var error: ErrorRecord.Failure?
        /// For `document`: its page and initiative counts, for progress and summary.
        public var pages: Int = 0
        public var initiatives: Int = 0
        /// Length of the payload after the header line.
        public var bytes: Int = 0

        public init(status: Status, source: ErrorRecord.Source, error: ErrorRecord.Failure? = nil,
                    pages: Int = 0, initiatives: Int = 0, bytes: Int = 0) {
            self.status = status; self.source = source; self.error = error
            self.pages = pages; self.initiatives = initiatives; self.bytes = bytes
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
